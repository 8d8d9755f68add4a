/*
 * page.js: the what-if page in headless chromium (Debian's, driven by
 * playwright-core over the DevTools protocol).
 * Usage: node page.js WEBDIR DTSIM SCENARIOS OUTDIR
 *   WEBDIR     the built page (make web)
 *   DTSIM      the native dtsim
 *   SCENARIOS  the bundled scenarios (copied next to the downloaded file,
 *              which extends one of them)
 *   OUTDIR     where the screenshot and the downloaded scenario go
 * Opens WEBDIR/index.html from file://, then, with the keyboard only:
 * moves sliders and types into fields (size, budget, an allocation share,
 * a loan, a grant, the mandate), checks that every control has a label,
 * is reached with Tab and shows a visible focus outline; downloads the
 * scenario, runs `dtsim check` and `dtsim run` on it and compares every
 * KPI with the page's (1e-12 relative, as web/test/wasm_native.js) and
 * the key figures shown with the native ones; switches to German; on
 * big_bang, whose budget and allocation change in 2029, moves the budget
 * and a share and checks that every year is scaled (the budget) or
 * shifted (the share) alike, that the slider shows and says 2026's value,
 * and that the download (with [budget@2029]) gives the page's KPIs;
 * prints the time from each input to the charts drawn again (the page's
 * performance.now() figures: a measurement, not a pass/fail criterion);
 * fails on any request that is not file:, data: or blob:, on any console
 * error (a Content-Security-Policy violation is one) and on any page
 * error; opens the page once more over HTTP from a static server it starts
 * on 127.0.0.1 (any static host), which must be the only one asked for a
 * file; saves OUTDIR/web-screenshot.png. Exit status 1 on any failure.
 */
'use strict';

const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { chromium } = require('playwright-core');

const REL_TOL = 1e-12;
const ABS_TOL = 1e-9;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

function fail(msg) {
	console.error('page: FAILED: ' + msg);
	process.exitCode = 1;
	throw new Error(msg);
}

function check(cond, msg) {
	if (!cond)
		fail(msg);
}

function readCsv(file) {
	const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length);
	const split = (l) => l.split(',').map((f) => f.replace(/^"|"$/g, ''));
	return { head: split(lines[0]), rows: lines.slice(1).map(split) };
}

function close(a, b) {
	if (Number.isNaN(a) || Number.isNaN(b))
		return Number.isNaN(a) && Number.isNaN(b);
	const d = Math.abs(a - b);
	const m = Math.max(Math.abs(a), Math.abs(b));
	return d <= ABS_TOL || d <= REL_TOL * m;
}

function median(a) {
	const s = a.slice().sort((x, y) => x - y);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/*
 * Clicks "Download scenario" on page (starting scenario id), checks the
 * file against the page's text, runs dtsim check and dtsim run on it beside
 * a copy of the bundled scenarios, and compares every KPI of summary.csv
 * with the page's. Returns { n: KPIs compared, text, native: KPI values }.
 */
async function downloadAndRun(page, id, dtsim, scenarios, outdir) {
	const kpis = await page.evaluate(() => dtsimWhatIf.kpis());
	const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dtsim-webtest-'));
	try {
		for (const f of fs.readdirSync(scenarios))
			fs.copyFileSync(path.join(scenarios, f), path.join(work, f));
		check(dl.suggestedFilename() === id + '-whatif.ini', 'download name ' + dl.suggestedFilename());
		const file = path.join(work, dl.suggestedFilename());
		await dl.saveAs(file);
		fs.copyFileSync(file, path.join(outdir, dl.suggestedFilename()));
		const text = fs.readFileSync(file, 'utf8');
		check(text === await page.evaluate(() => dtsimWhatIf.scenarioText()), 'the download is not the page\'s scenario');
		check(new RegExp('^extends = ' + id + '\\.ini$', 'm').test(text), 'the download does not extend ' + id + '.ini');
		execFileSync(dtsim, ['check', file], { stdio: ['ignore', 'ignore', 'inherit'] });
		const res = path.join(work, 'out');
		execFileSync(dtsim, ['run', '-o', res, file], { stdio: ['ignore', 'ignore', 'inherit'] });
		const s = readCsv(path.join(res, 'summary.csv'));
		const native = {};
		let n = 0;
		s.head.forEach((name, c) => {
			if (!(name in kpis))
				return;
			const v = s.rows[0][c] === '' ? NaN : Number(s.rows[0][c]);
			check(close(v, kpis[name]), id + ': KPI ' + name + ': dtsim run ' + v + ', page ' + kpis[name]);
			native[name] = v;
			n++;
		});
		check(n >= 30, 'only ' + n + ' KPIs compared');
		return { n: n, text: text, native: native };
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

async function main() {
	const [webdir, dtsim, scenarios, outdir] = process.argv.slice(2);
	if (!outdir)
		fail('usage: node page.js WEBDIR DTSIM SCENARIOS OUTDIR');
	fs.mkdirSync(outdir, { recursive: true });
	const args = process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [];
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: args, headless: true });
	const problems = [];
	const requests = [];
	try {
		const context = await browser.newContext({ acceptDownloads: true,
			viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
		const page = await context.newPage();
		page.on('request', (r) => requests.push(r.url()));
		page.on('console', (m) => {
			if (m.type() === 'error' || m.type() === 'warning')
				problems.push('console ' + m.type() + ': ' + m.text().slice(0, 300));
		});
		page.on('pageerror', (e) => problems.push('page error: ' + e.message));
		const url = 'file://' + path.resolve(webdir, 'index.html');
		await page.goto(url);
		await page.waitForFunction(() => window.dtsimWhatIf && window.dtsimWhatIf.ready, null,
			{ timeout: 20000 });
		check(await page.evaluate(() => dtsimWhatIf.scenario()) === 'baseline', 'starts with the baseline');

		/* Every control is labelled and reached with Tab, in order. */
		const ids = await page.evaluate(() => [...document.querySelectorAll('input, select, button')]
			.map((e) => e.id));
		const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select')]
			.filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-labelledby'))
			.map((e) => e.id));
		check(unlabelled.length === 0, 'controls without a label: ' + unlabelled.join(', '));
		const reached = new Set();
		await page.evaluate(() => document.activeElement && document.activeElement.blur());
		for (let i = 0; i < ids.length + 5; i++) {
			await page.keyboard.press('Tab');
			const f = await page.evaluate(() => {
				const e = document.activeElement;
				const cs = getComputedStyle(e);
				return { id: e.id, outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth) };
			});
			if (f.id) {
				reached.add(f.id);
				check(f.outline !== 'none' && f.width >= 2,
					'#' + f.id + ' has no visible focus (outline ' + f.outline + ' ' + f.width + 'px)');
			}
		}
		const missed = ids.filter((id) => !reached.has(id));
		check(missed.length === 0, 'not reached with Tab: ' + missed.join(', '));

		/* Sliders, with the keyboard; each move is one 15-year run. */
		const timings = [];
		async function keys(id, key, n) {
			await page.focus('#' + id);
			for (let i = 0; i < n; i++) {
				const before = await page.evaluate(() => dtsimWhatIf.timing().runs);
				await page.keyboard.press(key);
				await page.waitForFunction((b) => dtsimWhatIf.timing().runs > b, before);
				timings.push(await page.evaluate(() => dtsimWhatIf.timing().last));
			}
		}
		async function type(id, text) {
			const before = await page.evaluate(() => dtsimWhatIf.timing().runs);
			await page.focus('#' + id);
			await page.keyboard.press('Control+A');
			await page.keyboard.type(text);
			await page.keyboard.press('Tab');
			await page.waitForFunction((b) => dtsimWhatIf.timing().runs > b, before);
		}
		await keys('c-municipality-inhabitants', 'ArrowRight', 10);
		await keys('c-allocation-literacy', 'ArrowRight', 8);
		await keys('c-allocation-infrastructure', 'ArrowLeft', 6);
		await keys('c-budget-transformation_eur', 'ArrowRight', 12);
		check((await page.evaluate(() => dtsimWhatIf.error())) === '', 'an error after the sliders');
		await type('c-loan-whatif-principal_eur-n', '2385000');
		await type('c-grant-whatif-amount_eur-n', '450000');
		await type('c-grant-whatif-cofunding_share-n', '30');
		await page.focus('#c-mandate-active');
		const before = await page.evaluate(() => dtsimWhatIf.timing().runs);
		await page.keyboard.press('Space');
		await page.waitForFunction((b) => dtsimWhatIf.timing().runs > b, before);
		await type('c-mandate-deadline_year-n', '2031');
		check((await page.evaluate(() => dtsimWhatIf.error())) === '', 'an error after the fields: ' +
			await page.evaluate(() => dtsimWhatIf.error()));
		const sum = await page.evaluate(() => document.getElementById('allocation-sum').textContent);
		check(/100/.test(sum), 'the allocation does not sum to 100 %: ' + sum);

		const kpis = await page.evaluate(() => dtsimWhatIf.kpis());
		const baseKpis = await page.evaluate(() => dtsimWhatIf.baseKpis());
		check(kpis.pv_cost_eur !== baseKpis.pv_cost_eur, 'the changes did not change the PV of own cost');
		const shown = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll(
			'#keyfigures tbody tr')].map((tr) => [tr.id, tr.querySelector('td.now').textContent])));

		const r = await downloadAndRun(page, 'baseline', dtsim, scenarios, outdir);
		/* The key figures as shown: the native numbers, formatted. */
		const m = (v) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(v / 1e6) + ' M EUR';
		check(shown.kf_pv_cost === m(r.native.pv_cost_eur), 'PV own cost shown ' + shown.kf_pv_cost +
			', dtsim run ' + r.native.pv_cost_eur);
		check(shown.kf_pv_net === m(r.native.pv_net_benefit_eur), 'PV net benefit shown ' + shown.kf_pv_net);
		check(shown.kf_target_year === (Number.isNaN(r.native.target_year) ? 'not by 2040'
			: String(r.native.target_year)), 'target year shown ' + shown.kf_target_year);
		console.log('page: baseline: dtsim check and dtsim run on the downloaded scenario give the page\'s ' +
			r.n + ' KPIs; key figures shown: ' + JSON.stringify(shown));
		console.log('page: downloaded scenario:\n' + r.text.replace(/^/gm, '  '));

		await page.screenshot({ path: path.join(outdir, 'web-screenshot.png'), fullPage: true });

		/* German. */
		await page.focus('#lang');
		await page.keyboard.press('Enter');
		check(await page.evaluate(() => document.documentElement.lang) === 'de', 'no German after the button');
		check(await page.evaluate(() => document.getElementById('kf-title').textContent) === 'Kennzahlen',
			'the key figures are not titled in German');
		const english = await page.evaluate(() => [...document.querySelectorAll('label')]
			.map((l) => l.textContent).filter((t) => /^(Share|[A-Z][a-z]+ (definition|literacy|transfer))/.test(t)));
		check(english.length === 0, 'labels left in English: ' + english.join(', '));

		/* The horizon: 25 years. */
		await type('c-sim-years-n', '25');
		check((await page.evaluate(() => dtsimWhatIf.kpis())).total_investment_eur > kpis.total_investment_eur,
			'25 years did not invest more than 15');

		/* A value beyond the registry's range is refused by the C model with
		 * the registry's words, and the page keeps the last good run. */
		await page.focus('#c-municipality-inhabitants-n');
		await page.keyboard.press('Control+A');
		await page.keyboard.type('23850000');
		await page.keyboard.press('Tab');
		const err = await page.evaluate(() => dtsimWhatIf.error());
		check(/municipality\.inhabitants = 2\.385e\+07 is out of range; allowed: 1000 to 10000000/.test(err),
			'no range error from the model: ' + err);

		/* A year block: change_first sets the allocation again from 2028, so
		 * a share moved here must be written into [allocation@2028] too. */
		await page.evaluate(() => dtsimWhatIf.choose('change_first'));
		await keys('c-allocation-infrastructure', 'ArrowRight', 6);
		const cf = await downloadAndRun(page, 'change_first', dtsim, scenarios, outdir);
		check(/^\[allocation@2028\]$/m.test(cf.text), 'no [allocation@2028] in\n' + cf.text);
		/* A ramp: big_bang's budget is 25 EUR per inhabitant until 2028 and
		 * 4.5 from 2029 (auto: derived from transformation_per_inhabitant_eur),
		 * and its allocation changes in 2029. The budget slider shows 2026's
		 * value and scales every year by the same factor; a share moves by
		 * the same amount in every year (README, "The what-if page"). */
		await page.evaluate(() => dtsimWhatIf.choose('big_bang'));
		const yv = (name) => page.evaluate((n) => dtsimWhatIf.yearValues(n), name);
		const budget0 = await yv('budget.transformation_eur');
		const infra0 = await yv('allocation.infrastructure');
		check(budget0[3] < budget0[2] && infra0[3] !== infra0[2], 'big_bang has no ramp in 2029: ' + budget0);
		const rampNote = await page.evaluate(() => dtsimWhatIf.rampText('budget.transformation_eur'));
		/* The page is in German since the language test above. */
		check(/2026: .*2029: /.test(rampNote) && /Regler zeigt den Wert von 2026/.test(rampNote),
			'the budget slider does not say it shows 2026 of a ramp: ' + rampNote);
		const shown0 = Number(await page.evaluate(() => document.getElementById('c-budget-transformation_eur-n').value));
		check(shown0 === budget0[0], 'the budget field shows ' + shown0 + ', not 2026\'s ' + budget0[0]);
		await keys('c-budget-transformation_eur', 'ArrowLeft', 20);
		await keys('c-allocation-infrastructure', 'ArrowLeft', 10);
		const budget1 = await yv('budget.transformation_eur');
		const infra1 = await yv('allocation.infrastructure');
		const shown1 = Number(await page.evaluate(() => document.getElementById('c-budget-transformation_eur-n').value));
		check(shown1 === budget1[0] && shown1 < budget0[0], 'the budget field shows ' + shown1 + ', 2026 runs ' + budget1[0]);
		for (let y = 0; y < budget0.length; y++) {
			check(close(budget1[y] / budget1[0], budget0[y] / budget0[0]),
				'budget ' + (2026 + y) + ': ' + budget1[y] + ' is not scaled by ' + budget1[0] / budget0[0]);
			check(close(infra1[y] - infra1[0], infra0[y] - infra0[0]),
				'infrastructure ' + (2026 + y) + ': ' + infra1[y] + ' is not shifted by ' + (infra1[0] - infra0[0]));
		}
		const bb = await downloadAndRun(page, 'big_bang', dtsim, scenarios, outdir);
		check(/^\[budget@2029\]$/m.test(bb.text) && /^\[allocation@2029\]$/m.test(bb.text),
			'no [budget@2029] and [allocation@2029] in\n' + bb.text);
		console.log('page: big_bang (a budget and an allocation that change in 2029): the budget slider ' +
			'scaled every year by ' + (budget1[0] / budget0[0]).toFixed(4) + ', infrastructure moved by ' +
			((infra1[0] - infra0[0]) * 100).toFixed(1) + ' points in every year; dtsim run on the download ' +
			'gives the page\'s ' + bb.n + ' KPIs');
		/* A named section: borrow_to_invest's loan is [loan.kfw]. */
		await page.evaluate(() => dtsimWhatIf.choose('borrow_to_invest'));
		await type('c-loan-kfw-principal_eur-n', '4770000');
		await keys('c-loan-kfw-interest_rate', 'ArrowLeft', 4);
		const bi = await downloadAndRun(page, 'borrow_to_invest', dtsim, scenarios, outdir);
		check(/^\[loan\.kfw\]$/m.test(bi.text) && !/whatif\]/.test(bi.text), 'not [loan.kfw] in\n' + bi.text);
		console.log('page: change_first (a year block) and borrow_to_invest (a named loan): dtsim run on ' +
			'the downloads gives the page\'s ' + cf.n + ' and ' + bi.n + ' KPIs');

		/* Any static host: the same page over HTTP from a server on this
		 * machine; it asks that server alone for its files. */
		const hostRequests = [];
		const server = http.createServer((req, res) => {
			const name = path.basename(decodeURIComponent(req.url.split('?')[0])) || 'index.html';
			const file = path.join(webdir, name);
			if (!fs.existsSync(file)) {
				res.writeHead(404);
				res.end();
				return;
			}
			const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
			res.writeHead(200, { 'Content-Type': (type[path.extname(name)] || 'application/octet-stream') +
				'; charset=utf-8' });
			res.end(fs.readFileSync(file));
		});
		await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
		try {
			const origin = 'http://127.0.0.1:' + server.address().port;
			const hp = await context.newPage();
			hp.on('request', (r) => hostRequests.push(r.url()));
			hp.on('console', (m) => {
				if (m.type() === 'error')
					problems.push('http console error: ' + m.text().slice(0, 300));
			});
			await hp.goto(origin + '/index.html');
			await hp.waitForFunction(() => window.dtsimWhatIf && window.dtsimWhatIf.ready, null, { timeout: 20000 });
			const hk = await hp.evaluate(() => dtsimWhatIf.baseKpis());
			check(hk.pv_cost_eur === baseKpis.pv_cost_eur, 'over HTTP the baseline gives another PV of own cost');
			const away = hostRequests.filter((u) => !u.startsWith(origin + '/') && !/^data:/.test(u));
			check(away.length === 0, 'over HTTP, requests elsewhere: ' + away.join(', '));
			await hp.close();
			console.log('page: over HTTP from a static server: the same baseline, ' + hostRequests.length +
				' requests, all to that server');
		} finally {
			server.close();
		}

		const other = requests.filter((u) => !/^(file|data|blob):/.test(u));
		check(other.length === 0, 'network requests: ' + other.join(', '));
		check(problems.length === 0, problems.join('\n'));
		console.log('page: ' + requests.length + ' requests, all file:, data: or blob:; no console error');
		console.log('page: input to charts drawn (' + timings.length + ' slider moves, 15-year runs): median ' +
			median(timings).toFixed(1) + ' ms, max ' + Math.max(...timings).toFixed(1) + ' ms');
		console.log('page: keyboard: ' + reached.size + ' controls reached with Tab, each labelled with a visible focus');
		console.log('page: screenshot ' + path.join(outdir, 'web-screenshot.png'));
	} finally {
		await browser.close();
	}
}

main().catch((e) => {
	if (!process.exitCode)
		console.error('page: FAILED: ' + (e.stack || e));
	process.exitCode = 1;
});

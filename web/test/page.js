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
 * the key figures shown with the native ones; switches to German;
 * prints the time from each input to the charts drawn again (the page's
 * performance.now() figures: a measurement, not a pass/fail criterion);
 * fails on any request that is not file:, data: or blob:, on any console
 * error (a Content-Security-Policy violation is one) and on any page
 * error; saves OUTDIR/web-screenshot.png. Exit status 1 on any failure.
 */
'use strict';

const fs = require('fs');
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

		/* Download, then dtsim check and dtsim run on the file. */
		const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
		const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dtsim-webtest-'));
		try {
			for (const f of fs.readdirSync(scenarios))
				fs.copyFileSync(path.join(scenarios, f), path.join(work, f));
			const file = path.join(work, dl.suggestedFilename());
			check(dl.suggestedFilename() === 'baseline-whatif.ini', 'download name ' + dl.suggestedFilename());
			await dl.saveAs(file);
			fs.copyFileSync(file, path.join(outdir, dl.suggestedFilename()));
			const text = fs.readFileSync(file, 'utf8');
			check(text === await page.evaluate(() => dtsimWhatIf.scenarioText()), 'the download is not the page\'s scenario');
			check(/^extends = baseline\.ini$/m.test(text), 'the download does not extend baseline.ini');
			execFileSync(dtsim, ['check', file], { stdio: ['ignore', 'ignore', 'inherit'] });
			const res = path.join(work, 'out');
			execFileSync(dtsim, ['run', '-o', res, file], { stdio: ['ignore', 'ignore', 'inherit'] });
			const s = readCsv(path.join(res, 'summary.csv'));
			let n = 0;
			s.head.forEach((name, c) => {
				if (!(name in kpis))
					return;
				const v = s.rows[0][c] === '' ? NaN : Number(s.rows[0][c]);
				check(close(v, kpis[name]), 'KPI ' + name + ': dtsim run ' + v + ', page ' + kpis[name]);
				n++;
			});
			check(n >= 30, 'only ' + n + ' KPIs compared');
			/* The key figures as shown: the native numbers, formatted. */
			const native = (k) => Number(s.rows[0][s.head.indexOf(k)]);
			const m = (v) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(v / 1e6) + ' M EUR';
			check(shown.kf_pv_cost === m(native('pv_cost_eur')), 'PV own cost shown ' + shown.kf_pv_cost +
				', dtsim run ' + native('pv_cost_eur'));
			check(shown.kf_pv_net === m(native('pv_net_benefit_eur')), 'PV net benefit shown ' + shown.kf_pv_net);
			const ty = s.rows[0][s.head.indexOf('target_year')];
			check(shown.kf_target_year === (ty === '' ? 'not by 2040' : ty), 'target year shown ' +
				shown.kf_target_year + ', dtsim run "' + ty + '"');
			console.log('page: dtsim check and dtsim run on the downloaded scenario give the page\'s ' + n +
				' KPIs; key figures shown: ' + JSON.stringify(shown));
			console.log('page: downloaded scenario:\n' + text.replace(/^/gm, '  '));
		} finally {
			fs.rmSync(work, { recursive: true, force: true });
		}

		await page.screenshot({ path: path.join(outdir, 'web-screenshot.png'), fullPage: true });

		/* German. */
		await page.focus('#lang');
		await page.keyboard.press('Enter');
		check(await page.evaluate(() => document.documentElement.lang) === 'de', 'no German after the button');
		check(await page.evaluate(() => document.getElementById('kf-title').textContent) === 'Kennzahlen',
			'the key figures are not titled in German');

		/* The horizon: 25 years. */
		await type('c-sim-years-n', '25');
		check((await page.evaluate(() => dtsimWhatIf.kpis())).total_investment_eur > kpis.total_investment_eur,
			'25 years did not invest more than 15');

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

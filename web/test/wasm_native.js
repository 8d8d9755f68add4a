/*
 * wasm_native.js: the WebAssembly build and the native dtsim give the same
 * numbers. Usage: node wasm_native.js WEBDIR RESULTS
 *   WEBDIR   the built page (make web): dtsim.js, data.js, whatif.js
 *   RESULTS  the results of the native `dtsim run -o RESULTS` on the same
 *            scenarios (SCENARIO.csv and summary.csv)
 * For every scenario of data.js, runs its parameters unchanged through
 * the WebAssembly model (web/src/whatif.js, as the page does) and compares
 * every cell of SCENARIO.csv and every KPI of summary.csv with it: equal
 * within WEB_REL_TOL relative to the larger magnitude, or both within
 * WEB_ABS_TOL of 0 (see the README, "The what-if page", for why not
 * bit for bit). An empty CSV field is a KPI that does not exist (NaN).
 * Then the same for what the page writes: on every scenario a change of
 * each lever (inhabitants, budget, the whole allocation, a loan, a grant,
 * the mandate, a 20-year horizon) is run in WebAssembly and written as the
 * page's download (whatif.js); the native dtsim runs every download (beside
 * a copy of SCENARIOS, which they extend) and must give the same numbers.
 * Where the budget or the allocation changes from year to year, the years
 * run must keep the ramp as the README says (ramps()).
 * Prints the largest difference found; exit status 1 on any mismatch.
 * Usage: node wasm_native.js WEBDIR RESULTS DTSIM SCENARIOS
 */
'use strict';

const fs = require('fs');
const os = require('os');
const { execFileSync } = require('child_process');
const path = require('path');
const vm = require('vm');

/* Relative tolerance (the 1e-12) and the magnitude below which two
 * numbers count as zero: values are EUR (up to 1e9), shares and indices;
 * 1e-9 EUR or 1e-9 of a share is far below any digit the page shows. */
const WEB_REL_TOL = 1e-12;
const WEB_ABS_TOL = 1e-9;

function fail(msg) {
	console.error('wasm_native: ' + msg);
	process.exit(1);
}

/* Reads dtsim's CSV (every field quoted, no quote inside a number). */
function readCsv(file) {
	const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length);
	const split = (l) => l.split(',').map((f) => f.replace(/^"|"$/g, ''));
	return { head: split(lines[0]), rows: lines.slice(1).map(split) };
}

function num(s) {
	return s === '' ? NaN : Number(s);
}

/* web/src/whatif.js as built into WEBDIR (main loads it). */
let WhatIf = null;
let worst = { rel: 0, where: '' };
let compared = 0;

function same(a, b, where) {
	compared++;
	if (Number.isNaN(a) || Number.isNaN(b)) {
		if (Number.isNaN(a) !== Number.isNaN(b))
			fail(where + ': native ' + a + ', wasm ' + b);
		return;
	}
	const d = Math.abs(a - b);
	const m = Math.max(Math.abs(a), Math.abs(b));
	if (m <= WEB_ABS_TOL && d <= WEB_ABS_TOL)
		return;
	const rel = d / m;
	if (rel > worst.rel)
		worst = { rel: rel, where: where + ' (native ' + a + ', wasm ' + b + ')' };
	if (rel > WEB_REL_TOL)
		fail(where + ': native ' + a + ', wasm ' + b + ', relative difference ' + rel.toExponential(2));
}

async function main() {
	const [webdir, results, dtsim, scenarios] = process.argv.slice(2);
	if (!scenarios)
		fail('usage: node wasm_native.js WEBDIR RESULTS DTSIM SCENARIOS');
	/* data.js is `var DTSIM_DATA = {...};`, as the page loads it. */
	const ctx = {};
	vm.runInNewContext(fs.readFileSync(path.join(webdir, 'data.js'), 'utf8'), ctx);
	const data = ctx.DTSIM_DATA;
	WhatIf = require(path.resolve(webdir, 'whatif.js'));
	const createDtsim = require(path.resolve(webdir, 'dtsim.js'));
	const mod = await createDtsim();
	const engine = new WhatIf.Engine(mod, data, 100);
	const summary = readCsv(path.join(results, 'summary.csv'));

	for (const sc of data.scenarios)
		compare(data, sc.id, engine.run(WhatIf.inputs(data, sc, [], engine)), results, summary);
	const unchanged = compared;

	/* What the page writes, run natively. */
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dtsim-whatif-'));
	try {
		for (const f of fs.readdirSync(scenarios))
			fs.copyFileSync(path.join(scenarios, f), path.join(work, f));
		const runs = [];
		for (const sc of data.scenarios) {
			const ch = levers(data, sc);
			ramps(data, sc, ch, engine);
			runs.push([sc, engine.run(WhatIf.inputs(data, sc, ch, engine))]);
			fs.writeFileSync(path.join(work, sc.id + '-whatif.ini'), WhatIf.scenarioText(data, sc, ch, null, engine));
		}
		const out = path.join(work, 'out');
		execFileSync(dtsim, ['run', '-o', out, ...data.scenarios.map((sc) =>
			path.join(work, sc.id + '-whatif.ini'))], { stdio: ['ignore', 'ignore', 'inherit'] });
		const sum = readCsv(path.join(out, 'summary.csv'));
		for (const [sc, res] of runs)
			compare(data, sc.id + '-whatif', res, out, sum);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	if (!(ramp.budget >= 3 && ramp.shares >= 5 && ramp.clipped >= 1))
		fail('too few ramps tried: ' + JSON.stringify(ramp));
	zeroFirstYear(data, engine);
	console.log('wasm_native: a changed budget kept its ramp, scaled, in ' + ramp.budget +
		' scenarios, and the allocation its ramp, shifted, in ' + ramp.shares + ' (' + ramp.clipped +
		' with a year whose shares were clipped at 0 and scaled back to 1)');
	console.log('wasm_native: ' + data.scenarios.length + ' scenarios, ' + unchanged +
		' numbers: WebAssembly equals native dtsim run; and ' + (compared - unchanged) +
		' numbers of their what-if downloads (every lever changed), run by native dtsim;' +
		' largest relative difference ' + worst.rel.toExponential(2) +
		(worst.where ? ' at ' + worst.where : ''));
}

/* A change of every lever of the page on sc, the way the page makes them:
 * a named loan or grant the scenario has, else a new one with its first
 * year; the allocation whole (equal shares, the rest of 1000 permille on
 * the first); years bounded by the rules between keys. */
function levers(data, sc) {
	const raw = (name) => {
		const f = WhatIf.findParam(data, name);
		return sc.first[f.def.slot];
	};
	const named = (kind) => {
		const k = data.named.indexOf(kind);
		return sc.named_names[k].length ? sc.named_names[k][0] : 'whatif';
	};
	const slotOf = (kind, name, key) => {
		const k = data.named.indexOf(kind);
		const i = sc.named_names[k].indexOf(name);
		const f = WhatIf.findParam(data, kind + '.x.' + key);
		return i < 0 ? null : sc.first[f.def.slot + i];
	};
	const inh = raw('municipality.inhabitants');
	const ch = [
		{ name: 'municipality.inhabitants', value: Math.round(inh * 1.125) },
		{ name: 'budget.transformation_eur', value: Math.round(inh * 5.2) },
		{ name: 'mandate.active', value: 1 },
		{ name: 'mandate.deadline_year', value: Math.max(raw('mandate.start_year'), sc.start_year) + 6 },
		{ name: 'mandate.target', value: 0.7 },
		{ name: 'sim.years', value: 20 },
	];
	const shares = data.params.filter((p) => (p.flags & 2) && p.section === 'allocation');
	const each = Math.floor(1000 / shares.length);
	shares.forEach((p, i) => ch.push({ name: p.name,
		value: (i === 0 ? 1000 - each * (shares.length - 1) : each) / 1000 }));
	const loan = named('loan');
	ch.push({ name: 'loan.' + loan + '.principal_eur', value: Math.round(inh * 12.5) });
	if (slotOf('loan', loan, 'draw_year') === null)
		ch.push({ name: 'loan.' + loan + '.draw_year', value: sc.start_year });
	const grant = named('grant');
	const first = slotOf('grant', grant, 'first_year');
	ch.push({ name: 'grant.' + grant + '.amount_eur', value: Math.round(inh * 2.385) });
	ch.push({ name: 'grant.' + grant + '.cofunding_share', value: 0.3 });
	if (first === null)
		ch.push({ name: 'grant.' + grant + '.first_year', value: sc.start_year });
	ch.push({ name: 'grant.' + grant + '.last_year', value: (first === null ? sc.start_year : first) + 3 });
	return ch;
}

/*
 * The years of the yearly keys that changes ch set on sc (the budget and
 * the shares), against the rule of the README ("The what-if page"), from
 * the years without them (the other changes made, auto values derived):
 * the budget scaled by one factor, each share shifted by one amount, and
 * in a year where a share went below 0, the shares clipped at 0 and
 * divided by their sum. Counts the scenarios where a key has a ramp.
 */
const ramp = { budget: 0, shares: 0, clipped: 0 };
function ramps(data, sc, ch, engine) {
	const np = data.nparam;
	const yearly = (c) => WhatIf.findParam(data, c.name).def.flags & 1;
	const before = engine.derive(WhatIf.inputs(data, sc, ch.filter((c) => !yearly(c)), engine));
	const inp = WhatIf.inputs(data, sc, ch, engine);
	if (!before.ok)
		fail(sc.id + ': ' + before.error);
	const b = (slot, y) => before.values[y * np + slot];
	const v = (slot, y) => inp.values[y * np + slot];
	const tr = WhatIf.findParam(data, 'budget.transformation_eur').def.slot;
	const shares = data.params.filter((p) => (p.flags & 2) && p.section === 'allocation');
	const value = (name) => ch.find((c) => c.name === name).value;
	let budgetRamp = false, shareRamp = false, clipped = false;
	for (let y = 0; y < inp.years; y++) {
		const where = sc.id + ' year ' + (sc.start_year + y) + ': ';
		const want = value('budget.transformation_eur') * b(tr, y) / b(tr, 0);
		if (Math.abs(v(tr, y) - want) > WEB_REL_TOL * want)
			fail(where + 'budget ' + v(tr, y) + ', scaled ' + want);
		budgetRamp = budgetRamp || b(tr, y) !== b(tr, 0);
		const shifted = shares.map((p) => Math.max(0, b(p.slot, y) + value(p.name) - b(p.slot, 0)));
		const sum = shifted.reduce((a, x) => a + x, 0);
		const cut = shares.some((p) => b(p.slot, y) + value(p.name) - b(p.slot, 0) < 0);
		shares.forEach((p, i) => {
			const want = cut ? shifted[i] / sum : shifted[i];
			if (Math.abs(v(p.slot, y) - want) > 1e-15)
				fail(where + p.name + ' ' + v(p.slot, y) + ', shifted ' + want);
			shareRamp = shareRamp || b(p.slot, y) !== b(p.slot, 0);
		});
		clipped = clipped || cut;
	}
	ramp.budget += budgetRamp;
	ramp.shares += shareRamp;
	ramp.clipped += clipped;
}

/* A budget of 0 in the first year has no factor: it shifts. The baseline
 * with a budget of 0 in 2026 and 500,000 EUR from 2029 (a year block, as
 * data.js writes one), set to 100,000 EUR: 600,000 EUR from 2029. */
function zeroFirstYear(data, engine) {
	const base = data.scenarios.find((s) => s.id === 'baseline');
	const tr = WhatIf.findParam(data, 'budget.transformation_eur').def.slot;
	const sc = Object.assign({}, base, { first: base.first.slice(), diff: base.diff.map((d) => d.slice()) });
	delete sc._raw;
	sc.first[tr] = 0;
	sc.diff[2].push([tr, 500000]);
	const inp = WhatIf.inputs(data, sc, [{ name: 'budget.transformation_eur', value: 100000 }], engine);
	const got = [0, 2, 3, 14].map((y) => inp.values[y * data.nparam + tr]);
	if (got.join() !== '100000,100000,600000,600000')
		fail('a budget of 0 in 2026 and 500,000 EUR from 2029, set to 100,000: ' + got.join(', '));
}

/* Compares run res of the scenario with results id in DIR (id.csv and
 * the summary's row id). */
function compare(data, id, res, dir, summary) {
	if (!res.ok)
		fail(id + ': ' + res.error);
	const csv = readCsv(path.join(dir, id + '.csv'));
	if (csv.rows.length !== res.rows)
		fail(id + ': native ' + csv.rows.length + ' rows, wasm ' + res.rows);
	csv.head.forEach((name, c) => {
		const col = data.outvars.findIndex((o) => o.name === name);
		if (col < 0)
			fail(id + '.csv: column ' + name + ' is not an output variable');
		for (let r = 0; r < res.rows; r++)
			same(num(csv.rows[r][c]), res.series[r * res.cols + col],
				id + '.csv row ' + (r + 1) + ' ' + name);
	});
	const row = summary.rows.find((r) => r[0] === id);
	if (!row)
		fail('summary.csv has no row ' + id);
	summary.head.forEach((name, c) => {
		const k = data.kpis.findIndex((q) => q.name === name);
		if (k >= 0)
			same(num(row[c]), res.kpis[k], id + ' summary ' + name);
	});
}

main().catch((e) => fail(e.stack || String(e)));

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
 * Prints the largest difference found; exit status 1 on any mismatch.
 */
'use strict';

const fs = require('fs');
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
	const [webdir, results] = process.argv.slice(2);
	if (!webdir || !results)
		fail('usage: node wasm_native.js WEBDIR RESULTS');
	/* data.js is `var DTSIM_DATA = {...};`, as the page loads it. */
	const ctx = {};
	vm.runInNewContext(fs.readFileSync(path.join(webdir, 'data.js'), 'utf8'), ctx);
	const data = ctx.DTSIM_DATA;
	const WhatIf = require(path.resolve(webdir, 'whatif.js'));
	const createDtsim = require(path.resolve(webdir, 'dtsim.js'));
	const mod = await createDtsim();
	const engine = new WhatIf.Engine(mod, data, 100);
	const summary = readCsv(path.join(results, 'summary.csv'));

	for (const sc of data.scenarios) {
		const res = engine.run(WhatIf.inputs(data, sc, []));
		if (!res.ok)
			fail(sc.id + ': ' + res.error);
		const csv = readCsv(path.join(results, sc.id + '.csv'));
		if (csv.rows.length !== res.rows)
			fail(sc.id + ': native ' + csv.rows.length + ' rows, wasm ' + res.rows);
		csv.head.forEach((name, c) => {
			const col = data.outvars.findIndex((o) => o.name === name);
			if (col < 0)
				fail(sc.id + '.csv: column ' + name + ' is not an output variable');
			for (let r = 0; r < res.rows; r++)
				same(num(csv.rows[r][c]), res.series[r * res.cols + col],
					sc.id + '.csv row ' + (r + 1) + ' ' + name);
		});
		const row = summary.rows.find((r) => r[0] === sc.id);
		if (!row)
			fail('summary.csv has no row ' + sc.id);
		summary.head.forEach((name, c) => {
			const k = data.kpis.findIndex((q) => q.name === name);
			if (k >= 0)
				same(num(row[c]), res.kpis[k], sc.id + ' summary ' + name);
		});
	}
	console.log('wasm_native: ' + data.scenarios.length + ' scenarios, ' + compared +
		' numbers: WebAssembly equals native dtsim run; largest relative difference ' +
		worst.rel.toExponential(2) + (worst.where ? ' at ' + worst.where : ''));
}

main().catch((e) => fail(e.stack || String(e)));

/*
 * whatif.js: what the what-if page computes, without the page: the
 * parameters of every fiscal year from a scenario of `dtsim params --json`
 * and the user's changes, a run of the WebAssembly model (sim/webrun.c),
 * and the scenario file that reproduces the run with `dtsim run`.
 * A classic script (the page opens from file://, where modules do not
 * load): it defines WhatIf in the page, and module.exports under Node
 * (web/test/wasm_native.js and page.js use it there).
 *
 * A change is { name, value }: name is a registry name ("budget.
 * transformation_eur") or a key of a named section ("loan.NAME.
 * principal_eur"). A changed key holds its value in every fiscal year of
 * the run: the downloaded scenario sets it in its section and in every
 * year block [section@YEAR] of the starting scenario that sets it, so that
 * no block of the starting scenario overrides it (blocks apply after the
 * plain values; a later file's block of the same year wins).
 */
(function (root) {
	'use strict';

	/* The registry entry of a name, "section.key" or "section.NAME.key",
	 * with the named section's NAME. */
	function findParam(data, name) {
		const parts = name.split('.');
		if (parts.length === 3) {
			const p = data.params.find(
				(q) => q.section === parts[0] && q.key === parts[2] && (q.flags & 8));
			return p ? { def: p, inst: parts[1] } : null;
		}
		const p = data.params.find((q) => q.name === name && !(q.flags & 8));
		return p ? { def: p, inst: '' } : null;
	}

	/* The slot of a named section NAME of kind `kind` in scenario sc, or the
	 * next free slot when sc has none of that name; -1 when all are taken. */
	function namedSlot(data, sc, kind, inst) {
		const k = data.named.indexOf(kind);
		const i = sc.named_names[k].indexOf(inst);
		if (i >= 0)
			return i;
		return sc.named_count[k] < 8 ? sc.named_count[k] : -1;
	}

	/* The starting scenario's raw values of year k (auto: NaN), as an array
	 * of nparam doubles; cache holds every year once computed. */
	function rawYears(data, sc) {
		if (sc._raw)
			return sc._raw;
		const out = [];
		let cur = sc.first.map((v) => (v === null ? NaN : v));
		out.push(cur);
		for (const d of sc.diff) {
			cur = cur.slice();
			for (const [i, v] of d)
				cur[i] = v === null ? NaN : v;
			out.push(cur);
		}
		sc._raw = out;
		return out;
	}

	/*
	 * The inputs of a run: { years, named_count, values } with values
	 * years x nparam doubles (Float64Array), from scenario sc and changes
	 * (an array of { name, value }). Throws an Error naming a change that
	 * is not a registry key or not in range of the horizon.
	 */
	function inputs(data, sc, changes) {
		const np = data.nparam;
		const raw = rawYears(data, sc);
		const named = sc.named_count.slice();
		let years = sc.years;
		for (const c of changes)
			if (c.name === 'sim.years')
				years = c.value;
		if (!(years >= 1 && years <= sc.years_max && Math.floor(years) === years))
			throw new Error('sim.years = ' + years + ' is out of range; allowed: 1 to ' + sc.years_max);
		const values = new Float64Array(years * np);
		for (let k = 0; k < years; k++)
			values.set(raw[k], k * np);
		for (const c of changes) {
			const f = findParam(data, c.name);
			if (!f)
				throw new Error(c.name + ' is not a parameter');
			let slot = f.def.slot;
			if (f.inst) {
				const i = namedSlot(data, sc, f.def.section, f.inst);
				if (i < 0)
					throw new Error('[' + f.def.section + '.' + f.inst + '] is one section too many');
				const k = data.named.indexOf(f.def.section);
				named[k] = Math.max(named[k], i + 1);
				slot += i;
			}
			for (let y = 0; y < years; y++)
				values[y * np + slot] = c.value;
		}
		return { years: years, named_count: named, values: values };
	}

	/* A number as dtsim reads it back to the same double: JavaScript's
	 * shortest round-trip form, but never one that looks like German
	 * thousands grouping (1.234 for a key whose range reaches 10,000). */
	function formatNumber(v) {
		let s = String(v);
		if (/^[+-]?[1-9][0-9]{0,2}(\.[0-9]{3})+$/.test(s)) {
			const [a, b] = s.split('.');
			s = a + b + 'e-' + b.length;
		}
		return s;
	}

	/*
	 * The scenario file for changes on sc: [scenario] extends = ID.ini, then
	 * each changed key in its section and in every year block of sc that
	 * sets it (within the run's years), named sections by NAME.
	 */
	function scenarioText(data, sc, changes, meta) {
		const lines = [];
		const bySection = new Map();
		const start = sc.start_year;
		let years = sc.years;
		for (const c of changes)
			if (c.name === 'sim.years')
				years = c.value;
		function put(section, key, value) {
			if (!bySection.has(section))
				bySection.set(section, []);
			bySection.get(section).push(key + ' = ' + formatNumber(value));
		}
		for (const c of changes) {
			const f = findParam(data, c.name);
			if (!f)
				throw new Error(c.name + ' is not a parameter');
			const d = f.def;
			put(f.inst ? d.section + '.' + f.inst : d.section, d.key, c.value);
			for (const y of sc.blocks[d.name] || [])
				if (y < start + years)
					put(d.section + '@' + y, d.key, c.value);
		}
		lines.push('; ' + (meta && meta.title ? meta.title : 'What-if of ' + sc.id));
		lines.push('; Written by the dtsim what-if page (dtsim ' + data.dtsim + ', model ' +
			data.model + '). It extends ' + sc.id + '.ini: keep it in the same directory');
		lines.push('; (dtsim\'s scenarios/), then: dtsim run ' + sc.id + '-whatif.ini');
		lines.push('[scenario]');
		lines.push('extends = ' + sc.id + '.ini');
		/* Plain sections first, then year blocks in year order: easier to read;
		 * the order does not change what dtsim resolves. */
		const keys = [...bySection.keys()].sort((a, b) => {
			const ya = a.includes('@') ? Number(a.split('@')[1]) : 0;
			const yb = b.includes('@') ? Number(b.split('@')[1]) : 0;
			return ya - yb;
		});
		for (const s of keys) {
			lines.push('');
			lines.push('[' + s + ']');
			for (const l of bySection.get(s))
				lines.push(l);
		}
		return lines.join('\n') + '\n';
	}

	/*
	 * The WebAssembly model: mod is the instance of dtsim.js (createDtsim),
	 * maxYears the longest run. run(inp) returns { ok, error, rows, cols,
	 * series (Float64Array, row-major, a copy), kpis (a copy) }.
	 */
	function Engine(mod, data, maxYears) {
		this.mod = mod;
		this.data = data;
		if (mod._webrun_nparam() !== data.nparam)
			throw new Error('dtsim.js and the data were built from different versions ' +
				'(' + mod._webrun_nparam() + ' and ' + data.nparam + ' parameters)');
		this.w = mod._webrun_new(maxYears);
		if (!this.w)
			throw new Error('out of memory');
		this.maxYears = maxYears;
	}

	Engine.prototype.run = function (inp) {
		const m = this.mod;
		const np = this.data.nparam;
		if (inp.years > this.maxYears)
			return { ok: false, error: inp.years + ' years; allowed: 1 to ' + this.maxYears };
		const base = m._webrun_input(this.w) / 8;
		m.HEAPF64.set(inp.values.subarray(0, inp.years * np), base);
		for (let k = 0; k < inp.named_count.length; k++)
			m._webrun_set_named(this.w, k, inp.named_count[k]);
		if (m._webrun_run(this.w, inp.years) !== 0)
			return { ok: false, error: m.UTF8ToString(m._webrun_error(this.w)) };
		const rows = m._webrun_rows(this.w);
		const cols = m._webrun_cols();
		const sp = m._webrun_series(this.w) / 8;
		const kp = m._webrun_kpis(this.w) / 8;
		return {
			ok: true,
			rows: rows,
			cols: cols,
			series: m.HEAPF64.slice(sp, sp + rows * cols),
			kpis: m.HEAPF64.slice(kp, kp + m._webrun_kpi_count()),
		};
	};

	/* Column `name` of a run's series, as an array. */
	function column(data, res, name) {
		const c = data.outvars.findIndex((o) => o.name === name);
		const out = new Array(res.rows);
		for (let r = 0; r < res.rows; r++)
			out[r] = res.series[r * res.cols + c];
		return out;
	}

	/* KPI `name` of a run (NaN when it does not exist). */
	function kpi(data, res, name) {
		return res.kpis[data.kpis.findIndex((k) => k.name === name)];
	}

	const WhatIf = {
		findParam: findParam,
		inputs: inputs,
		scenarioText: scenarioText,
		formatNumber: formatNumber,
		Engine: Engine,
		column: column,
		kpi: kpi,
	};
	if (typeof module !== 'undefined' && module.exports)
		module.exports = WhatIf;
	else
		root.WhatIf = WhatIf;
})(this);

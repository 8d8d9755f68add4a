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
 * principal_eur"). A changed key that is not yearly holds its value in
 * every fiscal year of the run. A yearly key (one that a year block
 * [section@YEAR] may set) keeps its ramp: value is its first year's, b_y
 * the key's value in year y without the change (derived by the model
 * where the scenario leaves the key auto), and year y gets (yearlyRule):
 *   an amount of money (unit EUR...): b_y x value / b0, every year scaled
 *     by the same factor, as `dtsim sensitivity` varies a key, so that the
 *     years keep their proportions and a ramp down never reaches 0 before
 *     the first year does (a first year of 0 has no factor: shifted);
 *   any other key: b_y + value - b0, every year shifted by the same
 *     amount, as `dtsim mc` shifts a drawn key (docs/MODEL.md 17.4);
 *     allocation shares then still sum to 1 (the shifts sum to 0);
 * clipped to the key's range; the allocation shares of a year where one
 * was clipped are divided by their sum, so that they sum to 1 again. The downloaded
 * scenario sets a changed key in its section and, for a yearly key, in a
 * year block for every year where its value changes or a block of the
 * starting scenario sets it, so that every year of dtsim run has the
 * page's value (blocks apply after the plain values; a later file's block
 * of the same year wins).
 */
(function (root) {
	'use strict';

	/* The registry's flags (models/params.h) that the page reads. */
	const PF_YEARLY = 1;
	const PF_SHARE = 2;
	const PF_NAMED = 8;

	/* The registry entry of a name, "section.key" or "section.NAME.key",
	 * with the named section's NAME. */
	function findParam(data, name) {
		const parts = name.split('.');
		if (parts.length === 3) {
			const p = data.params.find(
				(q) => q.section === parts[0] && q.key === parts[2] && (q.flags & PF_NAMED));
			return p ? { def: p, inst: parts[1] } : null;
		}
		const p = data.params.find((q) => q.name === name && !(q.flags & PF_NAMED));
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
	 * (an array of { name, value }); a yearly key shifted in every year
	 * (see the top). engine (an Engine) derives the years of a yearly key
	 * the scenario leaves auto; without one such a change throws. Throws an
	 * Error naming a change that is not a registry key or not in range of
	 * the horizon, or the model's message when the derivation fails.
	 */
	function inputs(data, sc, changes, engine) {
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
		const yearly = [];
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
			if ((f.def.flags & PF_YEARLY) && !f.inst) {
				yearly.push({ def: f.def, slot: slot, value: c.value });
				continue;
			}
			for (let y = 0; y < years; y++)
				values[y * np + slot] = c.value;
		}
		const inp = { years: years, named_count: named, values: values };
		if (yearly.length)
			shiftYearly(data, inp, yearly, engine);
		return inp;
	}

	/* How a change of yearly key def moves its years (see the top): 'scale'
	 * for an amount of money, 'shift' for any other key. */
	function yearlyRule(def) {
		return /^EUR\b/.test(def.unit) ? 'scale' : 'shift';
	}

	/* Sets each yearly change of list ({ def, slot, value }) in every year
	 * of inp, by yearlyRule (see the top), from the years as they are
	 * without the yearly changes (the other changes made); then the shares
	 * of a year where a share was clipped divided by their sum. */
	function shiftYearly(data, inp, list, engine) {
		const np = data.nparam;
		const v = inp.values;
		let derived = null;
		for (const c of list) {
			c.base = new Float64Array(inp.years);
			for (let y = 0; y < inp.years; y++) {
				let b = v[y * np + c.slot];
				if (Number.isNaN(b)) {
					if (!derived) {
						if (!engine)
							throw new Error(c.def.name + ' is auto: its years need the model');
						const d = engine.derive(inp);
						if (!d.ok)
							throw new Error(d.error);
						derived = d.values;
					}
					b = derived[y * np + c.slot];
				}
				c.base[y] = b;
			}
		}
		const clipped = new Uint8Array(inp.years);
		for (const c of list) {
			const scale = yearlyRule(c.def) === 'scale' && c.base[0] !== 0;
			const delta = c.value - c.base[0];
			const factor = c.value / c.base[0];
			for (let y = 0; y < inp.years; y++) {
				let x = c.value;
				if (c.base[y] !== c.base[0]) {
					x = scale ? c.base[y] * factor : c.base[y] + delta;
					if (c.def.kind === 'int')
						x = Math.round(x);
					if (x < c.def.min || x > c.def.max) {
						x = Math.min(c.def.max, Math.max(c.def.min, x));
						clipped[y] |= c.def.flags & PF_SHARE;
					}
				}
				v[y * np + c.slot] = x;
			}
		}
		if (!list.some((c) => c.def.flags & PF_SHARE))
			return;
		const shares = data.params.filter((p) => (p.flags & PF_SHARE) && !(p.flags & PF_NAMED));
		for (let y = 0; y < inp.years; y++) {
			if (!clipped[y])
				continue;
			let sum = 0;
			for (const p of shares)
				sum += v[y * np + p.slot];
			if (!(sum > 0))
				throw new Error('no allocation share stays above 0 in year ' + (y + 1) + ' of the run');
			for (const p of shares)
				v[y * np + p.slot] /= sum;
		}
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
	 * each changed key in its section, named sections by NAME; a yearly key
	 * with its first year's value there and, within the run's years, in a
	 * year block wherever its value changes or a block of sc sets it. engine
	 * as inputs() takes it.
	 */
	function scenarioText(data, sc, changes, meta, engine) {
		const lines = [];
		const bySection = new Map();
		const start = sc.start_year;
		const inp = inputs(data, sc, changes, engine);
		const np = data.nparam;
		const years = inp.years;
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
			if (!(d.flags & PF_YEARLY) || f.inst) {
				put(f.inst ? d.section + '.' + f.inst : d.section, d.key, c.value);
				continue;
			}
			const blocks = sc.blocks[d.name] || [];
			put(d.section, d.key, inp.values[d.slot]);
			for (let y = 1; y < years; y++) {
				const x = inp.values[y * np + d.slot];
				if (x !== inp.values[(y - 1) * np + d.slot] || blocks.includes(start + y))
					put(d.section + '@' + (start + y), d.key, x);
			}
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

	/* Hands inp to the model and calls webrun_run or webrun_derive (f);
	 * returns an error message or null. */
	Engine.prototype.call = function (inp, f) {
		const m = this.mod;
		if (inp.years > this.maxYears)
			return inp.years + ' years; allowed: 1 to ' + this.maxYears;
		const base = m._webrun_input(this.w) / 8;
		m.HEAPF64.set(inp.values.subarray(0, inp.years * this.data.nparam), base);
		for (let k = 0; k < inp.named_count.length; k++)
			m._webrun_set_named(this.w, k, inp.named_count[k]);
		return f.call(m, this.w, inp.years) !== 0 ? m.UTF8ToString(m._webrun_error(this.w)) : null;
	};

	/* The years of inp as the model derives them (auto values filled in):
	 * { ok, error, values } with values years x nparam doubles (a copy). */
	Engine.prototype.derive = function (inp) {
		const m = this.mod;
		const np = this.data.nparam;
		const error = this.call(inp, m._webrun_derive);
		if (error !== null)
			return { ok: false, error: error };
		const values = new Float64Array(inp.years * np);
		for (let y = 0; y < inp.years; y++) {
			const p = m._webrun_derived(this.w, y) / 8;
			values.set(m.HEAPF64.subarray(p, p + np), y * np);
		}
		return { ok: true, values: values };
	};

	Engine.prototype.run = function (inp) {
		const m = this.mod;
		const error = this.call(inp, m._webrun_run);
		if (error !== null)
			return { ok: false, error: error };
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
		yearlyRule: yearlyRule,
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

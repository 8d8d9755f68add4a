/*
 * page.js: the what-if page. Builds the controls from the registry and the
 * chosen scenario (data.js), runs the WebAssembly model (dtsim.js through
 * whatif.js) on every input, draws the charts with uPlot and the key
 * figures, and writes the scenario file of the changes. Exposes
 * window.dtsimWhatIf for the test (web/test/page.js): the KPIs as numbers,
 * the scenario text, a yearly key's value in every year of the run and the
 * note on its ramp, and the last update's time.
 */
(function () {
	'use strict';

	const data = window.DTSIM_DATA;
	const WhatIf = window.WhatIf;
	const MAX_YEARS = 100;
	const PF_YEARLY = 1;
	const PF_SHARE = 2;
	const OKABE = { blue: '#0072B2', orange: '#E69F00', green: '#009E73', red: '#D55E00',
		sky: '#56B4E9', purple: '#CC79A7', black: '#000000' };

	let lang = /^de\b/i.test(navigator.language || '') ? 'de' : 'en';
	let engine = null;
	let sc = null;          /* the starting scenario (data.scenarios[i]) */
	let base = null;        /* its run */
	let baseDerived = null; /* its first year's derived parameters */
	let changes = new Map();/* name -> value: what the user changed */
	let controls = [];      /* every control of the page */
	let charts = [];
	let pending = null;     /* { t0 } of the input the charts are drawing */
	const timing = { last: NaN, runs: 0 };

	function t(key, args) {
		let s = (DTSIM_TEXT[lang] && DTSIM_TEXT[lang][key]) || DTSIM_TEXT.en[key] || key;
		for (const k in args || {})
			s = s.split('{' + k + '}').join(args[k]);
		return s;
	}

	/* The registry entry of "section.key" or "section.NAME.key". */
	function param(name) {
		const f = WhatIf.findParam(data, name);
		return f ? f.def : undefined;
	}

	/* v in the page's language; grouping off for calendar years. */
	function fmtNumber(v, digits, year) {
		return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB',
			{ maximumFractionDigits: digits, minimumFractionDigits: 0, useGrouping: !year }).format(v);
	}

	function fmtEur(v) {
		if (!Number.isFinite(v))
			return '–';
		if (Math.abs(v) >= 1e6)
			return fmtNumber(v / 1e6, 2) + (lang === 'de' ? ' Mio. EUR' : ' M EUR');
		return fmtNumber(v, 0) + ' EUR';
	}

	/* ---- the controls --------------------------------------------------- */

	/*
	 * A control of one key: a slider and a number field showing the same
	 * value in display units (scale: display = value x scale). spec:
	 *   name  the key ("loan.NAME.principal_eur" for a named section)
	 *   def   its registry entry (range, unit); label the text key
	 *   start its value in the starting scenario (derived when auto)
	 *   lo, hi, step: the slider's range in display units (the field takes
	 *   the registry's whole range); log: the slider moves in log10.
	 */
	function makeControl(spec) {
		const id = 'c-' + spec.name.replace(/[^a-z0-9_]/gi, '-');
		const row = document.createElement('div');
		row.className = 'row';
		const label = document.createElement('label');
		label.htmlFor = id;
		label.id = id + '-label';
		const ctl = document.createElement('div');
		ctl.className = 'ctl';
		const range = document.createElement('input');
		range.type = 'range';
		range.id = id;
		const field = document.createElement('input');
		field.type = 'number';
		field.id = id + '-n';
		const unit = document.createElement('span');
		unit.className = 'unit';
		unit.id = id + '-unit';
		const note = document.createElement('div');
		note.className = 'note';
		note.id = id + '-note';
		/* A yearly key whose value changes from year to year: what the
		 * slider shows and does (rampText). */
		const ramp = document.createElement('div');
		ramp.className = 'note ramp';
		ramp.id = id + '-ramp';
		range.setAttribute('aria-describedby', note.id + ' ' + ramp.id);
		field.setAttribute('aria-labelledby', label.id + ' ' + unit.id);
		field.setAttribute('aria-describedby', note.id + ' ' + ramp.id);
		ctl.append(range, field, unit);
		row.append(label, ctl, note, ramp);
		const c = Object.assign({ id: id, row: row, label: label, range: range, field: field,
			unit: unit, note: note, ramp: ramp, steps: [], scale: 1, digits: 0 }, spec);
		const lo = c.log ? Math.log10(c.lo) : c.lo;
		const hi = c.log ? Math.log10(c.hi) : c.hi;
		range.min = String(lo);
		range.max = String(hi);
		range.step = String(c.log ? 0.005 : c.step);
		/* The field takes the registry's range; a year that a rule between
		 * keys bounds (a deadline not before its mandate's start, a grant's
		 * last year not before its first, the horizon the data holds) takes
		 * the slider's, and a typed value is brought into it. */
		field.min = String(c.bounded ? lo : c.def.min * c.scale);
		field.max = String(c.bounded ? hi : c.def.max * c.scale);
		field.step = 'any';
		c.set = function (v, fromInput) {
			c.value = v;
			const d = v * c.scale;
			if (fromInput !== 'range')
				range.value = String(c.log ? Math.log10(Math.max(d, 1e-300)) : d);
			if (fromInput !== 'field')
				field.value = String(Number(d.toFixed(c.digits)));
			row.classList.toggle('changed', changes.has(c.name));
			range.setAttribute('aria-valuetext', fmtNumber(d, c.digits, c.def.unit === 'year') + ' ' +
				c.unitText());
		};
		c.unitText = function () {
			return c.scale === 100 ? '%' : c.def.unit === '1' ? '' : c.def.unit;
		};
		c.texts = function () {
			label.textContent = typeof c.label === 'function' ? c.label() : t(c.label);
			unit.textContent = c.unitText();
			const year = c.def.unit === 'year';
			note.textContent = t('range', { min: fmtNumber(Number(field.min), 6, year),
				max: fmtNumber(Number(field.max), 6, year), unit: c.unitText() });
			c.rampText();
		};
		/* c.steps: [year, value] where the run's value changes, the first
		 * year first; more than one: the key has a ramp. */
		c.rampText = function () {
			const u = c.unitText();
			const key = c.share ? 'ramp_share' : 'ramp_' + WhatIf.yearlyRule(c.def);
			ramp.textContent = c.steps.length < 2 ? '' : t(key, {
				first: String(c.steps[0][0]),
				steps: c.steps.map(([y, v]) => y + ': ' + fmtNumber(v * c.scale, c.digits) +
					(u ? ' ' + u : '')).join(', ') });
		};
		function fromDisplay(d) {
			let v = d / c.scale;
			if (c.def.kind === 'int')
				v = Math.round(v);
			else if (c.round)
				v = c.round(v);
			return v;
		}
		range.addEventListener('input', (ev) => {
			const d = c.log ? Math.pow(10, Number(range.value)) : Number(range.value);
			userSet(c, fromDisplay(d), 'range', ev);
		});
		field.addEventListener('change', (ev) => {
			let d = Number(field.value);
			if (field.value === '' || !Number.isFinite(d))
				return;
			if (c.bounded)
				d = Math.min(hi, Math.max(lo, d));
			userSet(c, fromDisplay(d), 'field', ev);
		});
		controls.push(c);
		return c;
	}

	/* A checkbox of a 0/1 key. */
	function makeCheckbox(spec) {
		const id = 'c-' + spec.name.replace(/[^a-z0-9_]/gi, '-');
		const row = document.createElement('div');
		row.className = 'row';
		const box = document.createElement('input');
		box.type = 'checkbox';
		box.id = id;
		const label = document.createElement('label');
		label.htmlFor = id;
		label.style.display = 'inline';
		row.append(box, ' ', label);
		const c = Object.assign({ id: id, row: row, label: label, box: box }, spec);
		c.set = function (v) {
			c.value = v;
			box.checked = v === 1;
			row.classList.toggle('changed', changes.has(c.name));
		};
		c.texts = function () {
			label.textContent = t(c.label);
		};
		box.addEventListener('change', (ev) => userSet(c, box.checked ? 1 : 0, 'box', ev));
		controls.push(c);
		return c;
	}

	function fieldset(legendKey, rows) {
		const fs = document.createElement('fieldset');
		const lg = document.createElement('legend');
		lg.dataset.t = legendKey;
		fs.append(lg);
		for (const r of rows)
			fs.append(r.row || r);
		return fs;
	}

	/* The value of key `name` in the starting scenario's first year: raw,
	 * or derived when the scenario leaves it auto. */
	function startValue(name, slot) {
		const p = param(name);
		const s = p.slot + (slot || 0);
		const raw = sc.first[s];
		return raw === null ? baseDerived[s] : raw;
	}

	/* The NAME of the first named section of kind k in sc, or "whatif" (a
	 * section the download adds). */
	function firstNamed(kind) {
		const k = data.named.indexOf(kind);
		return sc.named_names[k].length ? sc.named_names[k][0] : 'whatif';
	}

	function niceMax(v, atLeast) {
		const x = Math.max(v, atLeast);
		const p = Math.pow(10, Math.floor(Math.log10(x)));
		return Math.ceil(x / p) * p;
	}

	function buildControls() {
		controls = [];
		const box = document.getElementById('fieldsets');
		box.textContent = '';
		const inh = param('municipality.inhabitants');
		const mun = makeControl({ name: inh.name, def: inh, label: 'inhabitants',
			lo: inh.min, hi: inh.max, log: true, digits: 0, round: Math.round,
			start: startValue(inh.name) });
		box.append(fieldset('municipality', [mun]));

		const tr = param('budget.transformation_eur');
		const trStart = startValue(tr.name);
		const trc = makeControl({ name: tr.name, def: tr, label: 'transformation',
			lo: 0, hi: niceMax(3 * trStart, 1e5), step: niceMax(trStart, 1e3) / 200,
			digits: 0, round: Math.round, start: trStart, auto: sc.first[tr.slot] === null });
		box.append(fieldset('budget', [trc]));

		const shares = data.params.filter((p) => (p.flags & PF_SHARE) && p.section === 'allocation');
		const rows = shares.map((p) => makeControl({ name: p.name, def: p, share: true,
			label: () => domainLabel(p), lo: 0, hi: 100, step: 0.5, scale: 100, digits: 1,
			start: startValue(p.name) }));
		const sum = document.createElement('p');
		sum.className = 'note';
		sum.id = 'allocation-sum';
		box.append(fieldset('allocation', [...rows, sum]));

		const loan = firstNamed('loan');
		const grant = firstNamed('grant');
		const lslot = namedIndex('loan', loan);
		const gslot = namedIndex('grant', grant);
		const prStart = lslot.exists ? startValue('loan.' + loan + '.principal_eur', lslot.i) : 0;
		const gaStart = gslot.exists ? startValue('grant.' + grant + '.amount_eur', gslot.i) : 0;
		const fund = [
			namedControl('loan', loan, 'principal_eur', { label: 'loan_principal', lo: 0,
				hi: niceMax(3 * prStart, 10 * trStart), step: niceMax(trStart, 1e3) / 100,
				digits: 0, round: Math.round, start: prStart }),
			namedControl('loan', loan, 'interest_rate', { label: 'loan_rate', lo: 0, hi: 10, step: 0.05,
				scale: 100, digits: 2 }),
			namedControl('loan', loan, 'term_years', { label: 'loan_term', bounded: true, step: 1,
				lo: 1 + startValue('loan.' + loan + '.grace_years', lslot.i), hi: 50 }),
			namedControl('grant', grant, 'amount_eur', { label: 'grant_amount', lo: 0,
				hi: niceMax(3 * gaStart, 2 * trStart), step: niceMax(trStart, 1e3) / 200,
				digits: 0, round: Math.round, start: gaStart }),
			namedControl('grant', grant, 'cofunding_share', { label: 'grant_cofunding', lo: 0, hi: 95,
				step: 1, scale: 100, digits: 1 }),
			namedControl('grant', grant, 'last_year', { label: 'grant_last', bounded: true, step: 1,
				lo: gslot.exists ? startValue('grant.' + grant + '.first_year', gslot.i) : sc.start_year,
				hi: sc.start_year + sc.years_max - 1,
				start: gslot.exists ? undefined : sc.start_year + 4 }),
		];
		box.append(fieldset('funding', fund));

		const act = makeCheckbox({ name: 'mandate.active', label: 'mandate_active',
			start: startValue('mandate.active') });
		const ms = startValue('mandate.start_year');
		const mand = [act,
			makeControl({ name: 'mandate.deadline_year', def: param('mandate.deadline_year'),
				label: 'mandate_deadline', bounded: true, lo: Math.max(ms, sc.start_year),
				hi: sc.start_year + sc.years_max - 1, step: 1, start: startValue('mandate.deadline_year') }),
			makeControl({ name: 'mandate.target', def: param('mandate.target'), label: 'mandate_target',
				lo: 0, hi: 100, step: 1, scale: 100, digits: 1, start: startValue('mandate.target') }),
			makeControl({ name: 'services.target_maturity', def: param('services.target_maturity'),
				label: 'target_maturity', lo: 1, hi: 100, step: 1, scale: 100, digits: 1,
				start: startValue('services.target_maturity') })];
		box.append(fieldset('mandate', mand));

		const yr = param('sim.years');
		box.append(fieldset('horizon', [makeControl({ name: 'sim.years', def: yr, label: 'years',
			bounded: true, lo: 1, hi: sc.years_max, step: 1, start: sc.years })]));

		for (const c of controls)
			c.set(c.start);
		texts();
	}

	/* A control of key `key` of section [kind.name] (the scenario's, or the
	 * one the download adds): spec as makeControl's; its start is the
	 * scenario's value unless spec gives one. */
	function namedControl(kind, name, key, spec) {
		const slot = namedIndex(kind, name);
		const full = kind + '.' + name + '.' + key;
		const c = Object.assign({ name: full, def: param(kind + '.x.' + key), section: [kind, name] }, spec);
		if (c.start === undefined)
			c.start = startValue(full, slot.i);
		return makeControl(c);
	}

	function namedIndex(kind, name) {
		const k = data.named.indexOf(kind);
		const i = sc.named_names[k].indexOf(name);
		return i >= 0 ? { exists: true, i: i } : { exists: false, i: 0 };
	}

	function domainLabel(p) {
		const de = DTSIM_TEXT.de.domains || {};
		if (lang === 'de' && de[p.key])
			return de[p.key];
		const m = p.meaning.replace(/^share for /, '');
		return m.charAt(0).toUpperCase() + m.slice(1);
	}

	/* ---- changes -------------------------------------------------------- */

	/* The shares in permille of 1000, the one moved at v, the others scaled
	 * to the rest by their current size (largest remainders), so they sum
	 * to 100 % exactly. */
	function rebalance(moved, v) {
		const shares = controls.filter((c) => c.share);
		const target = Math.round(v * 1000);
		const others = shares.filter((c) => c !== moved);
		const cur = others.map((c) => Math.round(c.value * 1000));
		const total = cur.reduce((a, b) => a + b, 0);
		const rest = 1000 - target;
		let parts;
		if (total === 0)
			parts = others.map(() => rest / others.length);
		else
			parts = cur.map((x) => (x * rest) / total);
		const floor = parts.map(Math.floor);
		const left = rest - floor.reduce((a, b) => a + b, 0);
		const order = parts.map((x, i) => [x - floor[i], i]).sort((a, b) => b[0] - a[0]);
		for (let j = 0; j < left; j++)
			floor[order[j][1]]++;
		setValue(moved, target / 1000);
		others.forEach((c, i) => setValue(c, floor[i] / 1000));
	}

	/* A control back at its starting value is no change. */
	function setValue(c, v) {
		if (v === c.start)
			changes.delete(c.name);
		else
			changes.set(c.name, v);
	}

	function userSet(c, v, from, ev) {
		const t0 = ev && ev.timeStamp ? ev.timeStamp : performance.now();
		if (c.share) {
			v = Math.min(1, Math.max(0, v));
			rebalance(c, v);
			for (const s of controls)
				if (s.share)
					s.set(changes.has(s.name) ? changes.get(s.name) : s.start, s === c ? from : null);
		} else {
			setValue(c, v);
			c.set(v, from);
		}
		update(t0);
	}

	/* The changes as whatif.js takes them. The allocation is one lever: once
	 * a share moved, every share is written, so that the shares sum to 1 in
	 * every year (a year block of the scenario may set other shares). A loan
	 * or grant the scenario does not have gets its first year too, and none
	 * at all while its amount is 0. */
	function changeList() {
		const out = [];
		const sections = new Map();
		for (const [name, value] of changes) {
			const c = controls.find((x) => x.name === name);
			if (c && c.section)
				sections.set(c.section.join('.'), c.section);
			out.push({ name: name, value: value });
		}
		const shares = controls.filter((c) => c.share);
		if (shares.some((c) => changes.has(c.name)))
			for (const c of shares)
				if (!changes.has(c.name))
					out.push({ name: c.name, value: c.value });
		for (const [key, [kind, name]] of sections) {
			if (namedIndex(kind, name).exists)
				continue;
			const amount = kind === 'loan' ? 'principal_eur' : 'amount_eur';
			const a = changes.get(key + '.' + amount);
			const drop = !a;
			for (let i = out.length - 1; i >= 0; i--)
				if (out[i].name.startsWith(key + '.') && drop)
					out.splice(i, 1);
			if (drop)
				continue;
			out.push({ name: key + '.' + (kind === 'loan' ? 'draw_year' : 'first_year'),
				value: sc.start_year });
			if (kind === 'grant' && !changes.has(key + '.last_year'))
				out.push({ name: key + '.last_year', value: sc.start_year + 4 });
		}
		return out;
	}

	/* ---- running and drawing ---------------------------------------------- */

	function run(list) {
		let inp;
		try {
			inp = WhatIf.inputs(data, sc, list, engine);
		} catch (e) {
			return { ok: false, error: e.message };
		}
		return engine.run(inp);
	}

	let current = null;

	function update(t0) {
		const res = run(changeList());
		const err = document.getElementById('error');
		if (!res.ok) {
			err.textContent = t('error', { msg: res.error });
			return;
		}
		err.textContent = '';
		current = res;
		/* A budget the scenario leaves auto follows the municipality's size
		 * until the user sets it: show what it came to. */
		const m = engine.mod;
		const d0 = m._webrun_derived(engine.w, 0) / 8;
		for (const c of controls)
			if (c.auto && !changes.has(c.name))
				c.set(m.HEAPF64[d0 + c.def.slot], null);
		/* A yearly key's value in every year of the run, where it changes. */
		for (const c of controls) {
			if (!c.def || !(c.def.flags & PF_YEARLY) || c.section)
				continue;
			c.steps = yearValues(c.def.slot).map((v, k) => [sc.start_year + k, v])
				.filter(([, v], k, a) => k === 0 || v !== a[k - 1][1]);
			c.rampText();
		}
		allocationNote();
		keyFigures();
		pending = { t0: t0, left: charts.length };
		drawCharts();
	}

	/* Slot `slot` of every year of the last run, as the model derived it. */
	function yearValues(slot) {
		const m = engine.mod;
		const out = [];
		for (let k = 0, p; k < MAX_YEARS && (p = m._webrun_derived(engine.w, k)); k++)
			out.push(m.HEAPF64[p / 8 + slot]);
		return out;
	}

	function yearOf(res) {
		return res.rows ? Math.floor(WhatIf.column(data, res, 'year')[res.rows - 1]) : NaN;
	}

	function kfYear(res, name, none) {
		const v = WhatIf.kpi(data, res, name);
		return Number.isFinite(v) ? String(v) : t(none, { year: yearOf(res) });
	}

	function keyFigures() {
		const rows = [
			['kf_target_year', (r) => kfYear(r, 'target_year', 'not_by')],
			['kf_pv_cost', (r) => fmtEur(WhatIf.kpi(data, r, 'pv_cost_eur'))],
			['kf_pv_net', (r) => fmtEur(WhatIf.kpi(data, r, 'pv_net_benefit_eur'))],
			['kf_payback', (r) => kfYear(r, 'payback_year', 'never')],
			['kf_gap', (r) => fmtEur(WhatIf.kpi(data, r, 'total_funding_gap_eur'))],
		];
		const tb = document.querySelector('#keyfigures tbody');
		tb.textContent = '';
		for (const [key, f] of rows) {
			const tr = document.createElement('tr');
			tr.id = key;
			const th = document.createElement('th');
			th.scope = 'row';
			th.textContent = t(key);
			const a = document.createElement('td');
			a.className = 'num now';
			a.textContent = f(current);
			const b = document.createElement('td');
			b.className = 'num start';
			b.textContent = f(base);
			tr.append(th, a, b);
			tb.append(tr);
		}
	}

	/* The chart definitions: title, y scale (share/index in %, EUR in
	 * millions), series as [column, text key, colour]. */
	const CHARTS = [
		{ title: 'ch_services', pct: true, target: true,
			s: [['service_maturity', 's_maturity', OKABE.blue], ['citizen_adoption', 's_adoption', OKABE.orange]] },
		{ title: 'ch_costs', pct: true,
			s: [['om_share', 's_om', OKABE.red], ['legacy_share', 's_legacy', OKABE.purple]] },
		{ title: 'ch_people', pct: true,
			s: [['workforce_skill', 's_skill', OKABE.green], ['change_resistance', 's_resistance', OKABE.red]] },
		{ title: 'ch_money', eur: true,
			s: [['cash_eur', 's_cash', OKABE.blue], ['loan_balance_eur', 's_loans', OKABE.red],
				['grants_eur', 's_grants', OKABE.green], ['funding_gap_eur', 's_gap', OKABE.orange]] },
	];

	function chartData(def) {
		const n = Math.max(current.rows, base.rows);
		const long = current.rows >= base.rows ? current : base;
		const x = WhatIf.column(data, long, 'year');
		const out = [x.slice(0, n)];
		const k = def.eur ? 1e-6 : def.pct ? 100 : 1;
		const col = (res, name) => {
			const v = WhatIf.column(data, res, name).map((y) => y * k);
			while (v.length < n)
				v.push(null);
			return v;
		};
		for (const [name] of def.s) {
			out.push(col(current, name));
			out.push(col(base, name));
		}
		if (def.target) {
			const tm = (changes.has('services.target_maturity') ? changes.get('services.target_maturity')
				: startValue('services.target_maturity')) * 100;
			out.push(x.map(() => tm));
		}
		return out;
	}

	function chartWidth() {
		const box = document.getElementById('charts');
		const w = box.clientWidth;
		return Math.max(320, Math.floor(w >= 900 ? (w - 16) / 2 : w) - 4);
	}

	function makeCharts() {
		for (const c of charts)
			c.u.destroy();
		charts = [];
		const box = document.getElementById('charts');
		box.textContent = '';
		for (const def of CHARTS) {
			const fig = document.createElement('figure');
			const cap = document.createElement('figcaption');
			cap.textContent = t(def.title);
			const holder = document.createElement('div');
			fig.append(cap, holder);
			box.append(fig);
			const series = [{ label: lang === 'de' ? 'Jahr' : 'Year' }];
			for (const [, key, colour] of def.s) {
				series.push({ label: t(key), stroke: colour, width: 2.5, points: { show: false } });
				series.push({ label: t('s_start', { name: t(key) }), stroke: colour, width: 1.5,
					dash: [6, 5], alpha: 0.6, points: { show: false } });
			}
			if (def.target)
				series.push({ label: t('s_target'), stroke: OKABE.black, width: 1, dash: [2, 4],
					points: { show: false } });
			const u = new uPlot({
				width: chartWidth(), height: 250,
				scales: { x: { time: false }, y: def.pct ? { range: [0, 100] } : { auto: true } },
				/* Whole years on the time axis. */
				axes: [{ incrs: [1, 2, 5, 10, 20], values: (self, ticks) => ticks.map((v) => String(v)) },
					{ label: def.pct ? '%' : def.eur ? (lang === 'de' ? 'Mio. EUR' : 'M EUR') : '',
						size: 55 }],
				series: series,
				legend: { live: false },
				hooks: { draw: [() => chartDrawn()] },
			}, chartData(def), holder);
			fig.setAttribute('aria-label', t(def.title));
			charts.push({ u: u, def: def, cap: cap });
		}
	}

	function drawCharts() {
		for (const c of charts)
			c.u.setData(chartData(c.def));
	}

	/* Called by each chart after it drew: when the last one of an update
	 * has, the time from the input event to here is the update's. */
	function chartDrawn() {
		if (!pending)
			return;
		if (--pending.left > 0)
			return;
		timing.last = performance.now() - pending.t0;
		timing.runs++;
		pending = null;
		document.getElementById('timing').textContent =
			t('updated', { ms: fmtNumber(timing.last, 1) }) + ' · ' + t('changed', { n: changeList().length });
	}

	/* ---- texts, scenario, download ---------------------------------------- */

	function texts() {
		document.documentElement.lang = lang;
		document.title = t('title');
		for (const el of document.querySelectorAll('[data-t]'))
			el.textContent = t(el.dataset.t);
		const lb = document.getElementById('lang');
		lb.textContent = t('language');
		lb.lang = lang === 'de' ? 'en' : 'de';
		lb.setAttribute('aria-label', t('language_label'));
		const sel = document.getElementById('scenario');
		for (const o of sel.options) {
			const s = data.scenarios[Number(o.value)];
			o.textContent = (lang === 'de' && s.name_de) || s.name || s.id;
		}
		document.getElementById('scenario-desc').textContent =
			(lang === 'de' && sc.description_de) || sc.description;
		document.getElementById('download-note').textContent =
			t('download_note', { file: sc.id + '.ini', id: sc.id });
		for (const c of controls)
			c.texts();
		allocationNote();
	}

	/* The shares' sum, and what the sliders do when the shares change from
	 * year to year. */
	function allocationNote() {
		const sum = document.getElementById('allocation-sum');
		if (!sum)
			return;
		const shares = controls.filter((c) => c.share);
		const total = shares.reduce((a, c) => a + c.value, 0);
		sum.textContent = t('allocation_sum', { sum: fmtNumber(total * 100, 1) });
		if (shares.some((c) => c.steps.length > 1))
			sum.textContent += ' ' + t('ramp_shares', { first: String(sc.start_year) });
	}

	function chooseScenario(i) {
		sc = data.scenarios[i];
		changes = new Map();
		const res = run([]);
		if (!res.ok) {
			document.getElementById('error').textContent = t('error', { msg: res.error });
			return;
		}
		base = res;
		current = res;
		const np = data.nparam;
		const m = engine.mod;
		const p = m._webrun_derived(engine.w, 0) / 8;
		baseDerived = Array.from(m.HEAPF64.subarray(p, p + np));
		buildControls();
		makeCharts();
		update(performance.now());
	}

	function scenarioFile() {
		return WhatIf.scenarioText(data, sc, changeList(), null, engine);
	}

	function download() {
		const blob = new Blob([scenarioFile()], { type: 'text/plain' });
		const a = document.createElement('a');
		a.href = URL.createObjectURL(blob);
		a.download = sc.id + '-whatif.ini';
		document.body.append(a);
		a.click();
		a.remove();
		setTimeout(() => URL.revokeObjectURL(a.href), 1000);
	}

	async function start() {
		const mod = await createDtsim();
		engine = new WhatIf.Engine(mod, data, MAX_YEARS);
		const sel = document.getElementById('scenario');
		data.scenarios.forEach((s, i) => {
			const o = document.createElement('option');
			o.value = String(i);
			sel.append(o);
		});
		const first = data.scenarios.findIndex((s) => s.id === 'baseline');
		sel.value = String(first < 0 ? 0 : first);
		sel.addEventListener('change', () => chooseScenario(Number(sel.value)));
		document.getElementById('lang').addEventListener('click', () => {
			lang = lang === 'de' ? 'en' : 'de';
			texts();
			makeCharts();
			keyFigures();
		});
		document.getElementById('reset').addEventListener('click', () => chooseScenario(Number(sel.value)));
		document.getElementById('download').addEventListener('click', download);
		window.addEventListener('resize', () => {
			for (const c of charts)
				c.u.setSize({ width: chartWidth(), height: 250 });
		});
		chooseScenario(Number(sel.value));
		window.dtsimWhatIf = {
			ready: true,
			scenario: () => sc.id,
			choose: (id) => {
				const i = data.scenarios.findIndex((s) => s.id === id);
				sel.value = String(i);
				chooseScenario(i);
			},
			kpis: () => Object.fromEntries(data.kpis.map((k, i) => [k.name, current.kpis[i]])),
			baseKpis: () => Object.fromEntries(data.kpis.map((k, i) => [k.name, base.kpis[i]])),
			scenarioText: scenarioFile,
			changes: () => changeList(),
			yearValues: (name) => yearValues(param(name).slot),
			rampText: (name) => controls.find((c) => c.name === name).ramp.textContent,
			timing: () => ({ last: timing.last, runs: timing.runs }),
			error: () => document.getElementById('error').textContent,
		};
	}

	start().catch((e) => {
		document.getElementById('error').textContent = String(e && e.message ? e.message : e);
	});
})();

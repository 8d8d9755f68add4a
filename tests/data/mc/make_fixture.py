#!/usr/bin/env python3
# Writes the Monte Carlo fixture of this folder (the files `dtsim mc -o DIR`
# writes, in their fixed columns: README "dtsim mc") from real runs of dtsim:
# RUNS runs of each scenario with three assumptions drawn uniformly (the same
# draws for every scenario), their core columns' mean and percentiles per
# year, the KPIs' histograms in bins fixed in advance, and mc_summary.csv.
# It stands in for `dtsim mc` in the chart tests (test_drawn, test_plot)
# until they run `dtsim mc` itself. Usage: make_fixture.py DTSIM OUTDIR
import csv, os, random, subprocess, sys, tempfile

RUNS = 24
SCEN = ['balanced', 'baseline']
CORE = ['cash_eur', 'workforce_skill', 'legacy_share', 'change_resistance',
        'service_maturity', 'citizen_adoption', 'om_share', 'investment_eur', 'savings_eur']
DRAWS = [('legacy.om_rate', 0.15, 0.35), ('workforce.training_gain', 0.15, 0.45),
         ('resistance.initial', 0.35, 0.65)]
PCTS = [5, 25, 50, 75, 95]

def pct(xs, p):
    # linear interpolation between order statistics (R type 7)
    xs = sorted(xs)
    h = (len(xs) - 1) * p / 100.0
    lo = int(h)
    return xs[lo] + (h - lo) * (xs[min(lo + 1, len(xs) - 1)] - xs[lo])

def fmt(x):
    return '%.10g' % x

dtsim, out = sys.argv[1], sys.argv[2]
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'scenarios')
rng = random.Random(20261130)
draws = [[rng.uniform(lo, hi) for (_, lo, hi) in DRAWS] for _ in range(RUNS)]
series = {s: [] for s in SCEN}
kpis = {s: [] for s in SCEN}
with tempfile.TemporaryDirectory() as tmp:
    for i, d in enumerate(draws):
        args = [dtsim, 'run', '-o', tmp]
        for (k, _, _), v in zip(DRAWS, d):
            args += ['--set', '%s=%s' % (k, fmt(v))]
        subprocess.run(args + [os.path.join(root, s + '.ini') for s in SCEN], check=True)
        for s in SCEN:
            with open(os.path.join(tmp, s + '.csv')) as f:
                series[s].append(list(csv.DictReader(f)))
        with open(os.path.join(tmp, 'summary.csv')) as f:
            for row in csv.DictReader(f):
                kpis[row['scenario']].append(row)
start = int(float(series[SCEN[0]][0][0]['year']))
YEARS = len(series[SCEN[0]][0])
HIST = [('end_service_maturity', 0.0, 1.0, 40), ('end_citizen_adoption', 0.0, 1.0, 40),
        ('target_year', start, start + YEARS, YEARS), ('payback_year', start, start + YEARS, YEARS),
        ('pv_net_benefit_eur', -40e6, 40e6, 40), ('total_funding_gap_eur', 0.0, 10e6, 20)]
summary = []
for s in SCEN:
    with open(os.path.join(out, s + '.mc.csv'), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['year'] + ['%s_%s' % (c, t) for c in CORE
                               for t in ['mean'] + ['p%d' % p for p in PCTS]])
        for y in range(len(series[s][0])):
            row = [series[s][0][y]['year']]
            for c in CORE:
                xs = [float(r[y][c]) for r in series[s]]
                row += [fmt(sum(xs) / len(xs))] + [fmt(pct(xs, p)) for p in PCTS]
            w.writerow(row)
    with open(os.path.join(out, s + '.mc_hist.csv'), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['kpi', 'bin_lo', 'bin_hi', 'count'])
        for k, lo, hi, n in HIST:
            xs = [float(r[k]) for r in kpis[s] if r[k] != '']
            for b in range(n):
                a, z = lo + (hi - lo) * b / n, lo + (hi - lo) * (b + 1) / n
                last = b == n - 1
                w.writerow([k, fmt(a), fmt(z),
                            sum(1 for x in xs if a <= x < z or (last and x == z))])
    for k in ['end_service_maturity', 'end_citizen_adoption', 'target_year', 'payback_year',
              'pv_net_benefit_eur', 'total_funding_gap_eur']:
        xs = [float(r[k]) for r in kpis[s] if r[k] != '']
        m = sum(xs) / len(xs) if xs else float('nan')
        sd = (sum((x - m) ** 2 for x in xs) / (len(xs) - 1)) ** 0.5 if len(xs) > 1 else 0
        summary.append([s, k, fmt(m), fmt(sd)] + [fmt(pct(xs, p)) for p in PCTS]
                       if xs else [s, k, '', '', '', '', '', '', ''])
    n = len(kpis[s])
    for k, hit in [('p_target_reached', lambda r: r['target_year'] != ''),
                   ('p_payback', lambda r: r['payback_year'] != ''),
                   ('p_funding_gap', lambda r: float(r['total_funding_gap_eur']) > 0)]:
        p = sum(1 for r in kpis[s] if hit(r)) / n
        summary.append([s, k, fmt(p), fmt((p * (1 - p) / n) ** 0.5), '', '', '', '', ''])
with open(os.path.join(out, 'mc_summary.csv'), 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['scenario', 'measure', 'mean', 'sd', 'p5', 'p25', 'p50', 'p75', 'p95'])
    w.writerows(summary)

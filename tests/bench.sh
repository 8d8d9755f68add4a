#!/bin/sh
# bench.sh: the engine's and dtsim mc's speed, this tree beside another
# commit, measured alternately in one run (`make bench`).
#
#   tests/bench.sh REF PAIRS MC_RUNS
#
# Builds REF in a temporary worktree and this tree as it is, both with
# link-time optimisation (build-lto, as `make install`). Then:
#  1. tests/bench (runs per second of the baseline; see tests/bench.c) of
#     REF and of this tree, PAIRS times each, alternating which goes first;
#     prints every line both print, the medians and their ratio (this tree
#     over REF: above 1 is faster here).
#  2. For each side that has `dtsim mc`: MC_RUNS runs of the baseline (15
#     years, default method and step, common random numbers) with the
#     default threads: wall-clock and CPU seconds and peak resident memory
#     (GNU time's %e, %U + %S and %M); then runs per second with --threads 1 and 2, best
#     of 3 each on MC_RUNS / 10 runs, their ratio, and the cost of one run
#     in mc on one thread beside tests/bench's "15 years, with KPIs".
#  3. dtsim optimise on the bundled optimisations: model runs and seconds.
#  4. dtsim calibrate of the README's worked example, with two and four
#     parameters: model runs and wall-clock seconds (best of 3).
# Not a test: it asserts nothing; the issue's targets are printed beside
# the figures. Removes the worktree and the results when done.
set -eu

ref=${1:?usage: tests/bench.sh REF PAIRS MC_RUNS}
pairs=${2:?}
mcruns=${3:?}
top=$(git rev-parse --show-toplevel)
cd "$top"
git rev-parse --verify -q "$ref^{commit}" >/dev/null || { echo "bench: no commit $ref" >&2; exit 2; }
for n in "$pairs" "$mcruns"; do
	case $n in
		''|*[!0-9]*|0) echo "bench: PAIRS and MC_RUNS must be whole numbers above 0" >&2; exit 2 ;;
	esac
done

work=$(mktemp -d "${TMPDIR:-/tmp}/dtsim-bench-XXXXXX")
trap 'git worktree remove --force "$work/ref" >/dev/null 2>&1; rm -rf "$work"' EXIT INT TERM
git worktree add -q --detach "$work/ref" "$ref"
for tree in "$work/ref" "$top"; do
	make -s -C "$tree" -j2 BUILD=build-lto LTO=-flto=auto build-lto/tests/bench build-lto/dtsim >/dev/null
done

# The median of the numbers on stdin, one a line.
median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
	                                    else if (NR) printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ---- 1. tests/bench, alternating ------------------------------------------
i=1
while [ "$i" -le "$pairs" ]; do
	if [ $((i % 2)) -eq 1 ]; then order="ref this"; else order="this ref"; fi
	for side in $order; do
		if [ $side = ref ]; then tree=$work/ref; else tree=$top; fi
		(cd "$tree" && ./build-lto/tests/bench) >"$work/bench.$side.$i"
	done
	i=$((i + 1))
done
echo "tests/bench, $pairs alternating pairs (runs/s, medians; REF $ref):"
printf '%-44s %10s %10s %6s\n' "" REF this ratio
sed -n 's/: \([0-9.]*\) runs\/s$//p' "$work/bench.this.1" | while IFS= read -r name; do
	r=$(cat "$work"/bench.ref.* | sed -n "s/^$name: \([0-9.]*\) runs\/s$/\1/p" | median)
	t=$(cat "$work"/bench.this.* | sed -n "s/^$name: \([0-9.]*\) runs\/s$/\1/p" | median)
	if [ -n "$r" ]; then
		printf '%-44s %10s %10s %6.2f\n' "$name" "$r" "$t" "$(echo "$t $r" | awk '{ print $1 / $2 }')"
	else
		printf '%-44s %10s %10s\n' "$name" "-" "$t"
	fi
done
kpi_rate=$(cat "$work"/bench.this.* | sed -n 's/^baseline, 15 years, with KPIs: \([0-9.]*\) runs\/s$/\1/p' | median)

# ---- 2. dtsim mc ----------------------------------------------------------
# Runs `dtsim mc -n N --threads T` (T empty: the default) of side $1 on the
# baseline; prints the wall-clock seconds, the peak resident KiB and the CPU
# seconds (user and system).
mc() {
	if [ "$1" = ref ]; then tree=$work/ref; else tree=$top; fi
	rm -rf "$work/mc.$1"
	(cd "$tree" && /usr/bin/time -f '%e %M %U %S' -o "$work/time.$1" ./build-lto/dtsim mc -n "$2" \
		${3:+--threads "$3"} -o "$work/mc.$1" scenarios/baseline.ini >/dev/null 2>"$work/mc.$1.err") || {
		echo "bench: dtsim mc failed for $1:" >&2
		cat "$work/mc.$1.err" >&2
		exit 1
	}
	tail -n 1 "$work/time.$1"
}
# The best (largest) runs per second of 3 runs of N runs on T threads.
best() {
	for k in 1 2 3; do mc "$1" "$2" "$3"; done | awk -v n="$2" '{ r = n / $1; if (r > b) b = r } END { printf "%.0f\n", b }'
}
small=$((mcruns / 10))
for side in ref this; do
	if [ $side = ref ]; then tree=$work/ref; name="REF $ref"; else tree=$top; name="this tree"; fi
	if ! (cd "$tree" && ./build-lto/dtsim mc --help >/dev/null 2>&1); then
		echo "dtsim mc ($name): none"
		continue
	fi
	set -- $(mc $side "$mcruns" "")
	echo "dtsim mc ($name), $mcruns runs of the baseline, default threads:" \
	     "$1 s wall (target: at most 60), $(echo "$3 $4" | awk '{ printf "%.1f", $1 + $2 }') s CPU," \
	     "peak memory $(echo "$2" | awk '{ printf "%.1f", $1 / 1024 }') MiB (at most 200)"
	one=$(best $side "$small" 1)
	two=$(best $side "$small" 2)
	echo "dtsim mc ($name), $small runs, best of 3: 1 thread $one runs/s, 2 threads $two runs/s," \
	     "ratio $(echo "$two $one" | awk '{ printf "%.2f", $1 / $2 }') (target: at least 1.7)"
	if [ $side = this ] && [ -n "$kpi_rate" ]; then
		echo "per run on one thread: dtsim mc $(echo "$one" | awk '{ printf "%.1f", 1e6 / $1 }') us," \
		     "tests/bench's 15 years with KPIs $(echo "$kpi_rate" | awk '{ printf "%.1f", 1e6 / $1 }') us"
	fi
done

# ---- 3. dtsim optimise ----------------------------------------------------
# The bundled optimisations (scenarios/cheapest_80.ini, best_mix.ini) with
# this tree: model runs (the evaluations it reports) and seconds (GNU time's
# wall clock; the issue's limit is 60 s), best of 3.
for s in cheapest_80 best_mix; do
	rm -rf "$work/opt.$s"
	for k in 1 2 3; do
		/usr/bin/time -f '%e' -o "$work/otime.$s.$k" ./build-lto/dtsim optimise -o "$work/opt.$s" \
			"scenarios/$s.ini" >"$work/opt.$s.out" 2>"$work/opt.$s.err" || {
			echo "bench: dtsim optimise failed for $s:" >&2
			cat "$work/opt.$s.out" "$work/opt.$s.err" >&2
			exit 1
		}
	done
	runs=$(sed -n 's/^[0-9]* evaluations, \([0-9]*\) model runs.*/\1/p' "$work/opt.$s.out")
	secs=$(cat "$work"/otime.$s.* | sort -n | head -n 1)
	echo "dtsim optimise scenarios/$s.ini: $runs model runs, $secs s wall, best of 3" \
	     "(limit: 60 s)"
done

# ---- 4. dtsim calibrate ---------------------------------------------------
# The README's worked example (two parameters, 20 observations of 2019 to
# 2025) and the same history with four parameters: the model runs the fit
# made (from its report) and the wall-clock seconds, best of 3, this tree
# only (calibrate is new in it; a REF that has it is measured alike).
calib() {
	if [ "$1" = ref ]; then tree=$work/ref; else tree=$top; fi
	for k in 1 2 3; do
		rm -rf "$work/cal.$1"
		(cd "$tree" && /usr/bin/time -f '%e' -o "$work/time.cal" ./build-lto/dtsim calibrate \
			--data scenarios/synthetic_history_2019_2025.csv --fit "$2" \
			--set sim.start_year=2019 --years 7 -o "$work/cal.$1" scenarios/baseline.ini \
			>"$work/cal.$1.out" 2>"$work/cal.$1.err") || {
			echo "bench: dtsim calibrate failed for $1:" >&2
			cat "$work/cal.$1.err" >&2
			exit 1
		}
		echo "$(tail -n 1 "$work/time.cal") $(sed -n 's/.* \([0-9]*\) model runs.*/\1/p' "$work/cal.$1.out")"
	done | sort -g | head -n 1
}
for side in ref this; do
	if [ $side = ref ]; then tree=$work/ref; name="REF $ref"; else tree=$top; name="this tree"; fi
	if ! (cd "$tree" && ./build-lto/dtsim calibrate --help >/dev/null 2>&1); then
		echo "dtsim calibrate ($name): none"
		continue
	fi
	for fit in workforce.skill_initial,legacy.om_rate \
	           workforce.skill_initial,legacy.om_rate,legacy.om_multiplier,workforce.skill_half_life; do
		set -- $(calib $side "$fit")
		echo "dtsim calibrate ($name), $(echo "$fit" | tr ',' '\n' | wc -l) parameters ($fit):" \
		     "$2 model runs, $1 s wall (best of 3)"
	done
done

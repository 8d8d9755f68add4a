#!/bin/sh
# bench_charts.sh: how long this tree and another commit take to draw the
# charts of `make run`, side by side (`make bench-charts`).
#
#   tests/bench_charts.sh [REF [PAIRS]]
#
# Builds REF (a commit; default bd93bc2, the last main that ran one gnuplot
# process per chart) in a temporary worktree and this tree as it is. Each
# runs every bundled scenario once, as `make run` does (untimed), into a
# directory of its own; then `dtsim plot DIR` (PNG, every chart of that
# run) is timed PAIRS times (default 5) for each, alternating REF and this
# tree so that both see the same load of the machine. Prints each pair's
# wall-clock seconds, the median of each, the ratio of the medians and the
# median of the pairs' ratios (REF / this tree: above 1 is faster here).
# Not a test: it asserts nothing. Removes the worktree when done.
set -eu

ref=${1:-bd93bc2}
pairs=${2:-5}
top=$(git rev-parse --show-toplevel)
cd "$top"
git rev-parse --verify -q "$ref^{commit}" >/dev/null || { echo "bench_charts: no commit $ref" >&2; exit 2; }
case $pairs in
	''|*[!0-9]*|0) echo "bench_charts: PAIRS must be a whole number above 0" >&2; exit 2 ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/dtsim-bench-XXXXXX")
trap 'git worktree remove --force "$work/ref" >/dev/null 2>&1; rm -rf "$work"' EXIT INT TERM
git worktree add -q --detach "$work/ref" "$ref"
make -s -C "$work/ref" -j2 build/dtsim >/dev/null
make -s -j2 build/dtsim >/dev/null

# The scenarios of `make run`, the baseline last.
scenarios="$(ls scenarios/*.ini | grep -v '^scenarios/baseline.ini$') scenarios/baseline.ini"
for side in ref this; do
	if [ $side = ref ]; then tree=$work/ref; else tree=$top; fi
	(cd "$tree" && ./build/dtsim run -o "$work/$side" $scenarios >/dev/null)
done

# Seconds since the epoch, to the nanosecond.
now() {
	date +%s.%N
}
# Draws the charts of side $1 once; prints the seconds it took.
draw() {
	if [ "$1" = ref ]; then tree=$work/ref; else tree=$top; fi
	t0=$(now)
	(cd "$tree" && DTSIM_PLOTS="$tree/plots" ./build/dtsim plot "$work/$1" 2>"$work/$1.err") || {
		echo "bench_charts: dtsim plot failed for $1:" >&2
		cat "$work/$1.err" >&2
		exit 1
	}
	t1=$(now)
	echo "$t0 $t1" | awk '{ printf "%.2f\n", $2 - $1 }'
}
# The median of the numbers on stdin, one a line.
median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
	                                    else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "pair  REF s  this s  ratio"
: >"$work/times"
i=1
while [ $i -le "$pairs" ]; do
	# Alternate which goes first, so neither always follows the other.
	if [ $((i % 2)) -eq 1 ]; then
		a=$(draw ref); b=$(draw this)
	else
		b=$(draw this); a=$(draw ref)
	fi
	echo "$a $b" | awk -v i=$i '{ printf "%4d %6.2f %7.2f %6.2f\n", i, $1, $2, $1 / $2 }'
	echo "$a $b" >>"$work/times"
	i=$((i + 1))
done
echo "charts: $(ls "$work/ref/plots" | grep -c '\.png$') PNG (REF $ref)," \
	"$(ls "$work/this/plots" | grep -c '\.png$') PNG (this tree); $(nproc) CPUs"
ma=$(awk '{ print $1 }' "$work/times" | median)
mb=$(awk '{ print $2 }' "$work/times" | median)
mr=$(awk '{ print $1 / $2 }' "$work/times" | median)
echo "median: REF $ma s, this tree $mb s; ratio of the medians" \
	"$(echo "$ma $mb" | awk '{ printf "%.2f", $1 / $2 }'), median ratio of the pairs" \
	"$(echo "$mr" | awk '{ printf "%.2f", $1 }')"

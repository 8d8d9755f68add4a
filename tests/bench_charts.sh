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
# wall-clock and CPU seconds (user and system of dtsim and its gnuplot
# processes, from the shell's times), the median of each, the ratio of the
# medians and the median of the pairs' ratios (REF / this tree: above 1 is
# faster here).
# Then it splits the charts into the old set (the charts REF draws; REF's
# compare-kpi and compare-funding are this tree's pages compare-kpi-N and
# compare-funding-N) and the new charts (the rest), and times gnuplot alone
# on each set's scripts in DIR/plots, PAIRS times alternating: REF's old set
# one process per chart, as REF draws, and this tree's old set and new
# charts in batches of 8 charts per process, as this tree draws (CPU seconds
# of the gnuplot processes; dtsim's own work is left out).
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

# Draws the charts of side $1 once; prints the wall-clock seconds it took
# and the CPU seconds (user and system of dtsim and the gnuplot processes
# it waited for: the second line of the subshell's `times`).
draw() {
	if [ "$1" = ref ]; then tree=$work/ref; else tree=$top; fi
	t0=$(date +%s.%N)
	(cd "$tree" && DTSIM_PLOTS="$tree/plots" ./build/dtsim plot "$work/$1" 2>"$work/$1.err" \
		&& times >"$work/$1.times") || {
		echo "bench_charts: dtsim plot failed for $1:" >&2
		cat "$work/$1.err" >&2
		exit 1
	}
	t1=$(date +%s.%N)
	sed -n 2p "$work/$1.times" | tr 'ms' '  ' |
		awk -v w="$t0 $t1" '{ split(w, t, " "); printf "%.2f %.2f\n", t[2] - t[1],
		                      $1 * 60 + $2 + $3 * 60 + $4 }'
}
# The median of the numbers on stdin, one a line.
median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
	                                    else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "pair   REF: wall s  CPU s   this: wall s  CPU s   ratio: wall  CPU"
: >"$work/times"
i=1
while [ $i -le "$pairs" ]; do
	# Alternate which goes first, so neither always follows the other.
	if [ $((i % 2)) -eq 1 ]; then
		a=$(draw ref); b=$(draw this)
	else
		b=$(draw this); a=$(draw ref)
	fi
	echo "$a $b" | awk -v i=$i '{ printf "%4d %12.2f %6.2f %13.2f %6.2f %12.2f %4.2f\n",
	                                    i, $1, $2, $3, $4, $1 / $3, $2 / $4 }'
	echo "$a $b" >>"$work/times"
	i=$((i + 1))
done
echo "charts: $(ls "$work/ref/plots" | grep -c '\.png$') PNG (REF $ref)," \
	"$(ls "$work/this/plots" | grep -c '\.png$') PNG (this tree); $(nproc) CPUs"
for k in 1 2; do
	if [ $k = 1 ]; then what="wall-clock"; else what="CPU"; fi
	ma=$(awk -v k=$k '{ print $k }' "$work/times" | median)
	mb=$(awk -v k=$k '{ print $(k + 2) }' "$work/times" | median)
	mr=$(awk -v k=$k '{ print $k / $(k + 2) }' "$work/times" | median)
	echo "median $what seconds: REF $ma, this tree $mb; ratio of the medians" \
		"$(echo "$ma $mb" | awk '{ printf "%.2f", $1 / $2 }'), median of the pairs' ratios" \
		"$(echo "$mr" | awk '{ printf "%.2f", $1 }')"
done

# ---- the old chart set and the new charts, gnuplot alone -------------------
ls "$work/ref/plots" | sed -n 's/\.png$//p' | sort >"$work/ref.charts"
ls "$work/this/plots" | sed -n 's/\.png$//p' | sort >"$work/this.charts"
sed -e 's/^compare-kpi$/compare-kpi-[0-9]*/' -e 's/^compare-funding$/compare-funding-[0-9]*/' \
	-e 's/^/^/' -e 's/$/$/' "$work/ref.charts" >"$work/ref.patterns"
grep -f "$work/ref.patterns" "$work/this.charts" >"$work/this.old" || true
grep -v -f "$work/ref.patterns" "$work/this.charts" >"$work/this.new" || true

# CPU seconds of gnuplot drawing the charts named in file $3 from the scripts
# in $1/plots: $2 = one (a process per chart) or batch (8 per process).
gpset() {
	mkdir -p "$work/gp-out"
	(
		cd "$1/plots"
		if [ "$2" = one ]; then
			while read -r c; do
				gnuplot -c "$c.gp" png "$work/gp-out/$c" >/dev/null 2>&1
			done <"$3"
		else
			awk '{ printf "reset session\ncall \"%s.gp\" \"png\" \"%s/gp-out/%s\"\nunset output\n", $1, w, $1 }
			     NR % 8 == 0 { printf "#split\n" }' w="$work" "$3" |
				awk -v d="$work" 'BEGIN { n = 0; f = d "/gp-batch-0.gp" }
				     /^#split$/ { n++; f = d "/gp-batch-" n ".gp"; next } { print > f }'
			for b in "$work"/gp-batch-*.gp; do
				gnuplot "$b" >/dev/null 2>&1
			done
			rm -f "$work"/gp-batch-*.gp
		fi
		times >"$work/gp.times"
	)
	sed -n 2p "$work/gp.times" | tr 'ms' '  ' | awk '{ printf "%.2f\n", $1 * 60 + $2 + $3 * 60 + $4 }'
}
echo
echo "gnuplot alone, CPU seconds: REF's $(wc -l <"$work/ref.charts") charts one process each;" \
	"this tree's old set ($(wc -l <"$work/this.old") charts) and new charts" \
	"($(wc -l <"$work/this.new")) in batches of 8"
echo "pair   REF old set   this old set   ratio   this new charts"
: >"$work/gptimes"
i=1
while [ $i -le "$pairs" ]; do
	if [ $((i % 2)) -eq 1 ]; then
		a=$(gpset "$work/ref" one "$work/ref.charts"); b=$(gpset "$work/this" batch "$work/this.old")
	else
		b=$(gpset "$work/this" batch "$work/this.old"); a=$(gpset "$work/ref" one "$work/ref.charts")
	fi
	c=$(gpset "$work/this" batch "$work/this.new")
	echo "$a $b $c" | awk -v i=$i '{ printf "%4d %13.2f %14.2f %7.2f %17.2f\n", i, $1, $2, $1 / $2, $3 }'
	echo "$a $b $c" >>"$work/gptimes"
	i=$((i + 1))
done
ma=$(awk '{ print $1 }' "$work/gptimes" | median)
mb=$(awk '{ print $2 }' "$work/gptimes" | median)
mc=$(awk '{ print $3 }' "$work/gptimes" | median)
echo "median CPU seconds: REF old set $ma, this tree's old set $mb (ratio" \
	"$(echo "$ma $mb" | awk '{ printf "%.2f", $1 / $2 }')), this tree's new charts $mc"

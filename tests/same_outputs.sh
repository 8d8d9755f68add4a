#!/bin/sh
# same_outputs.sh: do this tree and another commit write the same results?
#
#   tests/same_outputs.sh REF [EXCEPTIONS]
#
# Builds REF (a commit) in a temporary worktree and this tree as it is, runs
# every bundled scenario with both (dtsim run --plot in all four formats and
# both languages' scripts, dtsim compare --plot, dtsim check), and compares
# what they wrote byte for byte: each scenario's CSV and params.ini,
# summary.csv, manifest.csv, comparison.csv and .md, every chart script and
# template in plots/ (the images themselves embed dates and are left out),
# and the check listings. EXCEPTIONS is a file of expected differences, one
# path (relative to the output directory) a line with '#' comments; each
# must differ and be explained there. Exit status 0 when nothing else
# differs, 1 otherwise (the differing files are listed), 2 on bad usage.
#
# REF must have this tree's model version (MODEL_VERSION in
# models/modelversion.h; a tree without that file is model 1). A new model
# version changes the results of every bundled scenario on purpose (model 2,
# issue 10, changed every CSV, summary and chart), so a comparison across
# versions says nothing: it is refused as bad usage. Compare with a commit
# of the same model, e.g. the one the change started from.
set -eu

usage() {
	echo "usage: tests/same_outputs.sh REF [EXCEPTIONS]" >&2
	exit 2
}
[ $# -ge 1 ] && [ $# -le 2 ] || usage
ref=$1
exceptions=${2:-}
top=$(git rev-parse --show-toplevel)
cd "$top"
git rev-parse --verify -q "$ref^{commit}" >/dev/null || { echo "same_outputs: no commit $ref" >&2; exit 2; }
# The model version of a tree's modelversion.h text on stdin (1 without one).
model_of() {
	sed -n 's/^#define MODEL_VERSION "\(.*\)"$/\1/p'
}
mine=$(model_of <models/modelversion.h)
theirs=$(git show "$ref:models/modelversion.h" 2>/dev/null | model_of)
theirs=${theirs:-1}
if [ "$mine" != "$theirs" ]; then
	echo "same_outputs: $ref is model $theirs, this tree model $mine: the results differ" \
		"by design; compare with a commit of model $mine" >&2
	exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/dtsim-same-XXXXXX")
trap 'git worktree remove --force "$work/ref" >/dev/null 2>&1; rm -rf "$work"' EXIT INT TERM
git worktree add -q --detach "$work/ref" "$ref"
make -s -C "$work/ref" -j2 build/dtsim >/dev/null
make -s -j2 build/dtsim >/dev/null

scenarios=$(ls scenarios/*.ini)
# Runs one dtsim ($1) from its own tree ($2) into $3.
produce() {
	bin=$1 tree=$2 out=$3
	mkdir -p "$out"
	(cd "$tree" && DTSIM_PLOTS="$tree/plots" "$bin" run --plot --format png,svg,pdf,emf \
		-o "$out/run" $scenarios >/dev/null 2>"$out/run.err") || true
	(cd "$tree" && DTSIM_PLOTS="$tree/plots" "$bin" plot --lang de --format svg "$out/run" \
		>/dev/null 2>>"$out/run.err") || true
	cp -r "$out/run/plots" "$out/run/plots-de"
	(cd "$tree" && DTSIM_PLOTS="$tree/plots" "$bin" compare --plot -o "$out/cmp" \
		scenarios/baseline.ini scenarios/borrow_to_invest.ini scenarios/as_a_service.ini \
		>/dev/null 2>"$out/cmp.err") || true
	(cd "$tree" && "$bin" check $scenarios >"$out/check.txt" 2>&1) || true
}
produce "$work/ref/build/dtsim" "$work/ref" "$work/a"
produce "$top/build/dtsim" "$top" "$work/b"

# The files to compare: everything but images.
list=$(cd "$work/a" && find . -type f ! -name '*.png' ! -name '*.pdf' ! -name '*.svg' \
	! -name '*.emf' ! -name '.dtsim.lock' | sort)
listb=$(cd "$work/b" && find . -type f ! -name '*.png' ! -name '*.pdf' ! -name '*.svg' \
	! -name '*.emf' ! -name '.dtsim.lock' | sort)
status=0
expected() {
	[ -n "$exceptions" ] && grep -v '^#' "$exceptions" | grep -qxF "$1"
}
for f in $(printf '%s\n%s\n' "$list" "$listb" | sort -u); do
	if [ -f "$work/a/$f" ] && [ -f "$work/b/$f" ] && cmp -s "$work/a/$f" "$work/b/$f"; then
		if expected "$f"; then
			echo "same, but listed as an exception: $f"
			status=1
		fi
		continue
	fi
	if expected "$f"; then
		echo "differs, as expected: $f"
	else
		echo "DIFFERS: $f"
		status=1
	fi
done
n=$(printf '%s\n' "$list" | wc -l)
if [ $status -eq 0 ]; then
	echo "same_outputs: $n files compared with $ref; no unexpected difference"
else
	echo "same_outputs: differences against $ref (see above)"
fi
exit $status

#!/usr/bin/env bash
# Writes the generated seeds of the fuzz corpora (tests/fuzz/README.md) from
# the bundled scenarios, the test fixtures, the hostile inputs (tests/hostile)
# and a real run of build/dtsim. Run from the top directory after `make`:
#   bash tests/fuzz/seeds.sh
# Seeds it writes are named seed-*; other files in the corpora (hand-written
# ones, hst-*, and what `make fuzz-merge` added) are left alone.
set -euo pipefail

cd "$(dirname "$0")/../.."
c=tests/fuzz/corpus
dtsim=build/dtsim
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$c"/{scenario,run,schedule,csvtab,csvde,manifest,merge}
rm -f "$c"/*/seed-*

# A scenario seed: extends and schedules renamed to the files beside s.ini
# in the harnesses' scratch directory (base.ini, plan.csv).
scen() {
	sed -e 's/^extends *= *.*baseline\.ini/extends = base.ini/' \
	    -e 's/^extends *= *\.\.\/base\.ini/extends = base.ini/' \
	    -e 's/^schedule *= *.*\.csv/schedule = plan.csv/' "$1" >"$c/scenario/seed-$2"
	cp "$c/scenario/seed-$2" "$c/run/seed-$2"
}
for f in scenarios/*.ini; do scen "$f" "$(basename "$f")"; done
for f in tests/data/scenario/*.ini tests/data/cli/*.ini; do
	scen "$f" "$(basename "$(dirname "$f")")-$(basename "$f")"
done
for f in tests/hostile/scenario/*.ini; do scen "$f" "hostile-$(basename "$f")"; done

# A real run, short: resolved scenarios, result CSVs, a manifest.
"$dtsim" compare -o "$tmp/out" --years 2 scenarios/*.ini >/dev/null
for id in baseline council_plan borrow_to_invest grant_cofunding; do
	scen "$tmp/out/$id.params.ini" "$id.params.ini"
done
for f in manifest summary comparison baseline; do
	cp "$tmp/out/$f.csv" "$c/csvtab/seed-$f.csv"
done
cp "$tmp/out/manifest.csv" "$c/manifest/seed-run.csv"

# The same results in the German CSV dialect, and in English (which
# fuzz_csvde also reads Germanised).
"$dtsim" compare -o "$tmp/de" --csv-dialect de --years 2 scenarios/baseline.ini \
	scenarios/council_plan.ini >/dev/null
for f in summary comparison baseline; do
	head -n 4 "$tmp/de/$f.csv" >"$c/csvde/seed-de-$f.csv"
	head -n 4 "$tmp/out/$f.csv" >"$c/csvde/seed-en-$f.csv"
done

# Partial results of dtsim mc --shard: one year, one or two runs (the
# smallest there are), exact values, with and without the runs' lines, one
# in the stochastic mode.
"$dtsim" mc --years 1 -n 1 --runs-csv --shard 1/1 -o "$tmp/mc" scenarios/baseline.ini 2>/dev/null
"$dtsim" mc --years 1 -n 2 --seed 7 --stochastic --shard 2/2 -o "$tmp/mc" scenarios/balanced.ini 2>/dev/null
cp "$tmp/mc/mc-part-1-of-1.txt" "$c/merge/seed-part-1-of-1.txt"
cp "$tmp/mc/mc-part-2-of-2.txt" "$c/merge/seed-part-2-of-2.txt"

# Schedules.
for f in scenarios/*.csv tests/data/*/*.csv tests/hostile/schedule/*.csv; do
	d=$(basename "$(dirname "$f")")
	cp "$f" "$c/schedule/seed-$d-$(basename "$f")"
	cp "$f" "$c/csvtab/seed-$d-$(basename "$f")"
	cp "$f" "$c/csvde/seed-$d-$(basename "$f")"
done
for f in tests/hostile/results/*/*.csv; do
	d=$(basename "$(dirname "$f")")
	cp "$f" "$c/csvtab/seed-results-$d-$(basename "$f")"
	case $f in */manifest.csv) cp "$f" "$c/manifest/seed-results-$d.csv" ;; esac
done

# Manifests of the fixed results in fuzz_manifest.c's scratch directory,
# with their real sizes and digests (FNV-1a 64, digest.h): the contents
# below are those of fuzz_manifest.c's `fixed`.
printf '"scenario","final_cash_eur"\n"a","1.5"\n"b","2.385"\n' >"$tmp/summary.csv"
printf '"year","cash_eur"\n"2026","15000000"\n"2027","14615000"\n' >"$tmp/a.csv"
printf '[scenario]\nname = A\n' >"$tmp/a.params.ini"
printf '"year","cash_eur"\n"2026","1"\n' >"$tmp/b.csv"
printf '[scenario]\nname = B\n' >"$tmp/b.params.ini"
printf '[scenario]\n' >"$tmp/x.params.ini"
printf '"year","cash_eur"\n"2026","15000000"\n"2027","14615000"\n' >"$tmp/link.csv"
: >"$tmp/empty"
fnv() {
	local h=$((0xcbf29ce484222325)) b
	for b in $(od -An -v -tu1 "$1"); do h=$(((h ^ b) * 0x100000001b3)); done
	printf '%016x' "$h"
}
size() { wc -c <"$1" | tr -d ' '; }
header='"scenario","name","description","target_maturity","mandate_active","mandate_deadline_year","mandate_target","csv_bytes","csv_digest","params_bytes","params_digest","summary_bytes","summary_digest","generation","dtsim_version"'
# manifest NAME ID:CSVFILE:PARAMSFILE...: a manifest listing the ids with
# the sizes and digests of the given files, and the right generation.
manifest() {
	local out=$c/manifest/seed-$1 gen=$tmp/gen e id csv par
	shift
	: >"$gen"
	for e in "$@"; do
		IFS=: read -r id csv par <<<"$e"
		printf '%s\0%s%s' "$id" "$(fnv "$tmp/$csv")" "$(fnv "$tmp/$par")" >>"$gen"
	done
	fnv "$tmp/summary.csv" >>"$gen"
	echo "$header" >"$out"
	for e in "$@"; do
		IFS=: read -r id csv par <<<"$e"
		printf '"%s","Name of %s","It'"'"'s ""quoted"" `x` @y","0.8","1","2030","0.8","%s","%s","%s","%s","%s","%s","%s","0.2.0"\n' \
		    "$id" "$id" "$(size "$tmp/$csv")" "$(fnv "$tmp/$csv")" "$(size "$tmp/$par")" \
		    "$(fnv "$tmp/$par")" "$(size "$tmp/summary.csv")" "$(fnv "$tmp/summary.csv")" \
		    "$(fnv "$gen")" >>"$out"
	done
}
manifest valid-a.csv a:a.csv:a.params.ini
manifest valid-ab.csv a:a.csv:a.params.ini b:b.csv:b.params.ini
manifest link.csv a:a.csv:a.params.ini link:link.csv:x.params.ini
manifest fifo.csv fifo:empty:x.params.ini
manifest dir.csv b:b.csv:b.params.ini dir:empty:x.params.ini
manifest plots.csv plots:empty:empty
manifest traversal.csv 'a/../../x:a.csv:a.params.ini'
manifest dotdot.csv '..:empty:empty'
manifest twice.csv a:a.csv:a.params.ini a:a.csv:a.params.ini
manifest missing.csv a:a.csv:a.params.ini c:empty:empty
echo "seeds: $(ls "$c"/*/seed-* | wc -l) files in $c"

# Dictionaries: the registry's sections and keys, and what the readers treat
# specially. A token with a quote or a backslash is escaped as libFuzzer wants.
tok() { for t in "$@"; do printf '"%s"\n' "$(printf '%s' "$t" | sed 's/"/\\"/g')"; done; }
# The parameter names of `dtsim params`: its table ends at the first blank
# line (the rules between keys follow).
names() { "$dtsim" params | awk 'NR > 1 && NF == 0 { exit } NR > 1 { print $1 }'; }
common=(',' '"' '""' '\x0d\x0a' '\xef\xbb\xbf' '\x00' 'nan' 'inf' '-inf' '0x10' '1e999' '1e-999'
        '1.500' '1,5' '-0' '2026' '2027' '2030' '1e6' '0.25' ' ')
{
	names | sed 's/\.NAME//' | cut -d. -f1 | sort -u |
	while read -r s; do tok "[$s]" "[$s@2028]" "[$s.a]"; done
	names | sed 's/.*\.//' | sort -u |
	while read -r k; do tok "$k = " "$k="; done
	names | sed 's/\.NAME\./.a./' | while read -r k; do tok "$k="; done
	tok '--set\x0a' 'extends = base.ini' 'extends = mid.ini' 'extends = loop.ini' 'extends = s.ini' \
	    'extends = /dev/zero' 'schedule = plan.csv' 'schedule = /dev/zero' '; ' ' ;' '#' '=' ':' \
	    '@' '`' "'" 'rk4' 'rkf45' 'euler' 'annuity' 'linear' 'all' 'both' 'base' 'transformation' \
	    'infrastructure, value_creation' '0.083333333333333329' '\x0a  ' \
	    '[uncertainty]' 'uncertainty.' 'pert(' 'uniform(' 'choice(' 'off'
	tok "${common[@]}"
} >tests/fuzz/fuzz_scenario.dict
cp tests/fuzz/fuzz_scenario.dict tests/fuzz/fuzz_run.dict
{
	tok 'year' '"year"'
	names | grep '^schedule\.' | sed 's/.*\.//' |
	while read -r k; do tok "$k" ",$k"; done
	tok "${common[@]}" '\x0a' ';' '900000' '2200' '1899'
} >tests/fuzz/fuzz_schedule.dict
{
	head -n 1 "$tmp/out/summary.csv" "$tmp/out/baseline.csv" | grep -v '==>' | tr ',' '\n' |
	sed 's/"//g' | grep . | sort -u | while read -r k; do tok "$k" "\"$k\""; done
	tok "${common[@]}" '\x0a' '""""'
} >tests/fuzz/fuzz_csvtab.dict
{
	tr ',' '\n' <<<"$header" | sed 's/"//g' | while read -r k; do tok "$k" "\"$k\""; done
	tok "${common[@]}" '\x0a' '"a"' '"b"' '"link"' '"fifo"' '"dir"' '"plots"' '"summary"' \
	    '"a/../../x"' '".."' '"."' '"0.2.0"' '"0123456789abcdef"' '"cbf29ce484222325"'
} >tests/fuzz/fuzz_manifest.dict
{
	tok 'dtsim-mc-partial 1\x0a' 'dtsim ' 'model ' 'inputs ' 'seed ' 'runs ' 'exact-max ' \
	    'stochastic ' 'independent ' 'runs-csv ' 'resistance-above ' 'target-by ' 'shard ' 'scenarios ' \
	    'scenario ' '\x0ar ' '\x0afailed ' '\x0am ' '\x0as1 ' '\x0as2 ' '\x0ab ' '\x0av ' \
	    '\x0aend\x0a' 'end-of-partial\x0a' ' -' ' 0x1p+0' ' 0x1.8p-1' ' 1e300' ' 67:' ' 1:' \
	    ' 3999:' '10000' '1/1' '2/2' '100000/100000' '\x0a'
} >tests/fuzz/fuzz_merge.dict
echo "dictionaries: $(cat tests/fuzz/*.dict | wc -l) tokens"

#!/bin/sh
# domain_add.sh: adding a domain of action is one line in models/domains.def.
#
# Copies the tree, appends one more domain ("open_data", in the services
# chart group) to the copy's models/domains.def and nothing else: with the
# ten of seed 000 and leadership (model 2) the twelfth. Then builds it
# (every _Static_assert tied to DOM_COUNT must hold) and checks that the
# new domain is everywhere the registry reaches: one more allocation and
# schedule key (dtsim params), a set name of the funding instruments, an
# invest_open_data_eur column that receives its share of the money, and a
# place in the spending chart's stack. Exit status 0 when all of this holds.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/dtsim-domain-add-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
fail() {
	echo "domain_add: $*" >&2
	exit 1
}

# The domains of the tree as it is: one DOMAIN line each.
had=$(grep -c '^DOMAIN(' "$top/models/domains.def")

git -C "$top" ls-files -z | (cd "$top" && xargs -0 tar cf -) | tar xf - -C "$work"
cat >>"$work/models/domains.def" <<'EOF'
DOMAIN(OPEN_DATA, open_data, 0, "share for open data (published data sets)",
       "tests/domain11.sh", "open data", services, 3)
EOF
make -s -C "$work" -j2 build/dtsim >/dev/null 2>"$work/build.err" || {
	cat "$work/build.err" >&2
	fail "the tree with one more domain does not build"
}
dtsim="$work/build/dtsim"
cd "$work"

"$dtsim" params >params.txt
grep -q '^allocation.open_data ' params.txt || fail "no allocation.open_data in dtsim params"
grep -q '^schedule.open_data ' params.txt || fail "no schedule.open_data in dtsim params"
now=$(grep -c '^schedule\.' params.txt)
[ "$now" -eq $((had + 1)) ] || fail "dtsim params lists $now schedule keys; expected $had + 1"

cat >open.ini <<'EOF'
[scenario]
extends = scenarios/baseline.ini
[allocation]
infrastructure = 0.25
open_data = 0.05
[grant.od]
amount_eur = 100000
first_year = 2027
last_year = 2028
domains = open_data
EOF
DTSIM_GNUPLOT=/bin/true "$dtsim" check open.ini >check.txt || fail "dtsim check rejects the scenario"
"$dtsim" run -o out open.ini >/dev/null || fail "dtsim run fails"
header=$(head -1 out/open.csv)
case "$header" in
*'"invest_open_data_eur"'*) ;;
*) fail "out/open.csv has no invest_open_data_eur column" ;;
esac
col=$(printf '%s\n' "$header" | tr ',' '\n' | grep -n '"invest_open_data_eur"' | cut -d: -f1)
spent=$(sed -n 3p out/open.csv | cut -d, -f"$col" | tr -d '"')
awk -v v="$spent" 'BEGIN { exit !(v > 0) }' || fail "invest_open_data_eur is $spent in 2027"
"$dtsim" plot --format svg out >/dev/null 2>plot.err || { cat plot.err >&2; fail "dtsim plot fails"; }
grep -q "column('invest_open_data_eur')" out/plots/open-spend.gp ||
	fail "the spending chart does not stack invest_open_data_eur"
echo "domain_add: a domain added to the $had is one line in models/domains.def: built, listed, run, spent ($spent EUR in 2027) and charted"

#!/bin/sh
# run_tests.sh JOBS PROGRAM...: runs the test programs, JOBS at a time, each
# with DTSIM set by the caller and its output (cmocka's summary, a failure's
# messages) in $TEST_LOGDIR/NAME.log (default build/testlog). Prints a line
# per program as it ends, with its time, and the whole log of each that
# failed; exits 1 when any failed. $TEST_WRAPPER, split into words with no
# globbing (valgrind and its options), runs each program.
set -u
jobs=$1
shift
logdir=${TEST_LOGDIR:-build/testlog}
mkdir -p "$logdir"
status=$logdir/.status
: >"$status"
printf '%s\n' "$@" | xargs -P "$jobs" -I{} sh -c '
	set -f
	t=$1 log=$2/${1##*/}.log start=$(date +%s)
	if ${TEST_WRAPPER:-} ./"$t" >"$log" 2>&1; then s=passed; else s=FAILED; fi
	echo "$s $t" >>"$3"
	echo "== $t: $s ($(($(date +%s) - start)) s)"
	if [ $s = FAILED ]; then cat "$log"; fi' sh {} "$logdir" "$status"
n=$(wc -l <"$status")
failed=$(grep -c '^FAILED' "$status")
rm -f "$status"
if [ "$failed" -ne 0 ]; then
	echo "test: $failed of $n test programs FAILED"
	exit 1
fi
echo "test: all $n test programs passed"

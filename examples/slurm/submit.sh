#!/bin/sh
# Submits a dtsim Monte Carlo study to Slurm as a job array of SHARDS
# shards (mc-shard.sbatch) and one merge job that runs after them all
# (mc-merge.sbatch); README.md beside this file explains the choices.
#
#   sh submit.sh -s SHARDS -o DIR [-p PARTS] [-c CPUS] [--wait] -- MC-ARGUMENT...
#
#   -s SHARDS  number of shards, the array's tasks 1-SHARDS
#   -o DIR     the merged results directory (what `dtsim mc -o DIR` writes)
#   -p PARTS   where the shards' partial results and the logs go
#              (default DIR.parts); must be on a file system every node sees
#   -c CPUS    CPUs (dtsim mc threads) per shard (default 1)
#   --wait     wait for the merge job and exit with its status
#   MC-ARGUMENT...  dtsim mc's options and scenario files, as on one
#              machine (-n, --seed, --runs-csv, ...), without -o, --shard
#              and --threads
#
# DTSIM names the dtsim program (default: dtsim on PATH); it is resolved
# here, so every job runs the same one. sbatch's own settings (partition,
# account, time limit) come from its environment variables, such as
# SBATCH_PARTITION, SBATCH_ACCOUNT and SBATCH_TIMELIMIT.
set -eu

usage() {
	sed -n '6,16s/^# \{0,1\}//p' "$0"
}
die() {
	echo "submit.sh: $*" >&2
	echo "Try 'sh submit.sh --help'" >&2
	exit 2
}
number() {
	case $2 in '' | 0* | *[!0-9]*) die "$1 must be a positive whole number, not '$2'" ;; esac
}

here=$(cd "$(dirname "$0")" && pwd)
shards="" dir="" parts="" cpus=1 wait=""
while [ $# -gt 0 ]; do
	case $1 in
	-s | -o | -p | -c) [ $# -ge 2 ] || die "$1 needs a value" ;;
	esac
	case $1 in
	-s) shards=$2; shift 2 ;;
	-o) dir=$2; shift 2 ;;
	-p) parts=$2; shift 2 ;;
	-c) cpus=$2; shift 2 ;;
	--wait) wait=--wait; shift ;;
	-h | --help) usage; exit 0 ;;
	--) shift; break ;;
	*) die "unknown option '$1' (dtsim mc's arguments go after --)" ;;
	esac
done
number -s "$shards"
number -c "$cpus"
[ -n "$dir" ] || die "-o DIR is missing"
[ $# -gt 0 ] || die "dtsim mc's arguments (at least a scenario file) are missing after --"
for arg in "$@"; do
	case $arg in
	-o* | --o* | --sh* | --th*)
		die "'$arg' is set for each shard by this script; leave it out of dtsim mc's arguments" ;;
	esac
done
parts=${parts:-$dir.parts}

program=${DTSIM:-dtsim}
DTSIM=$(command -v "$program") || die "no dtsim program '$program' (set DTSIM to its path)"
case $DTSIM in /*) ;; *) DTSIM=$(pwd)/$DTSIM ;; esac
export DTSIM
mkdir -p "$parts/logs"

# Quotes one argument for a shell (q), or each of them after a space
# (quoted), to write the commands that run a shard again.
q() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}
quoted() {
	for a in "$@"; do
		printf ' %s' "$(q "$a")"
	done
}

array=$(sbatch --parsable --array="1-$shards" --cpus-per-task="$cpus" \
	--output="$parts/logs/mc-%A_%a.out" "$here/mc-shard.sbatch" "$shards" "$parts" "$@")
array=${array%%;*}
{
	echo "# dtsim Monte Carlo study: job array $array, submitted by examples/slurm/submit.sh."
	echo "# To run shards again, put them for LIST (such as 3,7), and the new array's"
	echo "# job id for ARRAY_JOB_ID:"
	echo "cd $(q "$(pwd)")"
	echo "DTSIM=$(q "$DTSIM") sbatch --array=LIST --cpus-per-task=$cpus --output=$(q "$parts/logs/mc-%A_%a.out")$(quoted "$here/mc-shard.sbatch" "$shards" "$parts" "$@")"
	echo "DTSIM=$(q "$DTSIM") sbatch --dependency=afterany:ARRAY_JOB_ID --output=$(q "$parts/logs/merge-%j.out")$(quoted "$here/mc-merge.sbatch" "$shards" "$parts" "$dir")"
} >"$parts/logs/submitted.txt"
echo "submit.sh: job array $array: $shards shards of dtsim mc into $parts (logs in $parts/logs)"
if [ -z "$wait" ]; then
	merge=$(sbatch --parsable --dependency="afterany:$array" \
		--output="$parts/logs/merge-%j.out" "$here/mc-merge.sbatch" "$shards" "$parts" "$dir")
	echo "submit.sh: job ${merge%%;*} merges them into $dir when all have ended"
	exit 0
fi
echo "submit.sh: waiting for the job that merges them into $dir when all have ended"
if sbatch --wait --dependency="afterany:$array" \
	--output="$parts/logs/merge-%j.out" "$here/mc-merge.sbatch" "$shards" "$parts" "$dir"; then
	echo "submit.sh: merged into $dir"
else
	status=$?
	echo "submit.sh: the merge failed (status $status); its log: $parts/logs/merge-*.out" >&2
	exit "$status"
fi

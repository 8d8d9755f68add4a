#!/bin/sh
# A real single-node Slurm cluster on this machine, for the CI test of
# examples/slurm/ (issue 12): munged, slurmctld and slurmd are started
# here, each by its own PID, with everything they read and write in one
# temporary directory (the configuration is passed with SLURM_CONF and
# -f; munged gets its own key, socket, PID, seed and log files, so nothing
# under /etc, /run or /var is used or changed). The test then runs
# examples/slurm/submit.sh as a user would: dtsim mc --shard K/5 as a job
# array and dtsim merge in a job after it, waited for with sbatch --wait;
# it compares the merged results directory byte for byte with dtsim mc of
# the same arguments on one machine (diff -r), and checks that a failed
# shard stops the merge, which names it.
#
#   sh tests/slurm.sh [DTSIM]        (DTSIM defaults to build/dtsim)
#
# Needs root (slurmd runs jobs as their submitter) and the Debian packages
# slurmctld, slurmd, slurm-client and munge (`sh .ci/deps slurm`). Every
# wait has a time limit; on any failure the daemons' logs and the jobs'
# output are printed; on any exit, also an interrupted one, queued jobs are
# cancelled and every daemon started here is stopped by its PID.
# Exit status: 0 passed, 1 failed.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
dtsim=${1:-build/dtsim}
case $dtsim in /*) ;; *) dtsim=$here/$dtsim ;; esac

# Time limits, in seconds.
t_start=30	# a daemon answers, the node is idle
t_jobs=120	# the array and the merge job have finished
t_stop=15	# a daemon has exited after SIGTERM

fail() {
	echo "slurm: FAILED: $*" >&2
	exit 1
}

[ "$(id -u)" -eq 0 ] || fail "needs root: slurmd runs the jobs as their submitter (CI runs as root)"
for tool in munged munge unmunge mungekey slurmctld slurmd sbatch squeue sinfo scontrol scancel python3; do
	command -v "$tool" >/dev/null 2>&1 \
		|| fail "$tool is missing: run 'sh .ci/deps slurm' (packages slurmctld slurmd slurm-client munge)"
done
[ -x "$dtsim" ] || fail "$dtsim is not built: run make first"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dtsim-slurm.XXXXXX")
pids=""		# daemons started here, newest first
child=""	# the command in_time runs
passed=0

# Prints the queue, what the daemons logged and what the jobs wrote (on
# failure).
show_logs() {
	if [ -n "${SLURM_CONF:-}" ] && [ -n "$pids" ]; then
		echo "---- squeue (job, name, state, reason)" >&2
		timeout 5 squeue -o '%i %j %T %r' >&2 2>&1 || true
	fi
	for f in "$tmp"/munged.log "$tmp"/slurmctld.log "$tmp"/slurmd.log "$tmp"/jobs/*.out \
		"$tmp"/jobs/*.parts/logs/*.out; do
		[ -f "$f" ] || continue
		echo "---- $f (last 40 lines)" >&2
		tail -n 40 "$f" >&2
	done
}

# Cancels what is still queued, stops every daemon started here by its
# PID (SIGTERM, then SIGKILL after t_stop seconds) and removes the
# temporary directory. Runs on every exit.
cleanup() {
	status=$?
	trap - EXIT INT TERM HUP
	if [ "$passed" -ne 1 ]; then
		[ "$status" -ne 0 ] || status=1
		show_logs
	fi
	if [ -n "$child" ]; then
		kill -TERM "$child" 2>/dev/null || true
		wait "$child" 2>/dev/null || true
	fi
	if [ -n "${SLURM_CONF:-}" ] && [ -f "$SLURM_CONF" ] && printf '%s' "$pids" | grep -q .; then
		timeout 10 scancel --quiet --partition=dtsim >/dev/null 2>&1 || true
		n=0
		while [ "$n" -lt "$t_stop" ] \
			&& [ -n "$(timeout 5 squeue -h -p dtsim -o %i 2>/dev/null)" ]; do
			sleep 1
			n=$((n + 1))
		done
	fi
	for pid in $pids; do
		kill -TERM "$pid" 2>/dev/null || continue
		n=0
		while kill -0 "$pid" 2>/dev/null && [ "$n" -lt $((t_stop * 5)) ]; do
			sleep 0.2
			n=$((n + 1))
		done
		if kill -0 "$pid" 2>/dev/null; then
			echo "slurm: PID $pid did not stop on SIGTERM; sending SIGKILL" >&2
			kill -KILL "$pid" 2>/dev/null || true
		fi
	done
	rm -rf "$tmp"
	exit "$status"
}
trap cleanup EXIT
trap 'fail "interrupted by a signal"' INT TERM HUP

# Polls COMMAND every 0.2 s until it succeeds, for at most SECONDS;
# fails with WHAT otherwise.
wait_for() {
	secs=$1 what=$2
	shift 2
	n=0
	until "$@" >/dev/null 2>&1; do
		n=$((n + 1))
		[ "$n" -le $((secs * 5)) ] || fail "$what (not within $secs s)"
		sleep 0.2
	done
}

# Starts a daemon in the foreground of a background job and records its PID.
start() {
	log=$1
	shift
	"$@" >"$log" 2>&1 &
	pids="$! $pids"
}

# ---- munge: a key and a socket of our own --------------------------------
mkdir -p "$tmp/munge" "$tmp/jobs"
chmod 700 "$tmp/munge"
mungekey --create --keyfile="$tmp/munge/munge.key" >/dev/null 2>&1 \
	|| fail "mungekey could not create a key in $tmp/munge"
sock=$tmp/munge/munge.socket
start "$tmp/munged.out" munged --foreground --force --socket="$sock" \
	--key-file="$tmp/munge/munge.key" --pid-file="$tmp/munge/munged.pid" \
	--seed-file="$tmp/munge/munged.seed" --log-file="$tmp/munged.log"
munge_ok() {
	munge --socket="$sock" -n | unmunge --socket="$sock"
}
wait_for "$t_start" "munged did not answer on $sock" munge_ok

# ---- slurm: configuration in $tmp, ports that are free now ---------------
ports=$(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*(x.getsockname()[1] for x in s))')
ctld_port=${ports% *} slurmd_port=${ports#* }
host=$(hostname -s)
cpus=$(nproc)
mkdir -p "$tmp/state" "$tmp/spool"
: >"$tmp/plugstack.conf"
export SLURM_CONF="$tmp/slurm.conf"
cat >"$SLURM_CONF" <<EOF
# Written by tests/slurm.sh for one test; removed when it ends.
ClusterName=dtsimci
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$sock
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
PlugStackConfig=$tmp/plugstack.conf
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
MinJobAge=4
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=dtsim Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

start "$tmp/slurmctld.out" slurmctld -D -i -f "$SLURM_CONF"
wait_for "$t_start" "slurmctld did not answer on port $ctld_port" scontrol ping
start "$tmp/slurmd.out" slurmd -D -f "$SLURM_CONF" -N "$host"
node_idle() {
	[ "$(sinfo -h -n "$host" -o %T)" = idle ]
}
wait_for "$t_start" "node $host did not become idle" node_idle
echo "slurm: munged, slurmctld (port $ctld_port) and slurmd (port $slurmd_port) up; node $host idle with $cpus CPUs"

# ---- the test ---------------------------------------------------------------
# examples/slurm/submit.sh as a user runs it: 5 shards of dtsim mc as a job
# array, each with one CPU, and the job that merges them after the array
# (sbatch --wait). 500 runs are 8 blocks of 64 run indices (the last one
# short), so the shards get unequal shares (1, 2, 1, 2 and 2 blocks). The
# merged directory must be the bytes of one dtsim mc with 2 threads.
export DTSIM="$dtsim"
cd "$tmp/jobs"
set -- -n 500 --seed 2032 --runs-csv "$here/scenarios/baseline.ini" "$here/scenarios/balanced.ini"
# Runs a command under the time limit of the jobs; fails if it did not
# finish in time, else returns its status (in status too). It runs in the
# background so that a signal to this script is handled at once (a shell
# runs its traps only between foreground commands), and the cleanup stops
# it (timeout passes the signal on).
in_time() {
	what=$1
	shift
	timeout "$t_jobs" "$@" &
	child=$!
	status=0
	wait "$child" || status=$?
	child=""
	[ "$status" -ne 124 ] || fail "$what did not finish within $t_jobs s"
	return "$status"
}

in_time "submit.sh --wait with 5 shards" sh "$here/examples/slurm/submit.sh" -s 5 -o merged --wait -- "$@" \
	|| fail "submit.sh --wait with 5 shards failed (status $status)"
k=1
while [ "$k" -le 5 ]; do
	grep -q "^mc-shard: shard $k of 5 written" merged.parts/logs/mc-*_"$k".out \
		|| fail "shard $k of 5 did not run as task $k of the job array"
	k=$((k + 1))
done
in_time "dtsim mc on one machine" "$dtsim" mc --threads 2 -o single "$@" >single.out 2>&1 \
	|| { cat single.out >&2; fail "dtsim mc on one machine failed (status $status)"; }
[ -s single/mc_summary.csv ] || fail "dtsim mc on one machine wrote no mc_summary.csv"
diff -r single merged >diff.out 2>&1 \
	|| { head -n 20 diff.out >&2; fail "the merged shards differ from dtsim mc on one machine (diff -r single merged)"; }
# shellcheck disable=SC2012  # dtsim's own file names
echo "slurm: 5 shards on Slurm merged into the bytes of one machine's dtsim mc ($(ls single | wc -l) files)"

# A shard that fails: shard 3 cannot put its part in place (a directory
# holds its name), so the merge job must stop, name shard 3, and write no
# results; submit.sh --wait must exit with the merge job's failure.
mkdir -p broken.parts/shard-3/mc-part-3-of-5.txt
if in_time "submit.sh --wait with a failing shard" sh "$here/examples/slurm/submit.sh" -s 5 -o broken --wait -- "$@" >broken.out 2>&1; then
	cat broken.out >&2
	fail "submit.sh --wait exited 0 although shard 3 failed"
fi
grep -q '^mc-merge: shards 3 of 5 wrote no result' broken.parts/logs/merge-*.out \
	|| { cat broken.out broken.parts/logs/merge-*.out >&2; fail "the merge job did not name shard 3 as missing"; }
[ ! -e broken ] || fail "the merge job wrote results although shard 3 was missing"
echo "slurm: a failed shard stops the merge, which names it"

passed=1
echo "slurm: 2 passed, 0 failed"

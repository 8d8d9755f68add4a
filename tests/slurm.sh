#!/bin/sh
# A real single-node Slurm cluster on this machine, for the CI test of
# examples/slurm/ (issue 12): munged, slurmctld and slurmd are started
# here, each by its own PID, with everything they read and write in one
# temporary directory (the configuration is passed with SLURM_CONF and
# -f; munged gets its own key, socket, PID, seed and log files, so nothing
# under /etc, /run or /var is used or changed). The test then submits
# examples/slurm/mc-array.sbatch as a job array, waits for it and for its
# dependent merge job, and compares the merged results directory byte for
# byte with `dtsim mc` of the same inputs on one machine.
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
passed=0

# Prints what the daemons logged and what the jobs wrote (on failure).
show_logs() {
	for f in "$tmp"/munged.log "$tmp"/slurmctld.log "$tmp"/slurmd.log "$tmp"/jobs/*.out; do
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
trap 'exit 1' INT TERM HUP

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
set -- $ports
ctld_port=$1 slurmd_port=$2
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
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
MinJobAge=4
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=dtsim Nodes=$host Default=YES MaxTime=10 State=UP
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
# The harness: a 5-task array, each task writing its place in the array,
# and a job that runs after all of them ended (afterany: sbatch --wait on
# a job cancelled for a failed afterok dependency exits 0) and gathers
# what they wrote, in order, failing if one is missing. This is what
# examples/slurm/ relies on: SLURM_ARRAY_TASK_ID and _COUNT, a dependent
# job, and sbatch --wait's exit status.
cd "$tmp/jobs"
cat >"$tmp/task.sbatch" <<'EOF'
#!/bin/sh
echo "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT" >"task-$SLURM_ARRAY_TASK_ID"
EOF
cat >"$tmp/gather.sbatch" <<'EOF'
#!/bin/sh
for k in 1 2 3 4 5; do
	[ -f "task-$k" ] || { echo "task $k wrote nothing"; exit 1; }
done
cat task-1 task-2 task-3 task-4 task-5 >gathered
EOF
array=$(timeout "$t_start" sbatch --parsable --array=1-5 --output="$tmp/jobs/%A_%a.out" "$tmp/task.sbatch") \
	|| fail "sbatch did not accept the job array"
array=${array%%;*}
timeout "$t_jobs" sbatch --quiet --wait --dependency="afterany:$array" \
	--output="$tmp/jobs/gather.out" "$tmp/gather.sbatch" \
	|| fail "the job array $array or the job after it failed or did not finish (sbatch --wait, $t_jobs s)"
printf '1/5\n2/5\n3/5\n4/5\n5/5\n' >expected
cmp expected gathered || fail "the array's tasks did not write 1/5 to 5/5"
passed=1
echo "slurm: 1 passed, 0 failed"

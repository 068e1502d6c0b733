#!/usr/bin/env bash
# A real single-node SLURM cluster on this machine (munged + slurmctld + slurmd on localhost), for tests and
# for trying the job array before a real cluster. Runs as root in a container without systemd or cgroups.
#
#   tools/slurm/local-cluster.sh start [DIR]   # DIR (default /tmp/inception-cam-slurm) holds config, state, logs, pids
#   tools/slurm/local-cluster.sh stop  [DIR]   # stops exactly the daemons `start` started (by their recorded pid)
#   tools/slurm/local-cluster.sh env   [DIR]   # prints `export SLURM_CONF=...` for the client commands
#
# Needs Debian's slurm-wlm and munge (apt-get install -y slurm-wlm munge). The client commands (sbatch, squeue,
# sinfo, scancel, sacct is not available: no accounting) need SLURM_CONF=DIR/slurm.conf.
set -euo pipefail

cmd=${1:-}
DIR=${2:-${INCEPTION_CAM_SLURM_DIR:-/tmp/inception-cam-slurm}}

die() { echo "local-cluster: $*" >&2; exit 1; }

# Stops the daemon whose pid is in DIR/NAME.pid, if that process is still the one we started.
stop_one() {
  local name=$1 pidfile="$DIR/$1.pid" pid
  [[ -f $pidfile ]] || return 0
  pid=$(cat "$pidfile")
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$name"; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
    echo "local-cluster: stopped $name (pid $pid)"
  fi
  rm -f "$pidfile"
}

stop_all() {
  # Jobs still queued or running are cancelled first, so their slurmstepd processes end with them.
  if [[ -f $DIR/slurm.conf && -f $DIR/slurmctld.pid ]] && kill -0 "$(cat "$DIR/slurmctld.pid")" 2>/dev/null; then
    export SLURM_CONF="$DIR/slurm.conf"
    if [[ -n $(squeue -h -o %i 2>/dev/null) ]]; then
      scancel --user="$(id -un)" 2>/dev/null || true
      for _ in $(seq 1 100); do [[ -z $(squeue -h -o %i 2>/dev/null) ]] && break; sleep 0.1; done
    fi
  fi
  stop_one slurmd
  stop_one slurmctld
  stop_one munged
}

start_all() {
  command -v slurmctld >/dev/null && command -v munged >/dev/null \
    || die "slurmctld or munged not found: apt-get install -y slurm-wlm munge"
  if [[ -f $DIR/slurmctld.pid ]] && kill -0 "$(cat "$DIR/slurmctld.pid")" 2>/dev/null; then
    die "a cluster is already running from $DIR (tools/slurm/local-cluster.sh stop $DIR first)"
  fi
  mkdir -p "$DIR"/{state,spool,log,munge}
  chmod 700 "$DIR/munge"
  DIR=$(cd "$DIR" && pwd)

  # munge: a key of our own (the job credentials are signed with it), a socket of our own.
  local key="$DIR/munge/munge.key" sock="$DIR/munge/munge.socket"
  if [[ ! -s $key ]]; then
    if command -v mungekey >/dev/null; then mungekey --create --keyfile="$key" --force >/dev/null
    else dd if=/dev/urandom of="$key" bs=1 count=1024 status=none; fi
  fi
  chmod 400 "$key"
  munged --foreground --force --key-file="$key" --socket="$sock" --pid-file="$DIR/munge/munged.pidfile" \
    --seed-file="$DIR/munge/munged.seed" --log-file="$DIR/log/munged.log" >>"$DIR/log/munged.out" 2>&1 &
  echo $! > "$DIR/munged.pid"
  for _ in $(seq 1 50); do [[ -S $sock ]] && break; sleep 0.1; done
  [[ -S $sock ]] || { stop_all; die "munged did not start (see $DIR/log/munged.log)"; }

  # One node: this machine's CPUs and memory as slurmd itself detects them.
  local host node
  host=$(hostname -s)
  node=$(slurmd -C | head -1)              # NodeName=vm CPUs=2 Boards=1 ... RealMemory=24105
  [[ $node == NodeName=* ]] || { stop_all; die "slurmd -C gave no node line: $node"; }
  cat > "$DIR/slurm.conf" <<EOF
# Written by tools/slurm/local-cluster.sh: one node on localhost, no cgroups, no accounting.
ClusterName=inceptioncam
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$sock
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/state/slurmctld.pidfile
SlurmdPidFile=$DIR/spool/slurmd.pidfile
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
MinJobAge=300
MaxArraySize=10001
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF="$DIR/slurm.conf"
  # -D: stay in the foreground, so $! is the daemon's own pid; -i: ignore state left by an earlier run.
  slurmctld -D -i -f "$SLURM_CONF" >>"$DIR/log/slurmctld.out" 2>&1 &
  echo $! > "$DIR/slurmctld.pid"
  local nodename=${node%% *}; nodename=${nodename#NodeName=}
  slurmd -D -f "$SLURM_CONF" -N "$nodename" >>"$DIR/log/slurmd.out" 2>&1 &
  echo $! > "$DIR/slurmd.pid"
  local state=""
  for _ in $(seq 1 120); do
    state=$(sinfo -h -N -o '%T' 2>/dev/null | head -1 || true)
    [[ $state == idle ]] && break
    for d in munged slurmctld slurmd; do
      kill -0 "$(cat "$DIR/$d.pid")" 2>/dev/null || { stop_all; die "$d exited (see $DIR/log/$d.log and $DIR/log/$d.out)"; }
    done
    sleep 0.5
  done
  [[ $state == idle ]] || { stop_all; die "node not idle after 60 s (state '$state'; see $DIR/log/)"; }
  echo "local-cluster: up in $DIR (munged $(cat "$DIR/munged.pid"), slurmctld $(cat "$DIR/slurmctld.pid"), slurmd $(cat "$DIR/slurmd.pid")); export SLURM_CONF=$SLURM_CONF"
}

case $cmd in
  start) start_all ;;
  stop) stop_all ;;
  env) echo "export SLURM_CONF=$DIR/slurm.conf" ;;
  *) echo "usage: $0 start|stop|env [DIR]" >&2; exit 2 ;;
esac

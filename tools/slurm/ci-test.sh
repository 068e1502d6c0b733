#!/usr/bin/env bash
# The SLURM test (issue 12 point 4), run by .ci/run after `mvn verify` built target/: on a real single-node
# SLURM cluster started here (tools/slurm/local-cluster.sh), as root, with Debian's slurm-wlm and munge:
#  1. the job array (tools/slurm/submit.sh -> inception-cam-array.sbatch) over sample-images with 4 shards,
#     then `merge`, must equal a single-process `classify --out` run;
#  2. over 400 generated fields (enough that tasks are still running when killed), two array tasks are ended
#     mid-run: one with scancel (SIGTERM, then SIGKILL: how SLURM pre-empts), the other's JVM with kill -9;
#     `merge` must refuse the incomplete set (exit 1, naming both shards), the two are resubmitted alone
#     (--tasks K,L), must resume from their rows, and the merge must then equal a single-process run.
# The daemons are stopped by their pid on exit, also on failure. Exit 0 when all checks pass.
#   tools/slurm/ci-test.sh [WORK_DIR]      (default: a new folder under /tmp, removed after a pass; WORK_DIR is kept)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
JAR=$ROOT/target/inception-cam-cli.jar
LAUNCHER=$ROOT/target/inception-cam
GEN_COUNT=${SLURM_TEST_IMAGES:-400}
[[ -f $JAR && -x $LAUNCHER ]] || { echo "slurm-test: build first (mvn -B package -DskipTests): no $LAUNCHER"; exit 2; }

KEEP=${1:+yes}
WORK=${1:-$(mktemp -d /tmp/inception-cam-slurm-test.XXXXXX)}
mkdir -p "$WORK/logs"
WORK=$(cd "$WORK" && pwd)
CLUSTER=$WORK/cluster
export SLURM_CONF=$CLUSTER/slurm.conf

log() { echo "slurm-test: $*"; }
fail() {  # to stderr: it may run inside $(...)
  {
    echo "slurm-test: FAILED: $*"
    for f in "$WORK"/logs/*.log; do [[ -f $f ]] && { echo "--- $f"; tail -n 20 "$f"; }; done
  } >&2
  exit 1
}
cleanup() {
  local rc=$?
  tools/slurm/local-cluster.sh stop "$CLUSTER" || true
  if (( rc != 0 )) || [[ -n $KEEP ]]; then echo "slurm-test: work folder kept: $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT

# Waits until no task of job $1 is queued or running (at most $2 s), then prints "TASK STATE EXITCODE" per task.
wait_job() {
  local job=$1 limit=${2:-600} t=0
  while [[ -n $(squeue -h -j "$job" -o %i 2>/dev/null) ]]; do
    (( t++ < limit * 5 )) || { squeue -j "$job"; fail "job $job still queued or running after $limit s"; }
    sleep 0.2
  done
  # One line per array task; finished jobs stay visible to scontrol for MinJobAge (300 s).
  scontrol -o show job "$job" | sed -E 's/.*ArrayTaskId=([^ ]+).*JobState=([^ ]+).*ExitCode=([^ ]+).*/\1 \2 \3/' | sort -n
}

# Submits the array: $1 shards, $2 task list ("" = all), $3 output folder, the rest classify's inputs.
submit() {
  local shards=$1 tasks=$2 out=$3; shift 3
  local opts=(--shards "$shards" --cpus-per-task=1 --mem=1500M --output="$WORK/logs/%x-%A_%a.log" --job-name="$(basename "$out")")
  [[ -n $tasks ]] && opts+=(--tasks "$tasks")
  tools/slurm/submit.sh "${opts[@]}" -- --out "$out" "$@"
}

all_completed() {  # stdin: wait_job's lines
  local bad
  bad=$(awk '$2 != "COMPLETED" || $3 != "0:0"' ) || true
  [[ -z $bad ]] || fail "array tasks did not all complete: $bad"
}

tools/slurm/local-cluster.sh start "$CLUSTER"
sinfo

# --- 1. the array over sample-images, 4 shards, against one process -----------------------------------------
log "single-process reference over sample-images"
"$LAUNCHER" classify --device cpu --out "$WORK/sample-single" sample-images > "$WORK/logs/sample-single.out"
job=$(submit 4 "" "$WORK/sample-array" sample-images)
log "submitted job array $job (4 shards over sample-images)"
states=$(wait_job "$job" 600)
echo "$states"
all_completed <<< "$states"
[[ $(wc -l <<< "$states") == 4 ]] || fail "expected 4 array tasks, got: $states"
"$LAUNCHER" merge "$WORK/sample-array" || fail "merge of the 4 complete shards exited $?"
python3 tools/slurm/compare_results.py "$WORK/sample-single/results.csv" "$WORK/sample-array/results.csv" \
  || fail "merged array results differ from the single-process run"

# --- 2. one task killed mid-run, resubmitted ---------------------------------------------------------------
log "generating $GEN_COUNT fields"
java -jar "$JAR" generate --count "$GEN_COUNT" --seed 1 --out "$WORK/fields" > /dev/null
"$LAUNCHER" classify --device cpu --out "$WORK/fields-single" "$WORK/fields" > "$WORK/logs/fields-single.out"
out=$WORK/fields-array
job=$(submit 4 "" "$out" "$WORK/fields")
log "submitted job array $job (4 shards over $GEN_COUNT fields); waiting for two running tasks with rows"
# Two tasks run at once (1 CPU each on 2): one is cancelled the way SLURM pre-empts (scancel: SIGTERM, then
# SIGKILL after KillWait), the other's JVM is killed outright (kill -9: no shutdown hook, maybe a torn line).
victims=() t=0
while (( ${#victims[@]} < 2 )); do
  for k in 0 1 2 3; do
    [[ " ${victims[*]} " == *" $k "* ]] && continue
    csv=$out/results.shard-$k-of-4.csv
    if [[ -f $csv && ! -f $out/results.shard-$k-of-4.json ]] && (( $(wc -l < "$csv") >= 4 )); then victims+=("$k"); fi
    (( ${#victims[@]} == 2 )) && break
  done
  (( ${#victims[@]} == 2 )) && break
  [[ -n $(squeue -h -j "$job" -o %i) ]] || fail "tasks finished before two could be killed (use more images: SLURM_TEST_IMAGES)"
  (( t++ < 3000 )) || fail "no two tasks wrote rows within 300 s"
  sleep 0.05
done
cancelled=${victims[0]} killed=${victims[1]}
pid=$(sed -nE 's/^inception-cam-array: .* pid ([0-9]+)$/\1/p' "$WORK/logs/fields-array-${job}_$killed.log")
[[ -n $pid ]] || fail "no pid in the log of task $killed"
kill -9 "$pid"
scancel "${job}_$cancelled"
log "task $killed: its JVM (pid $pid) killed with SIGKILL at $(wc -l < "$out/results.shard-$killed-of-4.csv") CSV lines;" \
  "task $cancelled: scancel at $(wc -l < "$out/results.shard-$cancelled-of-4.csv") lines"
states=$(wait_job "$job" 600)
echo "$states"
for k in "${victims[@]}"; do
  grep -qE "^$k (CANCELLED|FAILED) " <<< "$states" || fail "task $k was not ended by the kill: $states"
  [[ ! -f $out/results.shard-$k-of-4.json ]] || fail "killed shard $k has a manifest: it finished before the kill"
done
awk -v a="$cancelled" -v b="$killed" '$1 != a && $1 != b' <<< "$states" | all_completed
set +e
"$LAUNCHER" merge "$out" > "$WORK/logs/merge-incomplete.out" 2>&1
rc=$?
set -e
cat "$WORK/logs/merge-incomplete.out"
[[ $rc == 1 ]] || fail "merge of an incomplete set exited $rc, expected 1"
for k in "${victims[@]}"; do
  grep -q "shard $k/4" "$WORK/logs/merge-incomplete.out" || fail "merge's message does not name shard $k/4"
done

job2=$(submit 4 "$cancelled,$killed" "$out" "$WORK/fields")
log "resubmitted tasks $cancelled,$killed as job $job2"
states=$(wait_job "$job2" 600)
echo "$states"
all_completed <<< "$states"
for k in "${victims[@]}"; do
  grep -q "^$k " <<< "$states" || fail "the resubmission did not run task $k: $states"
  # The resubmitted task resumed: it found the rows its killed run had written.
  grep -E "resume: [1-9][0-9]* of [0-9]+ inputs already done" "$WORK/logs/fields-array-${job2}_$k.log" \
    || fail "resubmitted task $k did not resume from its earlier rows"
done
"$LAUNCHER" merge "$out" || fail "merge after the resubmission exited $?"
python3 tools/slurm/compare_results.py "$WORK/fields-single/results.csv" "$out/results.csv" \
  || fail "merged results after kill and resubmission differ from the single-process run"
log "PASSED: 4-shard array == single process; a task killed mid-run, resubmitted and merged == single process"

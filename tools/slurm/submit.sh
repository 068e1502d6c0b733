#!/usr/bin/env bash
# Submits tools/slurm/inception-cam-array.sbatch as a job array of N shards (or only some of its tasks, to
# resubmit failed ones), and prints the job id.
#
#   tools/slurm/submit.sh --shards N [--tasks LIST] [SBATCH-OPTION...] -- CLASSIFY-ARGUMENT...
#
#   --shards N     the run's shard count (tasks 0..N-1); the same N for a resubmission
#   --tasks LIST   the tasks to (re)submit, SLURM's --array syntax: "2", "1,3", "0-9%4"; default 0-(N-1)
#   everything else before `--` goes to sbatch (e.g. --cpus-per-task=4 --mem=4G --gres=gpu:1 --partition=gpu),
#   everything after `--` to classify (e.g. --out results --model inception_v3.onnx images/).
# Run it from the project folder (the task finds target/inception-cam there) or set INCEPTION_CAM_LAUNCHER.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

usage() { echo "usage: $0 --shards N [--tasks LIST] [SBATCH-OPTION...] -- CLASSIFY-ARGUMENT..." >&2; exit 2; }

shards="" tasks="" sbatch_opts=()
while (( $# > 0 )); do
  case $1 in
    --shards) (( $# >= 2 )) || usage; shards=$2; shift 2 ;;
    --shards=*) shards=${1#*=}; shift ;;
    --tasks) (( $# >= 2 )) || usage; tasks=$2; shift 2 ;;
    --tasks=*) tasks=${1#*=}; shift ;;
    --) shift; break ;;
    *) sbatch_opts+=("$1"); shift ;;
  esac
done
[[ $shards =~ ^[1-9][0-9]*$ ]] || { echo "submit: --shards needs a positive number, got '$shards'" >&2; usage; }
(( $# > 0 )) || { echo "submit: no classify arguments after --" >&2; usage; }
[[ -n $tasks ]] || tasks="0-$((shards - 1))"

exec sbatch --parsable --array="$tasks" --export="ALL,INCEPTION_CAM_SHARDS=$shards" "${sbatch_opts[@]}" \
  "$here/inception-cam-array.sbatch" "$@"

#!/usr/bin/env bash
# Measures what docs/CLUSTER.md's "scale on paper" needs, on the machine it runs on, for one model:
# the fixed cost of one cluster task (JVM start + model load + first inference: a run over 1 image) and the
# per-image cost (the slope between a run over 1 image and a run over N), as wall and CPU seconds, through the
# launcher a task uses, with --out as on a cluster; the bytes read and written per image; and from these the
# shard size that keeps the fixed cost under 2 %, and 1,000,000 images in core-hours.
#
#   tools/slurm/scale.sh [--model M.onnx] [--images N] [--reps R] [--threads T] [--device cpu|gpu]
#
# Images: N synthetic PNGs at the model's input size (the bench's SyntheticPngs). Default: the built-in model,
# N=200, R=3 (the median of R runs each), T = nproc. Needs /usr/bin/time. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODEL="" N=200 REPS=3 THREADS=$(nproc) DEVICE=cpu
while (( $# > 0 )); do
  case $1 in
    --model) MODEL=$2; shift 2 ;;
    --images) N=$2; shift 2 ;;
    --reps) REPS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --device) DEVICE=$2; shift 2 ;;
    *) echo "usage: $0 [--model M.onnx] [--images N] [--reps R] [--threads T] [--device cpu|gpu]" >&2; exit 2 ;;
  esac
done
LAUNCHER=target/inception-cam
[[ -x $LAUNCHER ]] || { echo "scale: build first (mvn -B package -DskipTests): no $LAUNCHER" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "scale: needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }
WORK=$(mktemp -d /tmp/inception-cam-scale.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
model_args=(); [[ -n $MODEL ]] && model_args=(--model "$MODEL")

java -cp target/inception-cam-cli.jar io.github.inceptioncam.bench.SyntheticPngs "$WORK/many" "$N" ${MODEL:+"$MODEL"} >&2
mkdir -p "$WORK/one" && cp "$WORK/many/img_0000.png" "$WORK/one/"

# One run: prints "wall cpu" (s), cpu = user + sys of the whole process.
run() {
  rm -rf "$WORK/out"
  /usr/bin/time -o "$WORK/time" -f "%e %U %S" "$LAUNCHER" classify --device "$DEVICE" --threads "$THREADS" \
    "${model_args[@]}" --out "$WORK/out" "$1" > /dev/null
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$WORK/time"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

load0=$(cut -d' ' -f1 /proc/loadavg)
run "$WORK/one" > /dev/null   # warms the page cache for the jar, the libraries and the model
one=() many=()
for ((r = 0; r < REPS; r++)); do
  one+=("$(run "$WORK/one")")
  many+=("$(run "$WORK/many")")
done
load1=$(cut -d' ' -f1 /proc/loadavg)
w1=$(printf '%s\n' "${one[@]}" | awk '{print $1}' | median)
c1=$(printf '%s\n' "${one[@]}" | awk '{print $2}' | median)
wn=$(printf '%s\n' "${many[@]}" | awk '{print $1}' | median)
cn=$(printf '%s\n' "${many[@]}" | awk '{print $2}' | median)
read_bytes=$(du -cb "$WORK"/many/*.png | tail -1 | cut -f1)
written_bytes=$(du -sb "$WORK/out" | cut -f1)

awk -v n="$N" -v w1="$w1" -v c1="$c1" -v wn="$wn" -v cn="$cn" -v rb="$read_bytes" -v wb="$written_bytes" \
    -v t="$THREADS" -v model="${MODEL:-built-in}" -v dev="$DEVICE" -v l0="$load0" -v l1="$load1" \
    -v runs_one="${one[*]}" -v runs_many="${many[*]}" 'BEGIN {
  pw = (wn - w1) / (n - 1); pc = (cn - c1) / (n - 1)           # per image: wall s, CPU s
  ow = w1 - pw; oc = c1 - pc                                    # fixed cost per task: wall s, CPU s
  shard = ow / (0.02 * pw)                                      # images per shard for overhead <= 2 % (wall)
  printf "| quantity | value |\n|---|---|\n"
  printf "| model, device, threads | %s, %s, %d |\n", model, dev, t
  printf "| runs (wall s, CPU s): 1 image | %s |\n", runs_one
  printf "| runs (wall s, CPU s): %d images | %s |\n", n, runs_many
  printf "| load average before / after | %s / %s |\n", l0, l1
  printf "| per image, wall (slope) | %.1f ms |\n", pw * 1000
  printf "| per image, CPU (slope) | %.1f ms (%.2f cores busy) |\n", pc * 1000, pc / pw
  printf "| fixed cost per task (JVM start, model load, first inference), wall | %.2f s |\n", ow
  printf "| fixed cost per task, CPU | %.2f s |\n", oc
  printf "| shard size for fixed cost <= 2 %% (wall) | %d images |\n", shard + 0.999
  printf "| read per image (input file) | %.0f KB |\n", rb / n / 1000
  printf "| written per image (--out: CSV rows, JSON, CAM TIFF) | %.0f KB |\n", wb / n / 1000
  printf "| 1,000,000 images, %d-core tasks | %.0f core-hours (wall x %d cores), %.0f CPU-hours |\n", t, 1e6 * pw * t / 3600, t, 1e6 * pc / 3600
}'

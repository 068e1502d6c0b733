#!/usr/bin/env bash
# Inception CAM benchmark: one command for every figure of docs/BENCHMARKS.md.
#
#   tools/bench/run.sh           full run (~25 min on a busy 2-core machine): exports the PyTorch models, measures
#                                everything, installs Debian's python3-torch/-torchvision and time when
#                                missing and root
#   tools/bench/run.sh --quick   CI smoke run (< 3 min): built-in model only, short timings, no torch, no apt
#
# Writes target/bench/results.json (all figures, the raw parts and the machine) and prints a Markdown table
# (also in target/bench/results.md). Environment: BENCH_SECONDS (measured seconds per side and batch size),
# BENCH_IMAGES (folder size for b), BENCH_SOAK (images for the memory soak), BENCH_RUNS (fresh-JVM runs for d).
set -euo pipefail
cd "$(dirname "$0")/../.."

# The whole script is one function, parsed before it runs: editing this file during a run cannot change the run.
main() {

  QUICK=0
  case "${1:-}" in
    --quick) QUICK=1 ;;
    "") ;;
    *) echo "usage: tools/bench/run.sh [--quick]" >&2; exit 2 ;;
  esac

  JAR=target/inception-cam-cli.jar
  OUT=target/bench
  PARTS=$OUT/parts
  MODELS_DIR=target/bench-models
  log() { echo "[bench $(date -u +%H:%M:%S)] $*" >&2; }

  if [[ $QUICK == 1 ]]; then
    SECONDS_PER=${BENCH_SECONDS:-1}; IMAGES=${BENCH_IMAGES:-16}; SOAK=${BENCH_SOAK:-100}; SOAK_EVERY=20; RUNS=${BENCH_RUNS:-5}
  else
    SECONDS_PER=${BENCH_SECONDS:-5}; IMAGES=${BENCH_IMAGES:-200}; SOAK=${BENCH_SOAK:-10000}; SOAK_EVERY=$(( ${BENCH_SOAK:-10000} / 10 )); RUNS=${BENCH_RUNS:-7}
  fi

  # 1. Build when the jar is missing or older than the sources.
  if [[ ! -f $JAR ]] || [[ -n $(find src/main pom.xml -newer "$JAR" -print -quit) ]]; then
    log "building ($JAR)"
    mvn -B -q package -DskipTests
  fi

  # 2. Models: the built-in one always; in full mode the exported GoogLeNet and Inception v3.
  declare -A MODEL=([builtin]="")
  TAGS=(builtin)
  if [[ $QUICK == 0 ]]; then
    if [[ $(id -u) == 0 ]] && { ! /usr/bin/python3 -c 'import torch, torchvision' 2>/dev/null || [[ ! -x /usr/bin/time ]]; }; then
      log "installing Debian's python3-torch python3-torchvision time (~1 min)"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-torchvision time >/dev/null
    fi
    if /usr/bin/python3 tools/bench/export_models.py --out "$MODELS_DIR" >&2; then
      MODEL[googlenet]=$MODELS_DIR/googlenet.onnx; MODEL[inception_v3]=$MODELS_DIR/inception_v3.onnx
      TAGS+=(googlenet inception_v3)
    else
      log "model export failed or PyTorch absent: continuing with the built-in model only"
    fi
  fi
  model_args() { [[ -n ${MODEL[$1]} ]] && echo "--model ${MODEL[$1]}" || true; }
  has() { [[ -n ${MODEL[$1]+x} ]]; }

  rm -rf "$PARTS"; mkdir -p "$PARTS"
  bench() { java -jar "$JAR" bench --device cpu "$@"; }
  # the soak's JVMs (ours and the raw peer alike) run with a fixed, pre-touched 1 GiB heap: VmRSS then holds the
  # whole heap from the start, so what moves it is memory outside the heap, the leaks the soak looks for, and not
  # G1 growing its heap under load or writing pages it had committed earlier (docs/RELIABILITY.md, Soak)
  bench_fixed_heap() { java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -jar "$JAR" bench --device cpu "$@"; }
  main_of() { local cls=$1; shift; java -cp "$JAR" "io.github.inceptioncam.bench.$cls" "$@"; }

  # timed PART TAG SIDE IMAGES CMD...: one line "part tag side wall_s maxrss_kb images" in timings.tsv
  timed() {
    local part=$1 tag=$2 side=$3 n=$4 wall rss; shift 4
    if [[ -x /usr/bin/time ]]; then
      /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" >/dev/null
      read -r wall rss < <(tail -1 "$OUT/time.txt")
    else
      local t0; t0=$(date +%s%N); "$@" >/dev/null
      wall=$(( ($(date +%s%N) - t0) / 1000000 )); wall=$(printf '%d.%03d' $((wall / 1000)) $((wall % 1000))); rss=-
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$part" "$tag" "$side" "$wall" "$rss" "$n" >> "$PARTS/timings.tsv"
  }

  # a, c. In-process classify + CAM vs raw ORT, interleaved, warm.
  for tag in "${TAGS[@]}"; do
    log "a/c: $tag, batch 1 and 8, ${SECONDS_PER}s per side"
    bench $(model_args "$tag") --batch 1,8 --seconds "$SECONDS_PER" --json > "$PARTS/a_$tag.json"
  done

  # m. Maps of every class: our CAM time with --class all against the inference, in the same run; and one box's
  # CPU time against resample-then-box, over the 1,000 maps of one image (synthetic noise maps in quick mode).
  M_TAG=builtin; has inception_v3 && M_TAG=inception_v3
  log "m: maps of every class, $M_TAG"
  bench $(model_args "$M_TAG") --class all --batch 1,8 --seconds "$SECONDS_PER" --json > "$PARTS/m_$M_TAG.json"
  if has inception_v3; then
    main_of SyntheticPngs "$OUT/m_image" 1 ${MODEL[inception_v3]} >&2
    java -jar "$JAR" classify --device cpu --class all --json $(model_args inception_v3) "$(ls "$OUT"/m_image/*.png | head -1)" > "$OUT/m_cams.json"
    main_of BoxTiming "$OUT/m_cams.json" auto "$SECONDS_PER" > "$PARTS/m_boxes_$M_TAG.json"
  else
    main_of BoxTiming noise 299x299 "$SECONDS_PER" > "$PARTS/m_boxes_noise.json"
  fi

  # Profile of our overhead: raw ORT on our CAM-ready graph (the outputs ours fetches: logits + feature map).
  P_TAGS=(builtin); [[ $QUICK == 0 ]] && has googlenet && P_TAGS=(googlenet inception_v3)
  for tag in "${P_TAGS[@]}"; do
    log "profile: $tag, ours vs raw ORT on the CAM-ready graph"
    bench $(model_args "$tag") --peer raw-cam-ready --batch 1,8 --seconds "$SECONDS_PER" --json > "$PARTS/p_$tag.json"
  done

  # b. Folder throughput: the CLI (classify --json --out, batch 8) vs the raw peer (ImageIO + ORT, batch 8), fresh JVMs.
  B_TAGS=(builtin); has inception_v3 && B_TAGS+=(inception_v3)
  for tag in "${B_TAGS[@]}"; do
    dir=$OUT/images_$tag
    rm -rf "$dir"; main_of SyntheticPngs "$dir" "$IMAGES" ${MODEL[$tag]} >&2
    log "b: $tag, $IMAGES images"
    reps=1; [[ $QUICK == 0 ]] && reps=2
    for ((r = 0; r < reps; r++)); do
      rm -rf "$OUT/out_$tag"
      # the JSON lines on stdout (decode, preprocess, infer, CAM, JSON), then also the --out folder
      # (results.csv, a JSON file and a 32-bit CAM TIFF per image)
      timed b "$tag" ours "$IMAGES" java -jar "$JAR" classify --device cpu --batch 8 --json $(model_args "$tag") "$dir"
      timed b "$tag" ours_out "$IMAGES" java -jar "$JAR" classify --device cpu --batch 8 --json --out "$OUT/out_$tag" $(model_args "$tag") "$dir"
      [[ $(ls "$OUT/out_$tag"/*.json | wc -l) -ge $IMAGES ]] || { log "b: the CLI wrote too few results"; exit 1; }
      timed b "$tag" raw "$IMAGES" bash -c "java -jar '$JAR' bench --device cpu --raw-folder '$dir' --batch 8 --json $(model_args "$tag") > '$PARTS/b_${tag}_raw.json'"
    done
  done

  # d. One image in a fresh JVM (cold): the CLI vs a raw ORT one-shot (model opened by path), alternating runs;
  # the built-in model, and Inception v3 in full mode.
  d_tags=(builtin); has inception_v3 && d_tags+=(inception_v3)
  for tag in "${d_tags[@]}"; do
    img=$(ls "$OUT/images_$tag"/*.png | head -1)
    log "d: one image, $tag, $RUNS fresh JVMs each"
    for ((r = 0; r < RUNS; r++)); do
      timed d "$tag" ours 1 java -jar "$JAR" classify --device cpu $(model_args "$tag") "$img"
      [[ -x target/inception-cam ]] && timed d "$tag" ours_launcher 1 target/inception-cam classify --device cpu $(model_args "$tag") "$img"
      timed d "$tag" raw 1 java -cp "$JAR" io.github.inceptioncam.bench.OneShot $(model_args "$tag") "$img"
    done
  done

  # e, f. Heap while loading vs file size, a second load via EngineCache; -Xmx512m; resident memory over many images.
  for tag in "${TAGS[@]}"; do
    log "e/f: load probe $tag"
    bench $(model_args "$tag") --load-probe --json > "$PARTS/e_load_$tag.json"
  done
  if has inception_v3; then
    log "e: Inception v3 under -Xmx512m"
    java -Xmx512m -jar "$JAR" bench --device cpu --load-probe --json $(model_args inception_v3) > "$PARTS/e_xmx512_inception_v3.json" 2> "$OUT/xmx512.err" \
      || printf '{"mode":"load","error":"exit %d, see %s"}\n' $? "$OUT/xmx512.err" > "$PARTS/e_xmx512_inception_v3.json"
  fi
  # the soak: VmRSS and native memory at SOAK/10 images and at SOAK (10,000 in full mode), built-in and Inception v3
  soak_tags=(builtin); has inception_v3 && soak_tags+=(inception_v3)
  for soak_tag in "${soak_tags[@]}"; do
    log "e: soak $soak_tag, $SOAK images, ours then raw"
    bench_fixed_heap $(model_args $soak_tag) --soak "$SOAK" --sample-every "$SOAK_EVERY" --soak-reference $((SOAK / 10)) --batch 8 --json > "$PARTS/e_soak_${soak_tag}_ours.json"
    bench_fixed_heap $(model_args $soak_tag) --soak "$SOAK" --sample-every "$SOAK_EVERY" --soak-reference $((SOAK / 10)) --batch 8 --raw --json > "$PARTS/e_soak_${soak_tag}_raw.json"
  done

  # g. Spinning off (default) vs on, quiet and with a busy loop on one core.
  spin_tag=builtin; has googlenet && spin_tag=googlenet
  log "g: spinning, $spin_tag batch 1, quiet"
  bench $(model_args $spin_tag) --peer spinning --batch 1 --seconds "$SECONDS_PER" --json > "$PARTS/g_quiet.json"
  log "g: spinning, $spin_tag batch 1, one busy core"
  bash -c 'while :; do :; done' &
  busy=$!
  trap 'kill $busy 2>/dev/null || true' EXIT
  bench $(model_args $spin_tag) --peer spinning --batch 1 --seconds "$SECONDS_PER" --json > "$PARTS/g_under_contention.json"
  kill $busy; wait $busy 2>/dev/null || true; trap - EXIT

  # h. PyTorch eager CPU peer.
  if [[ $QUICK == 1 ]]; then
    echo '{"absent": "skipped in quick mode"}' > "$PARTS/h_torch.json"
  elif [[ -x /usr/bin/python3 ]]; then
    log "h: PyTorch eager"
    /usr/bin/python3 tools/bench/torch_bench.py --batch 1,8 --seconds "$SECONDS_PER" > "$PARTS/h_torch.json" || echo '{"absent": "torch_bench.py failed"}' > "$PARTS/h_torch.json"
  else
    echo '{"absent": "no /usr/bin/python3"}' > "$PARTS/h_torch.json"
  fi

  mode=full; [[ $QUICK == 1 ]] && mode=quick
  main_of Report "$PARTS" "$OUT/results.json" "$mode" | tee "$OUT/results.md"
  log "done: $OUT/results.json, $OUT/results.md"
}

main "$@"

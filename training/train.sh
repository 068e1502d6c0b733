#!/usr/bin/env bash
# Reproduces the built-in model: installs the Debian training tools if missing, builds the CLI,
# generates data with it, trains on the CPU and writes the ONNX model + sidecar into src/main/resources.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c "import torch, tifffile" 2>/dev/null; then
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-torch python3-tifffile libopenblas0-pthread
fi
[ -f target/inception-cam-cli.jar ] || mvn -B -q package -DskipTests
/usr/bin/python3 training/train.py "$@"

#!/usr/bin/python3
"""Export the benchmark models: random-weight torchvision GoogLeNet (224) and Inception v3 (299).

Both with aux_logits=False, init_weights=True, transform_input=False, eval mode, ONNX opset 13, input
"input" with a dynamic batch axis, one output "logits", and beside each our sidecar JSON (input size,
NCHW, "range" scaling, ImageNet mean/std; see docs/MODELS.md).  Written to target/bench-models/ (or
--out).  The networks come from tools/export_torchvision.py (same seed, same BatchNorm calibration,
so the features are O(1) and the CAM identity check is meaningful, not lost in 1e-11 or 1e12 values).

Needs Debian's python3-torch and python3-torchvision: run with /usr/bin/python3.  Skips a model whose
.onnx and .json already exist unless --force.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

MODELS = ("googlenet", "inception_v3")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="target/bench-models", help="output folder (default: %(default)s)")
    ap.add_argument("--force", action="store_true", help="export again even when the files exist")
    a = ap.parse_args()
    try:
        import export_torchvision  # noqa: E402  (tools/export_torchvision.py, needs torch)
    except ImportError as e:
        print("export_models: PyTorch/torchvision absent (%s); install python3-torch python3-torchvision "
              "and run with /usr/bin/python3" % e, file=sys.stderr)
        return 3
    os.makedirs(a.out, exist_ok=True)
    for name in MODELS:
        onnx, side = (os.path.join(a.out, name + ext) for ext in (".onnx", ".json"))
        if not a.force and os.path.exists(onnx) and os.path.exists(side):
            print("%s: present" % onnx)
            continue
        export_torchvision.export(name, a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""PyTorch reference for Inception CAM: logits and class activation map of the top-1 class.

Builds the same network as tools/export_torchvision.py (same seed and construction, imported from it,
so the weights equal those of the exported ONNX file) and, for each image, prints one JSON line:

  {"image": path, "model": name, "input_size": [w, h], "top1": c, "logits": [...],
   "cam_class": c, "cam": [[...], ...] (rows are y), "identity_error": mean(cam) + b_c - logit_c}

Preprocessing, meant to match the Java engine exactly: 8-bit pixels / 255 (16-bit / 65535), grey
replicated to 3 channels, resize of the float image to the model input with
torch.nn.functional.interpolate(mode="bilinear", align_corners=False, antialias=False), then
(v - mean) / std per channel, NCHW.  The CAM is M_c(y, x) = sum_k fc.weight[c, k] * f[k, y, x] in
float64, f being the input of the main head's avgpool (captured with a forward hook).

Usage: /usr/bin/python3 tools/torch_reference.py --model-name googlenet IMAGE [IMAGE ...]
"""
import argparse
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_torchvision import MEAN, MODEL_NAMES, SIZES, STD, build_model, classifier  # noqa: E402


def load_image(path):
    """The image as a float32 array (C, H, W) scaled to [0, 1] by its bit depth; C is 1 or 3."""
    im = Image.open(path)
    if im.mode == "P":
        im = im.convert("RGB")  # palette images: colours, not indices
    elif im.mode in ("RGBA", "LA"):
        im = im.convert(im.mode[:-1])  # alpha is ignored
    if im.mode in ("L", "RGB"):
        div = 255.0
    elif im.mode in ("I;16", "I;16B", "I;16L", "I"):
        div = 65535.0
    else:
        raise SystemExit("%s: unsupported image mode %s" % (path, im.mode))
    a = np.asarray(im).astype(np.float32)
    a = a[None] if a.ndim == 2 else a.transpose(2, 0, 1)
    return a / np.float32(div)


def preprocess(planes, size):
    """(C, H, W) floats in [0, 1] -> normalised (1, 3, size, size) tensor."""
    x = torch.from_numpy(np.ascontiguousarray(planes))[None]
    if x.shape[1] == 1:
        x = x.expand(1, 3, x.shape[2], x.shape[3])
    x = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False, antialias=False)
    mean = torch.tensor(MEAN, dtype=torch.float32).view(1, 3, 1, 1)
    std = torch.tensor(STD, dtype=torch.float32).view(1, 3, 1, 1)
    return ((x - mean) / std).contiguous()


def reference(model, name, path):
    head = classifier(model)
    feats = []
    hook = head.avgpool.register_forward_hook(lambda mod, inp, out: feats.append(inp[0].detach()))
    try:
        with torch.no_grad():
            out = model(preprocess(load_image(path), SIZES[name]))
    finally:
        hook.remove()
    logits = (out[-1] if isinstance(out, tuple) else out)[0].double()  # main head is last for the aux wrapper
    c = int(torch.argmax(logits))
    w = head.fc.weight.detach().double()[c]
    f = feats[-1][0].double()  # (K, H, W)
    cam = torch.einsum("k,kyx->yx", w, f)
    ident = float(cam.mean() + head.fc.bias.detach().double()[c] - logits[c])
    return {"image": path, "model": name, "input_size": [SIZES[name]] * 2, "top1": c,
            "logits": logits.tolist(), "cam_class": c, "cam": cam.tolist(), "identity_error": ident}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model-name", required=True, choices=MODEL_NAMES)
    ap.add_argument("images", nargs="+")
    a = ap.parse_args()
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    model = build_model(a.model_name)
    for p in a.images:
        print(json.dumps(reference(model, a.model_name, p)), flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Export randomly initialised torchvision Inception models to ONNX for testing Inception CAM.

Writes, into --out DIR (default target/torch-models):

  googlenet.onnx          GoogLeNet (aux_logits=False), 224x224 input, one output "logits"
  inception_v3.onnx       Inception v3 (aux_logits=False), 299x299 input, one output "logits"
  inception_v3_aux.onnx   Inception v3 with its auxiliary classifier kept in the graph: two outputs,
                          in the order ("aux_logits", "logits"), to check that a consumer picks the
                          main head whatever the output order

and beside each model a sidecar <name>.json (input size, layout, ImageNet mean/std, "range" scaling).

No pretrained weights are used (none can be downloaded here): every model is built with
init_weights=True after torch.manual_seed(SEED), so build_model(name) returns bit-identical weights
on every call; tools/torch_reference.py imports it to get the same network.  transform_input=False,
eval mode, opset 13, input "input" with a dynamic batch axis.

BatchNorm calibration: with torchvision's init and the default BN running statistics (mean 0,
var 1), activations vanish in GoogLeNet (features ~1e-11, so the logits equal fc.bias whatever the
image) and explode in Inception v3 (features ~1e12).  A test against such a model proves nothing, so
build_model() also sets every BN layer's running mean/var to the statistics of one seeded batch of
random images (one train-mode forward pass, momentum=None), then switches to eval mode.
Features are then O(1) and the logits depend on the image.

Usage: /usr/bin/python3 tools/export_torchvision.py [--out DIR] [--models googlenet,inception_v3,...]
"""
import argparse
import json
import os
import time

import torch
import torchvision

SEED = 20240601
MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]
SIZES = {"googlenet": 224, "inception_v3": 299, "inception_v3_aux": 299}
MODEL_NAMES = tuple(SIZES)


class AuxAndMain(torch.nn.Module):
    """Inception v3 whose eval-mode forward returns (aux_logits, logits), the auxiliary head first."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        n = self.net
        for name in ["Conv2d_1a_3x3", "Conv2d_2a_3x3", "Conv2d_2b_3x3", "maxpool1", "Conv2d_3b_1x1",
                     "Conv2d_4a_3x3", "maxpool2", "Mixed_5b", "Mixed_5c", "Mixed_5d", "Mixed_6a",
                     "Mixed_6b", "Mixed_6c", "Mixed_6d", "Mixed_6e"]:
            x = getattr(n, name)(x)
        aux = n.AuxLogits(x)
        x = n.Mixed_7c(n.Mixed_7b(n.Mixed_7a(x)))
        x = torch.flatten(n.dropout(n.avgpool(x)), 1)
        return aux, n.fc(x)


def build_model(name):
    """The eval-mode network for `name`, with deterministic random weights.

    For "inception_v3_aux" this is the AuxAndMain wrapper; its main head is `.net`.
    """
    torch.manual_seed(SEED)
    tv = torchvision.models
    if name == "googlenet":
        m = tv.googlenet(weights=None, aux_logits=False, transform_input=False, init_weights=True)
    elif name == "inception_v3":
        m = tv.inception_v3(weights=None, aux_logits=False, transform_input=False, init_weights=True)
    elif name == "inception_v3_aux":
        m = AuxAndMain(tv.inception_v3(weights=None, aux_logits=True, transform_input=False, init_weights=True))
    else:
        raise ValueError("unknown model " + name)
    calibrate_bn(m, SIZES[name])
    return m.eval()


def calibrate_bn(model, size):
    """Sets BN running statistics to those of 12 seeded random images (see the module doc).

    The images are uniform noise at 3x3 ... 65x65 upsampled to the input size: varied scales keep
    every channel's variance away from zero, so the features stay O(1) on other images.
    """
    g = torch.Generator().manual_seed(SEED)
    x = torch.cat([torch.nn.functional.interpolate(torch.rand(2, 3, n, n, generator=g), size=(size, size),
                                                   mode="bilinear", align_corners=False)
                   for n in (3, 5, 9, 17, 33, 65)])
    x = (x - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1)
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.reset_running_stats()
            m.momentum = None  # cumulative average: after one pass, exactly this batch's statistics
    model.train()
    with torch.no_grad():
        model(x)


def classifier(model):
    """The module holding avgpool and fc of the main head."""
    return model.net if isinstance(model, AuxAndMain) else model


def sidecar(name):
    s = SIZES[name]
    return {"name": name + " (random weights, seed %d)" % SEED,
            "input": {"width": s, "height": s, "channels": 3, "layout": "NCHW"},
            "normalization": {"scaling": "range", "mean": MEAN, "std": STD},
            "output": "logits"}


def export(name, out_dir):
    t0 = time.time()
    model = build_model(name)
    s = SIZES[name]
    outputs = ["aux_logits", "logits"] if name == "inception_v3_aux" else ["logits"]
    path = os.path.join(out_dir, name + ".onnx")
    with torch.no_grad():
        torch.onnx.export(model, torch.zeros(1, 3, s, s), path, opset_version=13,
                          input_names=["input"], output_names=outputs,
                          dynamic_axes={k: {0: "batch"} for k in ["input"] + outputs})
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(sidecar(name), f, indent=1)
    print("%s: %.1f MB, %.1f s" % (path, os.path.getsize(path) / 1e6, time.time() - t0))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="target/torch-models", help="output folder (default: %(default)s)")
    ap.add_argument("--models", default=",".join(MODEL_NAMES), help="comma-separated subset of " + ", ".join(MODEL_NAMES))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for name in a.models.split(","):
        export(name.strip(), a.out)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Small PyTorch models with the classifier heads users fine-tune, exported to ONNX, with class maps
from torch autograd as the reference for Inception CAM's head walker (src/test/resources/heads/).

Every model has the same tiny convolutional body (non-square input 3x20x16, feature map A of 6x10x8)
and one of these heads:

  keras_mlp_nhwc   NHWC input (Keras layout): GlobalAveragePooling2D -> Dense 16 relu -> Dropout
                   -> Dense 4 -> softmax (ReduceMean over axes 1,2; a softmax output)
  torch_bn_mlp     AdaptiveAvgPool -> Flatten -> Linear 16 -> BatchNorm1d -> ReLU -> Dropout -> Linear 4
  leaky            GAP -> Linear 16 -> LeakyReLU(0.1) -> Linear 4
  prelu            GAP -> Linear 16 -> PReLU(16) -> Linear 4
  flatten_maxpool  MaxPool2d(2) -> Flatten -> Linear 12 -> ReLU -> Linear 4 (A is the MaxPool output)
  sigmoid          GAP -> Linear 16 -> Sigmoid -> Linear 4 (first-order map, not exact)
  unsupported      GAP -> Linear 16 -> Abs -> Linear 4 (the walker must refuse, naming Abs)
  keras_avgpool_mlp_nhwc
                   the head of a real trained Keras Inception v3 as tf2onnx writes it: NHWC feature map ->
                   Transpose -> AveragePool over the whole map (AveragePooling2D(8x8) on mixed10) -> Transpose
                   -> Flatten -> Dense 16 relu -> Dense 8 relu -> Dense 4 -> softmax, rewritten in tf2onnx's
                   form (Dense as MatMul + Add, Flatten as Reshape)

and an NHWC twin of every exact or first-order head (NAME_nhwc: NHWC input, the feature map transposed to
channels-last before the head as tf2onnx writes Keras graphs, the mean over axes 1,2 or a channels-last flatten),
so each head is checked in both layouts.

For each model NAME it writes NAME.onnx (opset 13, fixed batch 1) and NAME.ref.json: the input
(float values, in the model's layout), the pre-softmax logits and, for every class c, the raw map
M_c(y,x) = H*W * sum_k dz_c/dA_k(y,x) * A_k(y,x) computed with torch.autograd, rows y, at the
resolution of A (for flatten_maxpool: of the MaxPool output).

Usage: /usr/bin/python3 tools/heads/export_heads.py [--out src/test/resources/heads]
"""
import argparse
import json
import os

import torch
import torch.nn as nn

H, W = 20, 16
K = 6


class Body(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 8, 3, padding=1)
        self.c2 = nn.Conv2d(8, K, 3, stride=2, padding=1)

    def forward(self, x):
        return torch.relu(self.c2(torch.relu(self.c1(x))))


class Abs(nn.Module):
    def forward(self, x):
        return torch.abs(x)


def mlp(mid_act, bn=False):
    layers = [nn.Linear(K, 16)]
    if bn:
        layers.append(nn.BatchNorm1d(16))
    layers += [mid_act, nn.Dropout(0.3), nn.Linear(16, 4)]
    return nn.Sequential(*layers)


class Net(nn.Module):
    """NCHW input; A = body output (or its MaxPool); head returns pre-softmax logits."""

    def __init__(self, head, flatten_maxpool=False):
        super().__init__()
        self.body = Body()
        self.head = head
        self.flatten_maxpool = flatten_maxpool
        self.features = None

    def forward(self, x):
        a = self.body(x)
        if self.flatten_maxpool:
            a = nn.functional.max_pool2d(a, 2)
            self.features = a
            return self.head(torch.flatten(a, 1))
        self.features = a
        return self.head(torch.flatten(nn.functional.adaptive_avg_pool2d(a, 1), 1))


class NhwcNet(nn.Module):
    """The NHWC twin of a Net: NHWC input, body in NCHW, the feature map back to NHWC before the head."""

    def __init__(self, head, flatten_maxpool=False):
        super().__init__()
        self.body = Body()
        self.head = head
        self.flatten_maxpool = flatten_maxpool
        self.features = None

    def forward(self, x):
        a = self.body(x.permute(0, 3, 1, 2))
        if self.flatten_maxpool:
            a = nn.functional.max_pool2d(a, 2)
        a = a.permute(0, 2, 3, 1)
        self.features = a
        if self.flatten_maxpool:
            return self.head(torch.flatten(a, 1))
        return self.head(a.mean(dim=(1, 2)))


class KerasNet(nn.Module):
    """NHWC input and NHWC feature map, mean over axes 1,2, softmax output (as tf2onnx writes Keras)."""

    def __init__(self):
        super().__init__()
        self.body = Body()
        self.head = mlp(nn.ReLU())
        self.features = None
        self.softmax = True

    def forward(self, x):
        a = self.body(x.permute(0, 3, 1, 2)).permute(0, 2, 3, 1)
        self.features = a
        return self.head(a.mean(dim=(1, 2)))


class KerasAvgPoolNet(nn.Module):
    """NHWC input; AveragePool(kernel = the whole map) in NCHW between two transposes; flatten; a 3-layer MLP."""

    def __init__(self):
        super().__init__()
        self.body = Body()
        self.head = nn.Sequential(nn.Linear(K, 16), nn.ReLU(), nn.Linear(16, 8), nn.ReLU(), nn.Linear(8, 4))
        self.features = None
        self.softmax = True

    def forward(self, x):
        a = self.body(x.permute(0, 3, 1, 2)).permute(0, 2, 3, 1)
        self.features = a
        p = nn.functional.avg_pool2d(a.permute(0, 3, 1, 2), (a.shape[1], a.shape[2])).permute(0, 2, 3, 1)
        return self.head(torch.flatten(p, 1))


def as_tf2onnx(path):
    """Rewrites torch's export into the form tf2onnx writes a Keras head in: every Gemm(x, W, b, transB=1) as
    MatMul(x, W^T) + Add(b), Flatten as Reshape to [-1, n], and torch's all-zero Pad before the pooling dropped."""
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper
    m = onnx.load(path)
    inits = {t.name: t for t in m.graph.initializer}
    consts = {n.output[0]: numpy_helper.to_array(n.attribute[0].t) for n in m.graph.node if n.op_type == "Constant"}
    rename = {}
    nodes = []
    for n in m.graph.node:
        for i, name in enumerate(n.input):
            if name in rename:
                n.input[i] = rename[name]
        if n.op_type == "Pad" and not consts.get(n.input[1], np.array([1])).any():
            rename[n.output[0]] = n.input[0]
            continue
        if n.op_type == "Flatten":
            shape = numpy_helper.from_array(np.array([-1, K], dtype=np.int64), n.name + "_shape")
            m.graph.initializer.append(shape)
            nodes.append(helper.make_node("Reshape", [n.input[0], shape.name], [n.output[0]], name=n.name + "_Reshape"))
            continue
        if n.op_type != "Gemm":
            nodes.append(n)
            continue
        attrs = {a.name: helper.get_attribute_value(a) for a in n.attribute}
        w = numpy_helper.to_array(inits[n.input[1]])
        if attrs.get("transB", 0):
            w = w.T
        wt = numpy_helper.from_array(w.copy(), n.input[1] + "_kernel")
        m.graph.initializer.append(wt)
        mm = n.output[0] + "_matmul"
        nodes.append(helper.make_node("MatMul", [n.input[0], wt.name], [mm], name=n.name + "_MatMul"))
        nodes.append(helper.make_node("Add", [mm, n.input[2]], [n.output[0]], name=n.name + "_BiasAdd"))
    del m.graph.node[:]
    m.graph.node.extend(n for n in nodes if not (n.op_type == "Constant" and n.output[0] in rename_sources(nodes)))
    used = {i for n in m.graph.node for i in n.input}
    keep = [t for t in m.graph.initializer if t.name in used]
    del m.graph.initializer[:]
    m.graph.initializer.extend(keep)
    onnx.checker.check_model(m)
    onnx.save(m, path)


def rename_sources(nodes):
    """The outputs of Constant nodes no other node reads (the dropped Pad's pads)."""
    read = {i for n in nodes for i in n.input}
    return {n.output[0] for n in nodes if n.op_type == "Constant" and n.output[0] not in read}


def build(name):
    torch.manual_seed(1000 + NAMES.index(name))
    if name.endswith("_nhwc") and not name.startswith("keras_"):
        twin = build(name[:-len("_nhwc")])
        net = NhwcNet(twin.head, flatten_maxpool=twin.flatten_maxpool)
        net.body.load_state_dict(twin.body.state_dict())
        return net
    if name == "keras_mlp_nhwc":
        return KerasNet()
    if name == "keras_avgpool_mlp_nhwc":
        return KerasAvgPoolNet()
    if name == "torch_bn_mlp":
        return Net(mlp(nn.ReLU(), bn=True))
    if name == "leaky":
        return Net(mlp(nn.LeakyReLU(0.1)))
    if name == "prelu":
        return Net(mlp(nn.PReLU(16, init=0.2)))
    if name == "flatten_maxpool":
        return Net(nn.Sequential(nn.Linear(K * 5 * 4, 12), nn.ReLU(), nn.Linear(12, 4)), flatten_maxpool=True)
    if name == "sigmoid":
        return Net(mlp(nn.Sigmoid()))
    if name == "unsupported":
        return Net(mlp(Abs()))
    raise ValueError(name)


class WithSoftmax(nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return torch.softmax(self.net(x), dim=1)


BASE = ["keras_mlp_nhwc", "torch_bn_mlp", "leaky", "prelu", "flatten_maxpool", "sigmoid", "unsupported"]
NAMES = BASE + [n + "_nhwc" for n in ["torch_bn_mlp", "leaky", "prelu", "flatten_maxpool", "sigmoid"]] + [
    "keras_avgpool_mlp_nhwc"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="src/test/resources/heads")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name in NAMES:
        net = build(name)
        # BatchNorm statistics that are not the identity, so the test sees them
        for m in net.modules():
            if isinstance(m, nn.BatchNorm1d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.data.uniform_(0.5, 1.5)
                m.bias.data.uniform_(-0.3, 0.3)
        net.eval()
        nhwc = name.endswith("_nhwc")
        g = torch.Generator().manual_seed(7)
        x = torch.rand((1, H, W, 3) if nhwc else (1, 3, H, W), generator=g)
        keras = name.startswith("keras_")
        exported = WithSoftmax(net) if keras else net
        exported.eval()  # a new wrapper is in training mode, and export restores the mode it found
        path = os.path.join(args.out, name + ".onnx")
        torch.onnx.export(exported, x, path, input_names=["input"], output_names=["probs" if keras else "logits"],
                          opset_version=13, do_constant_folding=True)
        if name == "keras_avgpool_mlp_nhwc":
            as_tf2onnx(path)
        net.eval()
        z = net(x)
        a = net.features
        a.retain_grad()
        maps = []
        for c in range(z.shape[1]):
            net.zero_grad()
            if a.grad is not None:
                a.grad = None
            z = net(x)
            a = net.features
            a.retain_grad()
            z[0, c].backward()
            grad = a.grad[0]
            act = a[0].detach()
            if nhwc:  # H, W, K
                m = (grad * act).sum(dim=2) * (act.shape[0] * act.shape[1])
            else:  # K, H, W
                m = (grad * act).sum(dim=0) * (act.shape[1] * act.shape[2])
            maps.append(m.tolist())
        ref = {"name": name, "layout": "NHWC" if nhwc else "NCHW", "input_shape": list(x.shape),
               "input": x.flatten().tolist(), "logits": z[0].detach().tolist(), "maps": maps}
        with open(os.path.join(args.out, name + ".ref.json"), "w") as f:
            json.dump(ref, f)
        print(name, "logits", [round(v, 4) for v in ref["logits"]], "map", len(maps[0]), "x", len(maps[0][0]))


if __name__ == "__main__":
    main()

"""Train the built-in Inception CAM demo model and export it to ONNX with its metadata sidecar.

Reproduce the committed model from a clean checkout with:

    bash training/train.sh

which builds the CLI jar, generates the training and validation fields with
`java -jar target/inception-cam-cli.jar generate`, trains on the CPU with Debian's PyTorch
(`/usr/bin/python3`) and writes `src/main/resources/io/github/inceptioncam/models/inception-cam-demo.onnx`
and `.json`. Preprocessing here is exactly the engine's: per-image percentile scaling (1, 99.8; numpy's
linear interpolation), no resize (the fields are already 256x256), mean 0, std 1.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import time

import numpy as np
import tifffile
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import MiniInception  # noqa: E402

LABELS = ["interphase", "mitosis", "apoptosis", "binucleated"]
SIZE = 256
PERCENTILES = (1.0, 99.8)


def generate(jar, count, seed, out):
    """Always regenerates: the fields are deterministic for a seed, so this costs seconds and avoids stale data."""
    subprocess.run(["java", "-jar", jar, "generate", "--count", str(count), "--seed", str(seed), "--out", out,
                    "--overwrite"], check=True)


def normalise(img):
    lo, hi = np.percentile(img, PERCENTILES)
    span = hi - lo
    if span <= 0:
        return np.zeros_like(img, dtype=np.float32)
    return ((img - lo) / span).astype(np.float32)


def load(folder):
    """Images (percentile-normalised), labels, and box masks (1 inside the annotated box; none: all 0)."""
    xs, ys, masks = [], [], []
    with open(os.path.join(folder, "labels.csv")) as f:
        for row in csv.DictReader(f):
            img = tifffile.imread(os.path.join(folder, row["image"])).astype(np.float64)
            if img.shape != (SIZE, SIZE):
                raise SystemExit(f"{row['image']}: expected {SIZE}x{SIZE}, got {img.shape}")
            xs.append(normalise(img))
            ys.append(LABELS.index(row["label"]))
            m = np.zeros((SIZE, SIZE), np.uint8)
            if row.get("x"):
                x, y, w, h = (int(row[k]) for k in "xywh")
                m[y:y + h, x:x + w] = 1
            masks.append(m)
    return torch.from_numpy(np.stack(xs)[:, None]), torch.tensor(ys), torch.from_numpy(np.stack(masks)[:, None])


def augment(*tensors):
    """The same random flip and 90-degree rotation for every tensor of a batch (the fields are isotropic)."""
    k = int(torch.randint(0, 4, (1,)))
    flip = bool(torch.rand(1) < 0.5)
    out = []
    for t in tensors:
        t = torch.rot90(t, k, (2, 3))
        out.append(torch.flip(t, (3,)) if flip else t)
    return out


def outside_fraction(model, feats, y, mask):
    """Share of the true class's positive CAM mass (upsampled like the engine) that lies outside the box."""
    w = model.fc.weight[y]                                   # B x K
    cam = torch.einsum("bkhw,bk->bhw", feats, w)[:, None]   # B x 1 x h x w
    cam = F.relu(F.interpolate(cam, size=mask.shape[-2:], mode="bilinear", align_corners=False))
    total = cam.sum((1, 2, 3)) + 1e-6
    return ((cam * (1 - mask)).sum((1, 2, 3)) / total).mean()


def accuracy(model, x, y, batch=64):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x), batch):
            correct += (model(x[i:i + batch]).argmax(1) == y[i:i + batch]).sum().item()
    return correct / len(x)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jar", default="target/inception-cam-cli.jar")
    ap.add_argument("--work", default="target/training")
    ap.add_argument("--out", default="src/main/resources/io/github/inceptioncam/models")
    ap.add_argument("--train-count", type=int, default=3200)
    ap.add_argument("--train-seed", type=int, default=1001)
    ap.add_argument("--val-count", type=int, default=400)
    ap.add_argument("--val-seed", type=int, default=2002)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--box-weight", type=float, default=0.5,
                    help="weight of the CAM-outside-the-box penalty (0: class labels only)")
    ap.add_argument("--box-warmup", type=int, default=3, help="epochs of plain classification before the penalty")
    args = ap.parse_args()

    torch.manual_seed(0)
    np.random.seed(0)
    torch.set_num_threads(args.threads)
    t0 = time.time()
    train_dir, val_dir = os.path.join(args.work, "train"), os.path.join(args.work, "val")
    generate(args.jar, args.train_count, args.train_seed, train_dir)
    generate(args.jar, args.val_count, args.val_seed, val_dir)
    xt, yt, mt = load(train_dir)
    xv, yv, _ = load(val_dir)
    print(f"data: {len(xt)} train, {len(xv)} val fields ({time.time() - t0:.0f} s)", flush=True)

    model = MiniInception(classes=len(LABELS))
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    steps = args.epochs * ((len(xt) + args.batch - 1) // args.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps, pct_start=0.15)
    history = []
    for epoch in range(args.epochs):
        model.train()
        perm = torch.randperm(len(xt))
        total = 0.0
        for i in range(0, len(xt), args.batch):
            idx = perm[i:i + args.batch]
            x, m = augment(xt[idx], mt[idx].float())
            y = yt[idx]
            feats, x3b = model.features(x)
            logits = model.fc(model.dropout(torch.flatten(F.adaptive_avg_pool2d(feats, 1), 1)))
            loss = F.cross_entropy(logits, y, label_smoothing=0.1) \
                + 0.3 * F.cross_entropy(model.aux(x3b), y, label_smoothing=0.1)
            boxed = m.flatten(1).amax(1) > 0
            if epoch >= args.box_warmup and args.box_weight > 0 and boxed.any():
                loss = loss + args.box_weight * outside_fraction(model, feats[boxed], y[boxed], m[boxed])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
        acc = accuracy(model, xv, yv)
        history.append({"epoch": epoch + 1, "loss": total / len(xt), "val_accuracy": acc, "elapsed_s": round(time.time() - t0)})
        print(json.dumps(history[-1]), flush=True)

    model.eval()
    torch.save(model.state_dict(), os.path.join(args.work, "model.pt"))
    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, "inception-cam-demo.onnx")
    torch.onnx.export(model, torch.zeros(1, 1, SIZE, SIZE), onnx_path, opset_version=13,
                      input_names=["image"], output_names=["logits"],
                      dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}}, do_constant_folding=True)
    sidecar = {
        "name": "Inception CAM demo (synthetic nuclei, 4 classes)",
        "labels": LABELS,
        "input": {"width": SIZE, "height": SIZE, "channels": 1, "layout": "NCHW"},
        "normalization": {"scaling": "percentile", "percentiles": list(PERCENTILES), "mean": [0.0], "std": [1.0]},
        "output": "logits",
    }
    with open(os.path.join(args.out, "inception-cam-demo.json"), "w") as f:
        json.dump(sidecar, f, indent=2)
        f.write("\n")
    report = {"args": vars(args), "history": history, "seconds": round(time.time() - t0),
              "torch": torch.__version__, "threads": args.threads}
    with open(os.path.join(args.work, "last_run.json"), "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    print(f"wrote {onnx_path} ({os.path.getsize(onnx_path)} bytes) in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()

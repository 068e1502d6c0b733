#!/usr/bin/python3
"""End-to-end check of the Inception CAM CLI against PyTorch, as a user would run it.

1. exports googlenet, inception_v3 and inception_v3_aux (tools/export_torchvision.py) into --models;
2. writes two 8-bit test images with smooth random content into --work: an RGB 320x240 PNG and a
   grey 200x300 PNG;
3. for each model runs `java -jar JAR classify --model M.onnx --device cpu --json --top N IMAGES`
   and tools/torch_reference.py on the same images;
4. checks: same top-1 class, every logit within tol*max(1,|ref|), every CAM value within
   tol*max(1,|ref|) (tol = 1e-3), and prints PASS/FAIL with the largest errors.

On a failure it also tries common preprocessing mistakes in PyTorch (half-pixel shift, align-corners,
antialiasing, BGR, transposed input, missing normalisation) and CAM orientations (transposed,
flipped) and says which one reproduces the Java numbers.

The jar is built (mvn -B -q package -DskipTests) only when it is missing, after any running Maven
process has ended.  Exit status: 0 all passed, 1 some check failed, 2 setup error.

Usage: /usr/bin/python3 tools/compare_with_torch.py [--jar J] [--models DIR] [--work DIR] [--tol T]
"""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np

TOOLS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TOOLS)
sys.path.insert(0, TOOLS)
MODELS = ["googlenet", "inception_v3", "inception_v3_aux"]


def log(*a):
    print(*a, flush=True)


def ensure_jar(jar):
    if os.path.isfile(jar):
        return
    while subprocess.run(["pgrep", "-f", "maven"], stdout=subprocess.DEVNULL).returncode == 0:
        log("waiting for a running Maven build to end ...")
        time.sleep(10)
    if not os.path.isfile(jar):
        log("building %s (mvn -B -q package -DskipTests)" % jar)
        subprocess.run(["mvn", "-B", "-q", "package", "-DskipTests"], cwd=ROOT, check=True)


def write_images(work):
    """Two smooth random 8-bit PNGs: RGB 320x240 and grey 200x300 (width x height)."""
    from PIL import Image
    rng = np.random.default_rng(7)
    paths = []
    for name, (w, h), ch in [("rgb_320x240.png", (320, 240), 3), ("grey_200x300.png", (200, 300), 1)]:
        small = (rng.random((h // 16 + 2, w // 16 + 2, ch)) * 255).astype(np.uint8)
        im = Image.fromarray(small[:, :, 0] if ch == 1 else small).resize((w, h), Image.BICUBIC)
        p = os.path.join(work, name)
        im.save(p)
        paths.append(p)
    return paths


def run_json(cmd, what):
    t0 = time.time()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    dt = time.time() - t0
    if r.returncode != 0:
        log("%s failed (exit %d):\n  %s\n%s" % (what, r.returncode, " ".join(cmd), r.stderr.strip()))
    lines = [json.loads(l) for l in r.stdout.splitlines() if l.startswith("{")]
    return lines, r.stderr, dt


def rel_err(got, ref):
    d = np.abs(got - ref)
    return float(d.max()), float((d / np.maximum(1.0, np.abs(ref))).max())


def diagnose(model_name, image, java_logits, java_cam, ref):
    """Which plausible preprocessing / CAM-layout mistake reproduces the Java numbers?"""
    import torch
    import torch.nn.functional as F
    import torch_reference as tr
    from export_torchvision import MEAN, SIZES, STD, build_model
    s = SIZES[model_name]
    planes = tr.load_image(image)
    mean = torch.tensor(MEAN).view(1, 3, 1, 1)
    std = torch.tensor(STD).view(1, 3, 1, 1)

    def prep(planes, mode="bilinear", align=False, aa=False, bgr=False, transpose=False, norm=True, shift=0.0):
        x = torch.from_numpy(np.ascontiguousarray(planes))[None]
        if x.shape[1] == 1:
            x = x.expand(1, 3, *x.shape[2:])
        if bgr:
            x = x.flip(1)
        if shift:  # sample input at x*in/out + shift - 0.5*(...) style offsets via grid_sample
            h, w = x.shape[2:]
            ys = ((torch.arange(s) + 0.5 - shift) * h / s - 0.5 + 0.5) / h * 2 - 1
            xs = ((torch.arange(s) + 0.5 - shift) * w / s - 0.5 + 0.5) / w * 2 - 1
            gy, gx = torch.meshgrid(ys, xs, indexing="ij")
            x = F.grid_sample(x, torch.stack([gx, gy], -1)[None], mode="bilinear", padding_mode="border", align_corners=False)
        else:
            x = F.interpolate(x, size=(s, s), mode=mode, align_corners=align if mode == "bilinear" else None, antialias=aa)
        if transpose:
            x = x.transpose(2, 3)
        return ((x - mean) / std) if norm else x

    variants = {
        "as specified": {}, "align_corners=True": {"align": True}, "antialias=True": {"aa": True},
        "BGR channel order": {"bgr": True}, "H/W transposed input": {"transpose": True},
        "no mean/std normalisation": {"norm": False}, "half-pixel shift (ImageJ-style x*in/out-0.5)": {"shift": 0.5},
        "nearest-neighbour resize": {"mode": "nearest"},
    }
    model = build_model(model_name)
    out = []
    with torch.no_grad():
        for name, kw in variants.items():
            o = model(prep(planes, **kw))
            o = (o[-1] if isinstance(o, tuple) else o)[0].double().numpy()
            out.append((rel_err(java_logits, o)[1], name))
        if isinstance(model, torch.nn.Module) and hasattr(model, "net"):
            aux = model(prep(planes))[0][0].double().numpy()
            out.append((rel_err(java_logits, aux)[1], "auxiliary head's logits instead of the main head's"))
    out.sort()
    lines = ["    logits closest to PyTorch with: " + ", ".join("%s (max rel %.2e)" % (n, e) for e, n in out[:3])]
    if out[0][0] > 1e-3:
        lines.append("    (none of the tried preprocessing variants reproduces the Java logits)")
    cr = np.array(ref["cam"])
    if java_cam is not None:
        cams = {"as is": cr, "transposed": cr.T if cr.shape[::-1] == cr.shape else None,
                "flipped up/down": cr[::-1], "flipped left/right": cr[:, ::-1]}
        res = sorted((rel_err(java_cam, v)[1], k) for k, v in cams.items() if v is not None and v.shape == java_cam.shape)
        lines.append("    CAM closest to PyTorch's " + ", ".join("%s (max rel %.2e)" % (k, e) for e, k in res[:2]))
    return "\n".join(lines)


def compare(model_name, java, ref, tol):
    """Returns (ok, message lines, stats)."""
    msgs, ok = [], True
    lr = np.array(ref["logits"])
    lj = np.full_like(lr, np.nan)
    for t in java["top"]:
        lj[t["index"]] = np.nan if t["logit"] is None else t["logit"]
    if np.isnan(lj).any():
        return False, ["    Java reported %d of %d logits (need --top %d and logit outputs)" % (len(java["top"]), len(lr), len(lr))], {}
    la, lrel = rel_err(lj, lr)
    jt, rt = java["top"][0]["index"], ref["top1"]
    margin = float(np.sort(lr)[-1] - np.sort(lr)[-2])
    if jt != rt:
        if abs(lr[jt] - lr[rt]) <= tol * max(1, abs(lr[rt])):
            msgs.append("    warning: top-1 differs (%d vs %d) but the two logits tie within tolerance" % (jt, rt))
        else:
            ok = False
            msgs.append("    top-1 differs: Java %d, PyTorch %d" % (jt, rt))
    if lrel > tol:
        ok = False
        msgs.append("    logits differ: max abs %.3g, max rel %.3g > %g" % (la, lrel, tol))
    stats = {"logit_abs": la, "logit_rel": lrel, "margin": margin, "logit_scale": la / max(1.0, float(np.abs(lr).max()))}
    cam = java.get("cam")
    if cam is None:
        ok = False
        msgs.append("    no CAM from Java: %s" % java.get("cam_error"))
        return ok, msgs, stats
    cj, cr = np.array(cam["raw"], dtype=float), np.array(ref["cam"])
    if cam["class_index"] != ref["cam_class"]:
        ok = False
        msgs.append("    CAM class differs: Java %d, PyTorch %d" % (cam["class_index"], ref["cam_class"]))
    elif cj.shape != cr.shape or list(cam["feature_size"]) != list(cr.shape):
        ok = False
        msgs.append("    CAM shape differs: Java %s (feature_size %s), PyTorch %s" % (cj.shape, cam["feature_size"], cr.shape))
    else:
        ca, crel = rel_err(cj, cr)
        stats.update(cam_abs=ca, cam_rel=crel, cam_max=float(np.abs(cr).max()), identity_error=cam["identity_error"],
                     cam_scale=ca / max(1.0, float(np.abs(cr).max())))
        if crel > tol:
            ok = False
            msgs.append("    CAM differs: max abs %.3g, max rel %.3g > %g" % (ca, crel, tol))
    return ok, msgs, stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jar", default=os.path.join(ROOT, "target", "inception-cam-cli.jar"))
    ap.add_argument("--models", default=os.path.join(ROOT, "target", "torch-models"), help="export folder")
    ap.add_argument("--work", default=os.path.join(ROOT, "target", "torch-compare"), help="test images and outputs")
    ap.add_argument("--tol", type=float, default=1e-3)
    ap.add_argument("--skip-export", action="store_true", help="reuse the models already in --models")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    try:
        ensure_jar(a.jar)
    except subprocess.CalledProcessError as e:
        log("FAIL: cannot build the jar (%s)" % e)
        return 2
    if not a.skip_export:
        t0 = time.time()
        r = subprocess.run([sys.executable, os.path.join(TOOLS, "export_torchvision.py"), "--out", a.models])
        if r.returncode != 0:
            log("FAIL: export failed")
            return 2
        log("export: %.1f s" % (time.time() - t0))
    images = write_images(a.work)
    failures, rows = 0, []
    for m in MODELS:
        onnx = os.path.join(a.models, m + ".onnx")
        refs, _, t_ref = run_json([sys.executable, os.path.join(TOOLS, "torch_reference.py"), "--model-name", m] + images, "torch_reference")
        n = len(refs[0]["logits"]) if refs else 1000
        javas, err, t_java = run_json(["java", "-jar", a.jar, "classify", "--model", onnx, "--device", "cpu",
                                       "--json", "--top", str(n)] + images, "java classify")
        with open(os.path.join(a.work, m + ".java.jsonl"), "w") as f:
            f.writelines(json.dumps(j) + "\n" for j in javas)
        with open(os.path.join(a.work, m + ".torch.jsonl"), "w") as f:
            f.writelines(json.dumps(r) + "\n" for r in refs)
        log("%s: java %.1f s, torch %.1f s" % (m, t_java, t_ref))
        if m.endswith("_aux"):  # which head the Java side chose (the logits check below is what counts)
            r = subprocess.run(["java", "-jar", a.jar, "info", "--model", onnx], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for l in r.stdout.splitlines():
                if l.startswith(("Main output", "Ignored")):
                    log("  java info: " + l)
        by_image = {j["image"]: j for j in javas}
        for r in refs:
            j = by_image.get(r["image"])
            if j is None:
                ok, msgs, st = False, ["    Java produced no result for this image"], {}
            else:
                ok, msgs, st = compare(m, j, r, a.tol)
            failures += not ok
            rows.append((m, os.path.basename(r["image"]), ok, st))
            log("  %s %s: top-1 %d (margin %.3g), logits max abs %.2e rel %.2e, CAM %s max abs %.2e rel %.2e (|CAM| <= %.3g)" % (
                "PASS" if ok else "FAIL", os.path.basename(r["image"]), r["top1"], st.get("margin", float("nan")),
                st.get("logit_abs", float("nan")), st.get("logit_rel", float("nan")), np.array(r["cam"]).shape,
                st.get("cam_abs", float("nan")), st.get("cam_rel", float("nan")), st.get("cam_max", float("nan"))))
            for l in msgs:
                log(l)
            if not ok and j is not None and j.get("top"):
                lj = np.zeros(len(r["logits"]))
                for t in j["top"]:
                    lj[t["index"]] = t["logit"] or 0
                cam = j.get("cam")
                log(diagnose(m, r["image"], lj, None if cam is None else np.array(cam["raw"], dtype=float), r))
        if len(refs) != len(images):
            failures += 1
            log("  FAIL: torch_reference gave %d of %d results" % (len(refs), len(images)))
    log("")
    log("%s: %d of %d checks failed (tolerance %g * max(1, |ref|) per value)" % ("FAIL" if failures else "PASS", failures, len(rows), a.tol))
    for m in MODELS:
        st = [s for mm, _, _, s in rows if mm == m]
        if st:
            g = lambda k: max((s.get(k, float("nan")) for s in st), default=float("nan"))
            log("  %-17s logits: max err abs %.2e rel %.2e (of max|logit| %.2e) | CAM: max err abs %.2e rel %.2e (of max|CAM| %.2e)" % (
                m, g("logit_abs"), g("logit_rel"), g("logit_scale"), g("cam_abs"), g("cam_rel"), g("cam_scale")))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

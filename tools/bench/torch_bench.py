#!/usr/bin/python3
"""PyTorch eager CPU peer: images/s of torchvision GoogLeNet (224) and Inception v3 (299).

Same architectures and weights as tools/bench/export_models.py (random weights, aux_logits=False),
eval mode under torch.no_grad(), torch.set_num_threads(--threads, default nproc).  Per batch size
(1 and 8): a warm-up, then the two models measured in interleaved rounds (A, B, A, B) so that drift
hits both alike, for at least --seconds each.  Prints one JSON object on stdout; when torch is absent,
{"absent": "<reason>"} and exit 0 (so a benchmark run can go on without it).
"""
import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

SIZES = {"googlenet": 224, "inception_v3": 299}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--batch", default="1,8")
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--models", default=",".join(SIZES))
    a = ap.parse_args()
    try:
        import torch
        import export_torchvision
    except ImportError as e:
        print(json.dumps({"absent": "PyTorch not importable (%s)" % e}))
        return 0
    torch.set_num_threads(a.threads)
    names = [n.strip() for n in a.models.split(",") if n.strip()]
    nets = {n: export_torchvision.build_model(n).eval() for n in names}
    results = []
    with torch.no_grad():
        for b in (int(x) for x in a.batch.split(",")):
            inputs = {n: torch.randn(b, 3, SIZES[n], SIZES[n], generator=torch.Generator().manual_seed(b)) for n in names}
            lat = {}
            for n in names:  # warm-up per input shape
                t_end = time.perf_counter() + max(0.2, a.seconds / 4)
                calls = 0
                while calls < 2 or time.perf_counter() < t_end:
                    t0 = time.perf_counter()
                    nets[n](inputs[n])
                    lat[n] = time.perf_counter() - t0
                    calls += 1
            per_round = {n: max(1, round(min(0.5, a.seconds / 4) / lat[n])) for n in names}
            times = {n: [] for n in names}
            rounds = 0
            while rounds < 2 or any(sum(times[n]) < a.seconds for n in names):
                for n in names:
                    for _ in range(per_round[n]):
                        t0 = time.perf_counter()
                        nets[n](inputs[n])
                        times[n].append(time.perf_counter() - t0)
                rounds += 1
            for n in names:
                results.append({"model": n, "batch": b, "images_per_s": b * len(times[n]) / sum(times[n]),
                                "median_batch_ms": 1000 * statistics.median(times[n]), "calls": len(times[n])})
    print(json.dumps({"torch_version": torch.__version__, "threads": torch.get_num_threads(),
                      "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

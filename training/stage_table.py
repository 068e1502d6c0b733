"""Prints the model card's architecture table (stages, output sizes, MACs, parameters) from `info --json`.

    java -jar target/inception-cam-cli.jar info --json | /usr/bin/python3 training/stage_table.py
"""
import json
import sys

info = json.load(sys.stdin)
stages = {}
for layer in info["layers"]:
    stage = layer["name"].strip("/").split("/")[0]
    s = stages.setdefault(stage, {"macs": 0, "params": 0, "out": None, "ops": 0})
    s["macs"] += layer["macs"]
    s["params"] += layer["params"]
    s["ops"] += 1
    s["out"] = layer["output_shape"]
print("| stage | conv/linear layers | output H x W | MACs | parameters |")
print("|---|---|---|---|---|")
for name, s in stages.items():
    out = " x ".join(str(d) for d in s["out"][2:]) if s["out"] and len(s["out"]) == 4 else "1 x 1"
    print(f"| {name} | {s['ops']} | {out} | {s['macs']:,} | {s['params']:,} |")
print(f"| **total** | {len(info['layers'])} | | {info['total_macs']:,} | {info['total_params']:,} |")

#!/usr/bin/env python3
"""Checks that two results.csv files hold the same results: the same header and the same rows as a multiset,
in any order, leaving out the columns that say where or how fast a row was computed (device, timing).

    python3 tools/slurm/compare_results.py EXPECTED.csv ACTUAL.csv

Exit 0 and one line when equal; exit 1 and the first differences (at most 10 rows each way) when not;
exit 2 when a file cannot be read.
"""
import collections
import csv
import sys

IGNORED = {"device", "time_ms", "timing_ms"}


def rows(path):
    try:
        with open(path, newline="", encoding="utf-8") as f:
            table = list(csv.reader(f))
    except OSError as e:
        print(f"compare_results: {path}: {e.strerror}", file=sys.stderr)
        sys.exit(2)
    if not table:
        print(f"compare_results: {path}: empty file, no header", file=sys.stderr)
        sys.exit(2)
    header = table[0]
    keep = [i for i, name in enumerate(header) if name not in IGNORED and not name.startswith("time")]
    return [header[i] for i in keep], collections.Counter(tuple(r[i] if i < len(r) else None for i in keep) for r in table[1:])


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[3].strip(), file=sys.stderr)
        return 2
    header_a, a = rows(argv[1])
    header_b, b = rows(argv[2])
    if header_a != header_b:
        print(f"compare_results: headers differ:\n  {argv[1]}: {','.join(header_a)}\n  {argv[2]}: {','.join(header_b)}")
        return 1
    if a == b:
        print(f"compare_results: {argv[2]} equals {argv[1]}: {sum(a.values())} rows (columns {','.join(header_a)})")
        return 0
    only_a, only_b = a - b, b - a
    print(f"compare_results: {argv[2]} differs from {argv[1]}: {sum(only_a.values())} rows only in the first, "
          f"{sum(only_b.values())} only in the second ({sum(a.values())} vs {sum(b.values())} rows)")
    for label, extra in ((argv[1], only_a), (argv[2], only_b)):
        for row in list(extra.elements())[:10]:
            print(f"  only in {label}: {','.join('' if v is None else v for v in row)}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))

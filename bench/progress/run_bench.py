#!/usr/bin/env python3
"""Times `carbontrack progress --all-authorities` against pandas_progress.py on the shipped national
release, and checks that both give the same answers for every authority.

usage: run_bench.py CARBONTRACK_BINARY [--runs N] [--tier district|county|combined|all]
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WIDE = os.path.join(ROOT, "datasets/area/mysociety_local_authority_emissions_2005_2020.csv")
CODES = os.path.join(ROOT, "datasets/area/authority_codes.csv")


def timed(command):
    start = time.perf_counter()
    completed = subprocess.run(command, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, completed.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("carbontrack")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--tier", default="district")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        db = os.path.join(scratch, "bench.db")
        subprocess.run([args.carbontrack, "--db", db, "area", "import", WIDE], check=True, capture_output=True)
        subprocess.run([args.carbontrack, "--db", db, "area", "codes", CODES], check=True, capture_output=True)
        ours = [args.carbontrack, "--db", db, "progress", "--all-authorities", "--series", "within-scope",
                "--net-zero-year", "2045", "--tier", args.tier, "--format", "json"]
        peer = ["/usr/bin/python3", os.path.join(HERE, "pandas_progress.py"), WIDE, CODES, "2045", args.tier]
        version = [args.carbontrack, "--version"]
        ours_times, peer_times, start_times = [], [], []
        for _ in range(args.runs):
            seconds, ours_out = timed(ours)
            ours_times.append(seconds)
            start_times.append(timed(version)[0])
        for _ in range(max(3, args.runs // 4)):
            seconds, peer_out = timed(peer)
            peer_times.append(seconds)

    to_mysociety = {}
    with open(CODES, newline="") as f:
        for row in csv.DictReader(f):
            if row["gss_code"]:
                to_mysociety[row["gss_code"]] = row["mysociety_code"]
    ours_by_code = {to_mysociety.get(r["code"], r["code"]): r for r in json.loads(ours_out)}
    peer_by_code = {r["mysociety_code"]: r for r in json.loads(peer_out)}
    worst = {}
    disagreements = []
    for code, theirs in peer_by_code.items():
        mine = ours_by_code.get(code)
        if mine is None:
            disagreements.append(f"{code}: missing from carbontrack")
            continue
        for key in ("latest_value", "change_vs_baseline_pct", "pathway_value", "trend_slope_per_year",
                    "projected_net_zero_year", "required_rate_per_year"):
            a, b = mine[key], theirs[key]
            if a is None or b is None:
                if a != b:
                    disagreements.append(f"{code} {key}: {a} vs {b}")
                continue
            worst[key] = max(worst.get(key, 0.0), abs(a - b) / max(1.0, abs(b)))
        for key in ("status", "rag"):
            if mine[key] != theirs[key]:
                disagreements.append(f"{code} {key}: {mine[key]} vs {theirs[key]}")

    ours_median = statistics.median(ours_times)
    peer_median = statistics.median(peer_times)
    start_median = statistics.median(start_times)
    print(f"authorities compared: {len(peer_by_code)}; disagreements: {len(disagreements)}")
    for line in disagreements[:20]:
        print("  " + line)
    for key, value in sorted(worst.items()):
        print(f"  largest relative difference in {key}: {value:.2e}")
    print(f"carbontrack progress --all-authorities: median {ours_median * 1000:.1f} ms over {len(ours_times)} runs "
          f"(process start alone {start_median * 1000:.1f} ms)")
    print(f"pandas_progress.py:                      median {peer_median * 1000:.1f} ms over {len(peer_times)} runs")
    print(f"speed-up: {peer_median / ours_median:.1f}x")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())

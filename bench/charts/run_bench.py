#!/usr/bin/env python3
"""Every authority's trajectory chart: carbontrack (one gnuplot process) against matplotlib.

Usage: run_bench.py CARBONTRACK [--runs N] [--peer-runs M] [--work DIR] [--png]

Loads the shipped mySociety release into a fresh database, exports each district's and unitary's
yearly within-scope totals for the matplotlib peer (not timed), then times, wall clock, median of
the runs, each side drawing one SVG per authority into an emptied directory under DIR (default
/dev/shm, a tmpfs, so the disk is not what is measured), and the CPU time (user + system of the
process and its children: gnuplot for carbontrack). --png also times one PNG run of carbontrack.
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RELEASE_FILE = os.path.join(ROOT, "datasets/area/mysociety_local_authority_emissions_2005_2020.csv")
CODES_FILE = os.path.join(ROOT, "datasets/area/authority_codes.csv")
PEER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "matplotlib_trajectories.py")
FIRST_YEAR, LAST_YEAR = 2005, 2020


def run(args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args, out_dir, runs):
    """Wall-clock seconds per run, and CPU seconds (user + system, gnuplot included) per run."""
    walls, cpus = [], []
    for _ in range(runs):
        shutil.rmtree(out_dir, ignore_errors=True)
        cpu = children_cpu()
        start = time.perf_counter()
        run(args)
        walls.append(time.perf_counter() - start)
        cpus.append(children_cpu() - cpu)
    return walls, cpus, len(os.listdir(out_dir))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("carbontrack")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--peer-runs", type=int, default=1)
    parser.add_argument("--work", default="/dev/shm/carbontrack-chart-bench")
    parser.add_argument("--png", action="store_true")
    a = parser.parse_args()
    carbontrack = os.path.abspath(a.carbontrack)
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    db = os.path.join(a.work, "ct.db")
    ct = [carbontrack, "--db", db]
    run(ct + ["init"])
    run(ct + ["area", "import", RELEASE_FILE])
    run(ct + ["area", "codes", CODES_FILE])
    release = os.path.basename(RELEASE_FILE)[: -len(".csv")]

    # The peer's input: carbontrack's own figures, so both sides draw the same numbers.
    authorities = {r["code"]: {"code": r["code"], "name": r["name"], "years": []}
                   for r in json.loads(run(ct + ["progress", "--all-authorities", "--format", "json"]).stdout)}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for r in json.loads(run(ct + ["area", "rank", "--year", str(year), "--format", "json"]).stdout)["ranking"]:
            if r["code"] in authorities and r["value"] is not None:
                authorities[r["code"]]["years"].append([year, r["value"]])
    data_file = os.path.join(a.work, "authorities.json")
    with open(data_file, "w") as f:
        json.dump({"release": release, "authorities": sorted(authorities.values(), key=lambda x: x["code"])}, f)

    results = []
    ours_dir = os.path.join(a.work, "carbontrack")
    peer_dir = os.path.join(a.work, "matplotlib")
    ours_args = ct + ["plot", "trajectory", "--all-authorities", "--series", "within-scope", "--out-dir", ours_dir]
    peer_args = [sys.executable, PEER, data_file, peer_dir]
    results.append(("carbontrack (svg)",) + timed(ours_args, ours_dir, a.runs))
    results.append(("matplotlib (svg)",) + timed(peer_args, peer_dir, a.peer_runs))
    if a.png:
        results.append(("carbontrack (png)",) + timed(ours_args + ["--format", "png"], ours_dir, 1))

    print(f"{'contender':<20} {'charts':>6} {'wall median s':>13} {'min s':>7} {'max s':>7} {'CPU median s':>12} {'runs':>4}")
    for name, walls, cpus, count in results:
        print(f"{name:<20} {count:>6} {statistics.median(walls):>13.3f} {min(walls):>7.3f} {max(walls):>7.3f} "
              f"{statistics.median(cpus):>12.3f} {len(walls):>4}")
    wall = statistics.median(results[1][1]) / statistics.median(results[0][1])
    cpu = statistics.median(results[1][2]) / statistics.median(results[0][2])
    print(f"speed-up (svg, medians): {wall:.1f}x wall, {cpu:.1f}x CPU; goal: <= 1 s wall and >= 50x")
    shutil.rmtree(a.work, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Area import and query benchmark: carbontrack against sqlite3's .import and pandas, same files, same run.

usage: run_bench.py CARBONTRACK_BINARY [--runs N] [--data DIR]

The extra release is the shipped 2005-2023 totals (datasets/area/desnz_la_totals_2005_2023.csv, 6,859
rows, totals only), imported after the five official-layout releases as the main job imports it beside
the 2005-2020 one; sqlite3 and pandas load it into a table of its own. Each import starts from an empty database. Wall time is the median of N runs; peak memory is the
largest maximum resident set size GNU time reports for the tool's process. Queries run the real
binary (process start included) over the 5-release database, median of 20 runs.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PYTHON = "/usr/bin/python3"  # Debian's, which has python3-pandas


def timed(command, cwd):
    """Runs command under /usr/bin/time; returns (wall seconds, peak RSS in KiB)."""
    rss_file = os.path.join(cwd, ".rss")
    start = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file] + command, cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    with open(rss_file) as f:
        rss = int(f.read().split()[-1])
    return wall, rss


def fresh(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


TOTALS = os.path.join(ROOT, "datasets/area/desnz_la_totals_2005_2023.csv")


def carbontrack_import(binary, db, files, cwd):
    fresh(db)
    wall, rss = 0.0, 0
    for i, path in enumerate(files, 1):
        w, r = timed([binary, "--db", db, "area", "import", path, "--release", f"release {i}"], cwd)
        wall, rss = wall + w, max(rss, r)
    return wall, rss


def sqlite3_import(db, files, cwd):
    fresh(db)
    long_files = [f for f in files if f != TOTALS]
    commands = [f".import --csv {long_files[0]} area"] + [f".import --csv --skip 1 {path} area" for path in long_files[1:]]
    if TOTALS in files:
        commands.append(f".import --csv {TOTALS} totals")
    return timed(["sqlite3", db] + commands, cwd)


def pandas_import(db, files, cwd):
    fresh(db)
    long_files = [f for f in files if f != TOTALS]
    wall, rss = timed([PYTHON, os.path.join(HERE, "pandas_import.py"), db] + long_files, cwd)
    if TOTALS in files:
        w, r = timed([PYTHON, os.path.join(HERE, "pandas_import.py"), "--table", "totals", db, TOTALS], cwd)
        wall, rss = wall + w, max(rss, r)
    return wall, rss


def median_of(runs, action):
    results = [action() for _ in range(runs)]
    return statistics.median(w for w, _ in results), max(r for _, r in results)


def query_ms(binary, db, args, cwd, runs=20):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([binary, "--db", db] + args, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", default=None)
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    work = tempfile.mkdtemp(prefix="carbontrack-area-bench-")
    data = options.data or os.path.join(work, "data")
    if not os.path.exists(os.path.join(data, "official_release_5.csv")):
        subprocess.run([sys.executable, os.path.join(HERE, "make_official_layout.py"), data], check=True, stdout=subprocess.DEVNULL)
    files = [os.path.join(data, f"official_release_{i}.csv") for i in range(1, 6)]
    # Without python3-pandas the pandas column says n/a; the ratio that matters is against sqlite3.
    have_pandas = subprocess.run([PYTHON, "-c", "import pandas"], stderr=subprocess.DEVNULL).returncode == 0
    try:
        print(f"| file | rows | carbontrack s | sqlite3 .import s | pandas s | ratio vs sqlite3 | carbontrack peak RSS MiB | sqlite3 MiB | pandas MiB |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        per_row = {}
        for label, chosen, rows in (("1 release", files[:1], 126_080), ("5 releases", files, 630_400),
                                    ("5 releases + 2005-2023 totals", files + [TOTALS], 637_259)):
            ct = median_of(options.runs, lambda: carbontrack_import(binary, os.path.join(work, "ct.db"), chosen, work))
            sq = median_of(options.runs, lambda: sqlite3_import(os.path.join(work, "raw.db"), chosen, work))
            pd_text = ("n/a", "n/a")
            if have_pandas:
                pd_ = median_of(max(1, options.runs // 2), lambda: pandas_import(os.path.join(work, "pd.db"), chosen, work))
                pd_text = (f"{pd_[0]:.3f}", f"{pd_[1] / 1024:.1f}")
            per_row[label] = ct[0] / rows * 1e6
            print(f"| {label} | {rows:,} | {ct[0]:.3f} | {sq[0]:.3f} | {pd_text[0]} | {ct[0] / sq[0]:.2f} | "
                  f"{ct[1] / 1024:.1f} | {sq[1] / 1024:.1f} | {pd_text[1]} |")
        print()
        print(f"carbontrack per row: {per_row['1 release']:.2f} us (1 release), {per_row['5 releases']:.2f} us (5 releases), "
              f"{per_row['5 releases + 2005-2023 totals']:.2f} us (with the totals)")
        db = os.path.join(work, "ct.db")
        subprocess.run([binary, "--db", db, "area", "codes", os.path.join(ROOT, "datasets/area/authority_codes.csv")],
                       check=True, stdout=subprocess.DEVNULL)
        print()
        print("| query (5 releases + the 2005-2023 totals as release 6; no --release: the newest that answers) | median ms, process included |")
        print("|---|---:|")
        for label, args in (("area summary --la E10000018 (county summed from districts)", ["area", "summary", "--la", "E10000018"]),
                            ("area summary --la E10000018 --by subsector --per-person", ["area", "summary", "--la", "E10000018", "--by", "subsector", "--per-person"]),
                            ("area rank --year 2020 (all 361 districts and unitaries)", ["area", "rank", "--year", "2020"]),
                            ("area rank --year 2020 --metric per-person", ["area", "rank", "--year", "2020", "--metric", "per-person"]),
                            ("area rank --year 2020 --metric change-since 2005", ["area", "rank", "--year", "2020", "--metric", "change-since", "2005"]),
                            ("area diff --la E10000018 --from 'release 1' --to 'release 5'", ["area", "diff", "--la", "E10000018", "--from", "release 1", "--to", "release 5"]),
                            ("area summary --la E10000018 --by total --measure territorial (release 6)", ["area", "summary", "--la", "E10000018", "--by", "total", "--measure", "territorial"]),
                            ("area rank --year 2023 --metric per-person --measure territorial (release 6)", ["area", "rank", "--year", "2023", "--metric", "per-person", "--measure", "territorial"]),
                            # Not 'release 1' -> 'release 6': the re-laid releases carry the 2005-2020 GHG header, whose
                            # within-scope figures are kt CO2e, and release 6's are kt CO2, so that diff is refused.
                            ("area diff --la E10000018 --from 'release 6' --to 'release 6' --measure territorial", ["area", "diff", "--la", "E10000018", "--from", "release 6", "--to", "release 6", "--measure", "territorial"]),
                            ("carbontrack --version (process start only)", ["--version"])):
            print(f"| {label} | {query_ms(binary, db, args, work):.1f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

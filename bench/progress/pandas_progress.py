#!/usr/bin/env python3
"""The peer for `carbontrack progress --all-authorities`: the same progress maths in pandas/numpy.

Reads the wide mySociety file and the authority identifier table shipped in datasets/area/, keeps
districts and unitaries (or the tiers named: district, county, combined, all), and for each authority's within-scope total computes what carbontrack
prints: baseline (first year), latest, change, linear pathway to net zero in NET_ZERO_YEAR, status,
Theil-Sen slope over the last six years with its 25th/75th percentiles (numpy's default linear
interpolation), net-zero year at trend and its range, the required cut per year and the RAG.
Writes JSON (one object per authority) to stdout.

usage: pandas_progress.py WIDE_CSV CODES_CSV [NET_ZERO_YEAR [TIERS]]
"""
import itertools
import json
import sys

import numpy as np
import pandas as pd

wide_csv, codes_csv = sys.argv[1], sys.argv[2]
net_zero_year = int(sys.argv[3]) if len(sys.argv) > 3 else 2045
tiers = sys.argv[4].split(",") if len(sys.argv) > 4 else ["district"]
if "all" in tiers:
    tiers = ["district", "county", "combined"]

wide = pd.read_csv(wide_csv)
codes = pd.read_csv(codes_csv, keep_default_na=False)
chosen = codes[codes["tier"].isin(tiers)]
sub_sectors = [c for c in wide.columns if c.endswith(":kt CO2") and "Total" not in c]
wide["total"] = wide[sub_sectors].sum(axis=1, min_count=1)
wide = wide[wide["local-authority-code"].isin(chosen["mysociety_code"])]

results = []
for code, group in wide.groupby("local-authority-code"):
    series = group.dropna(subset=["total"]).sort_values("Year")
    years = series["Year"].to_numpy(dtype=float)
    values = series["total"].to_numpy(dtype=float)
    b, B = years[0], values[0]
    y, A = years[-1], values[-1]
    pathway = B + (0.0 - B) * (y - b) / (net_zero_year - b)
    status = "on-track" if A <= pathway else ("at-risk" if A <= pathway * 1.05 else "off-track")
    window_x, window_v = years[-6:], values[-6:]
    slopes = np.array([(window_v[j] - window_v[i]) / (window_x[j] - window_x[i])
                       for i, j in itertools.combinations(range(len(window_x)), 2)])
    slope = float(np.median(slopes))
    p25, p75 = (float(np.percentile(slopes, q)) for q in (25, 75))
    net_zero = y + A / -slope if slope < 0 else None
    projected = A + slope * (net_zero_year - y)
    within = A <= pathway * 1.05
    meets = projected <= 0.0
    rag = "green" if within and meets else ("amber" if within or meets else "red")
    results.append({
        "mysociety_code": code,
        "latest_value": A,
        "change_vs_baseline_pct": (A - B) / B * 100,
        "pathway_value": pathway,
        "status": status,
        "trend_slope_per_year": slope,
        "trend_slope_range": [p25, p75],
        "projected_net_zero_year": net_zero,
        "required_rate_per_year": (A - 0.0) / (net_zero_year - y),
        "rag": rag,
    })
json.dump(results, sys.stdout)

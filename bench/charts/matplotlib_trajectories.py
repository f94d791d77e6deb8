#!/usr/bin/env python3
"""The peer for `carbontrack plot trajectory --all-authorities`: the same chart per authority in matplotlib.

Usage: matplotlib_trajectories.py DATA.json OUT_DIR [--format svg|png]

DATA.json is what run_bench.py exports from carbontrack (not timed): per authority its code, name and
yearly within-scope totals (kt CO2). Each chart shows what carbontrack's does: actuals with markers,
the straight-line pathway from the first year to net zero in 2045 (dashed), the net-zero milestone
and the baseline marked, the Theil-Sen trend over the last six years from the latest actual with its
25-75% band of pairwise slopes shaded, a line at the net-zero year at trend, title, subtitle, y axis
from zero with the unit, source line and a legend to the right; 900 x 560 at the same font sizes.
"""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

NET_ZERO_YEAR = 2045
BLUE, VERMILLION, GREY = "#0072B2", "#D55E00", "#666666"


def trend(years, values):
    """Theil-Sen over the last six points: median slope and the 25th/75th percentiles of the slopes."""
    ys, vs = years[-6:], values[-6:]
    slopes = [(vs[j] - vs[i]) / (ys[j] - ys[i]) for i in range(len(ys)) for j in range(i + 1, len(ys))]
    return np.median(slopes), np.percentile(slopes, 25), np.percentile(slopes, 75)


def projected(x, latest_x, latest, slope):
    return np.maximum(0.0, latest + slope * (x - latest_x))


def draw(authority, release, out):
    years = np.array([p[0] for p in authority["years"]], dtype=float)
    values = np.array([p[1] for p in authority["years"]])
    base_x, base = years[0], values[0]
    latest_x, latest = years[-1], values[-1]
    slope, p25, p75 = trend(years, values)
    net_zero = latest_x + latest / -slope if slope < 0 else None
    last_x = max(NET_ZERO_YEAR, np.ceil(net_zero) if net_zero and net_zero <= NET_ZERO_YEAR + 12 else NET_ZERO_YEAR)
    pathway_now = base * (1 - (latest_x - base_x) / (NET_ZERO_YEAR - base_x))
    change = (latest - base) / base * 100

    fig = plt.figure(figsize=(9, 5.6), dpi=100)
    ax = fig.add_axes([0.09, 0.15, 0.58, 0.65])
    xs = np.unique(np.concatenate([np.arange(np.floor(latest_x), last_x + 1), [latest_x, last_x]]))
    ax.fill_between(xs, projected(xs, latest_x, latest, p25), projected(xs, latest_x, latest, p75), color=VERMILLION, alpha=0.22,
                    linewidth=0, label="Trend range (25–75% of slopes)")
    ax.plot(xs, projected(xs, latest_x, latest, slope), color=VERMILLION, linestyle=":", linewidth=2, label="Trend over the last 6 years")
    ax.plot([base_x, NET_ZERO_YEAR], [base, 0], color="black", linestyle="--", linewidth=2, label="Target pathway")
    ax.plot(years, values, color=BLUE, marker="o", markersize=5, linewidth=2, label="Actual emissions")
    ax.plot([NET_ZERO_YEAR], [0], color="black", marker="D", linestyle="none", label="Milestones")
    ax.annotate(f"Net zero by {NET_ZERO_YEAR}", (NET_ZERO_YEAR, 0), textcoords="offset points", xytext=(8, 6), fontsize=11)
    ax.plot([base_x], [base], color=BLUE, marker="o", markerfacecolor="none", markersize=11, linestyle="none", label="Baseline")
    ax.annotate(f"Baseline {int(base_x)}", (base_x, base), textcoords="offset points", xytext=(0, 12), ha="center", fontsize=11)
    if net_zero and net_zero <= last_x:
        ax.axvline(net_zero, color=VERMILLION, linestyle=(0, (4, 4)), linewidth=1.5)
        ax.text(net_zero, 0.96, f"Net zero at trend: {int(np.floor(net_zero))}", transform=ax.get_xaxis_transform(), ha="right",
                color=VERMILLION, fontsize=11)
    ax.set_xlim(base_x - 0.4, last_x + 0.4)
    ax.set_ylim(0, max(values.max(), base) * 1.12)
    ax.set_ylabel("Emissions (kt CO2)", fontsize=12)
    ax.yaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
    ax.grid(axis="y", color="#E3E3E3")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False, fontsize=11)
    status = "on track" if latest <= pathway_now else "at risk" if latest <= pathway_now * 1.05 else "off track"
    at_trend = f"net zero at trend in {int(np.floor(net_zero))}" if net_zero else "not heading for net zero at the current trend"
    fig.text(0.02, 0.95, f"Area emissions, {authority['name']}", fontsize=17, fontweight="bold")
    fig.text(0.02, 0.90, f"{int(latest_x)}: {latest:,.0f} kt CO2, {abs(change):.1f}% {'below' if change <= 0 else 'above'} {int(base_x)}; "
             f"{status} (pathway {pathway_now:,.0f}); {at_trend}", fontsize=12.5, color="#333333")
    fig.text(0.02, 0.03, f"Source: DESNZ local authority statistics (emissions within the scope of local influence), release {release}; "
             f"pathway: a straight line from {int(base_x)} to net zero in {NET_ZERO_YEAR}, for comparison", fontsize=10, color=GREY)
    fig.savefig(out)
    plt.close(fig)


def main():
    data_file, out_dir = sys.argv[1], sys.argv[2]
    fmt = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--format" else "svg"
    with open(data_file) as f:
        data = json.load(f)
    os.makedirs(out_dir, exist_ok=True)
    for authority in data["authorities"]:
        if len(authority["years"]) >= 3:
            draw(authority, data["release"], os.path.join(out_dir, authority["code"].lower() + "." + fmt))


if __name__ == "__main__":
    main()

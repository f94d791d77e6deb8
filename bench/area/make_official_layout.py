#!/usr/bin/env python3
"""Re-lays the shipped mySociety wide file in the official DESNZ 15-column long layout.

usage: make_official_layout.py OUT_DIR [WIDE.csv] [AUTHORITY_CODES.csv]

Writes OUT_DIR/official_release_1.csv ... official_release_5.csv, each 126,080 rows (394 authorities
x 16 years x 20 sub-sectors, gas CO2, within-scope figures, territorial empty as in the source).
Release 1 holds the shipped values; releases 2-5 restate every figure by a small factor, as DESNZ
re-estimates the whole series in each release. Together they are the 630,400-row 5-release variant.
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
HEADER = ["Country", "Country Code", "Region", "Region Code", "Second Tier Authority", "Local Authority",
          "Local Authority Code", "Calendar Year", "LA GHG Sector", "LA GHG Sub-sector", "Greenhouse gas",
          "Territorial emissions (kt CO2e)", "CO2 emissions within the scope of influence of LAs (kt CO2e)",
          "Mid-year Population (thousands)", "Area (km2)"]
SUBSECTORS = [
    ("Industry Electricity", "Industry", "Industry Electricity"), ("Industry Gas", "Industry", "Industry Gas"),
    ("Large Industrial Installations", "Industry", "Large Industrial Installations"),
    ("Industrial Other Fuels", "Industry", "Industrial 'Other'"),
    ("Commercial Electricity", "Commercial", "Commercial Electricity"), ("Commercial Gas", "Commercial", "Commercial Gas"),
    ("Commercial Other Fuels", "Commercial", "Commercial 'Other'"),
    ("Public Sector Electricity", "Public Sector", "Public Sector Electricity"),
    ("Public Sector Gas", "Public Sector", "Public Sector Gas"),
    ("Public Sector Other Fuels", "Public Sector", "Public Sector 'Other'"),
    ("Domestic Electricity", "Domestic", "Domestic Electricity"), ("Domestic Gas", "Domestic", "Domestic Gas"),
    ("Domestic Other Fuels", "Domestic", "Domestic 'Other'"),
    ("Road Transport (A roads)", "Transport", "Road Transport (A roads)"),
    ("Road Transport (Minor roads)", "Transport", "Road Transport (Minor roads)"),
    ("Transport Other", "Transport", "Transport Other"),
    ("Agriculture Electricity", "Agriculture", "Agriculture Electricity"), ("Agriculture", "Agriculture", "Agriculture"),
    ("Agriculture 'Other'", "Agriculture", "Agriculture 'Other'"),
    ("Waste Management Other", "Waste management", "Waste Management Other"),
]
RELEASES = 5


def main(out_dir, wide_path, codes_path):
    gss = {}
    with open(codes_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            gss[row["mysociety_code"]] = row["gss_code"] or row["mysociety_code"]
    with open(wide_path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rows.sort(key=lambda r: (r["local-authority-code"], r["Year"]))
    os.makedirs(out_dir, exist_ok=True)
    for release in range(1, RELEASES + 1):
        factor = 1 + 0.002 * (release - 1)
        path = os.path.join(out_dir, f"official_release_{release}.csv")
        with open(path, "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f, lineterminator="\n")
            out.writerow(HEADER)
            for r in rows:
                code = gss[r["local-authority-code"]]
                name = r["official-name"]
                for column, sector, subsector in SUBSECTORS:
                    value = r[f"{column}:kt CO2"]
                    value = "" if value == "" else repr(round(float(value) * factor, 6))
                    out.writerow(["", "", "", "", name, name, code, r["Year"], sector, subsector, "CO2", "", value,
                                  r["Population:000s"], r["Area:km2"]])
        print(path)


if __name__ == "__main__":
    main(sys.argv[1],
         sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "datasets/area/mysociety_local_authority_emissions_2005_2020.csv"),
         sys.argv[3] if len(sys.argv) > 3 else os.path.join(ROOT, "datasets/area/authority_codes.csv"))

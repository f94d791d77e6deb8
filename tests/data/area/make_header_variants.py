#!/usr/bin/env python3
"""Cuts the header-variant fixtures from desnz_ghg_leicestershire.csv (real values, re-headed).

usage: make_header_variants.py   (run in tests/data/area)
writes desnz_ghg_2005_2021_header.csv and desnz_ghg_2005_2023_header.csv: the Blaby and Melton rows of
2020 under the exact official headers of the 2005-2021 release (within scope "CO2 emissions within the
scope of influence of LAs (kt CO2e)") and the 2005-2023 release ("Emissions within the scope of
influence of LAs (kt CO2)"), each followed by one "Unallocated consumption" and one "Large elec users
(high voltage lines) unknown location" row as DESNZ prints them (no authority code). Those two rows'
figures are made up (100 and 50 kt): they test that such rows stay out of every authority's figures.
"""
import csv

KEEP = {("E07000129", "2020"), ("E07000133", "2020")}
WITHIN_SCOPE = {
    "desnz_ghg_2005_2021_header.csv": "CO2 emissions within the scope of influence of LAs (kt CO2e)",
    "desnz_ghg_2005_2023_header.csv": "Emissions within the scope of influence of LAs (kt CO2)",
}
UNALLOCATED = [
    ["England", "", "", "", "Unallocated consumption", "Unallocated consumption", "", "2020", "Domestic", "Domestic 'Other'", "CO2", "", "100", "", ""],
    ["England", "", "", "", "Large elec users (high voltage lines) unknown location", "Large elec users (high voltage lines) unknown location",
     "", "2020", "Industry", "Industry Electricity", "CO2", "", "50", "", ""],
]


def main():
    with open("desnz_ghg_leicestershire.csv", newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [r for r in reader if (r[6], r[7]) in KEEP]
    within = header.index("CO2 emissions within the scope of influence of LAs (kt CO2e)")
    for name, column in WITHIN_SCOPE.items():
        with open(name, "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f, lineterminator="\n")
            out.writerow(header[:within] + [column] + header[within + 1:])
            out.writerows(rows)
            out.writerows(UNALLOCATED)


if __name__ == "__main__":
    main()

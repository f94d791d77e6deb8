#!/usr/bin/env python3
"""Cuts the official-layout test fixtures from the re-laid national file (real values, see README.md).

usage: make_fixtures.py DESNZ_LAYOUT.csv
writes desnz_ghg_leicestershire.csv (the 15-column GHG header) and desnz_co2_leicestershire.csv
(the older CO2-only header: LA CO2 Sector/Sub-sector, (kt CO2) columns, no Greenhouse gas column).
"""
import csv
import sys

# The seven Leicestershire districts, then Leicester and Rutland (unitaries, not part of the county).
AUTHORITIES = ["E07000129", "E07000130", "E07000131", "E07000132", "E07000133", "E07000134", "E07000135", "E06000016", "E06000017"]
YEARS = {"2005", "2018", "2019", "2020"}
CO2_HEADER = ["Country", "Country Code", "Region", "Region Code", "Second Tier Authority", "Local Authority",
              "Local Authority Code", "Calendar Year", "LA CO2 Sector", "LA CO2 Sub-sector",
              "Territorial emissions (kt CO2)", "CO2 emissions within the scope of influence of LAs (kt CO2)",
              "Mid-year Population (thousands)", "Area (km2)"]


def main(source):
    with open(source, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [r for r in reader if r[6] in AUTHORITIES and r[7] in YEARS]
    with open("desnz_ghg_leicestershire.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)
    gas = header.index("Greenhouse gas")
    with open("desnz_co2_leicestershire.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(CO2_HEADER)
        out.writerows(r[:gas] + r[gas + 1:] for r in rows)


if __name__ == "__main__":
    main(sys.argv[1])

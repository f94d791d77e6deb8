#!/usr/bin/env python3
"""Builds authority_codes.csv: which GSS code, mySociety code and name are the same council.

GSS codes come from the research helper's re-laid file (desnz-layout-co2-within-scope-2005-2020.csv),
which matched mySociety's names to GSS codes; codes it could not match stay blank. Tiers follow the
names: "... County Council" without a unitary GSS code (E06, W06) is a county of districts, combined authorities and the GLA are combined, the rest are
districts or unitaries (the units DESNZ reports). A district's county is the GSS code of the county
council its Second Tier Authority names in the re-laid file, where that county has a GSS code (only
Leicestershire, E10000018, does); releases that print no Second Tier Authority sum counties by it.

usage: make_authority_codes.py MYSOCIETY_WIDE.csv DESNZ_LAYOUT.csv > authority_codes.csv
"""
import csv
import re
import sys

GSS = re.compile(r"^[EWSN]\d{8}$")


def tier(code, name, gss):
    # Durham, Rutland and the Welsh county councils are unitaries: they report their own figures.
    if name.endswith("County Council") and not gss.startswith(("E06", "W06")):
        return "county"
    if len(code) == 4 or "Combined Authority" in name or name in ("Greater London Authority", "Liverpool City Region"):
        return "combined"
    return "district"


def main(wide_path, long_path):
    names = {}
    with open(wide_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names.setdefault(row["local-authority-code"], row["official-name"])
    gss_by_name = {}
    second_tier = {}
    with open(long_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if GSS.match(row["Local Authority Code"]):
                gss_by_name[row["Local Authority"]] = row["Local Authority Code"]
            if row["Second Tier Authority"] != row["Local Authority"]:
                second_tier[row["Local Authority"]] = row["Second Tier Authority"]
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["gss_code", "mysociety_code", "name", "tier", "county"])
    for code in sorted(names):
        name = names[code]
        gss = gss_by_name.get(name, "")
        county = gss_by_name.get(second_tier.get(name, "") + " County Council", "") if name in second_tier else ""
        out.writerow([gss, code, name, tier(code, name, gss), county])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

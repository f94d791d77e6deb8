#!/usr/bin/env python3
"""Builds datasets/indicators/*.csv from the raw public data (see datasets/indicators/README.md).

Usage: python3 scripts/make_indicator_datasets.py [RAW_DIR]
RAW_DIR defaults to ../shared/data-raw beside the repository. Standard library only. The output is
the indicator CSV `carbontrack indicator import` reads; a figure the sources do not give is left out,
never written as zero.
"""

import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "datasets" / "indicators"
COLUMNS = ["indicator", "kind", "unit", "direction", "goal", "deadline", "baseline", "numerator", "denominator",
           "area", "period", "value", "basis", "quality", "source", "note"]

# The seven districts of Leicestershire County Council's area (Leicester city is a separate unitary).
DISTRICTS = {
    "E07000129": "Blaby",
    "E07000130": "Charnwood",
    "E07000131": "Harborough",
    "E07000132": "Hinckley and Bosworth",
    "E07000133": "Melton",
    "E07000134": "North West Leicestershire",
    "E07000135": "Oadby and Wigston",
}
NAMES = set(DISTRICTS.values())
COUNTY = "E10000018"
TRAFFORD = "traffordDataLab/climate_emergency data/"
TRAFFORD_OLD = "traffordDataLab/climate_emergency (older version, commit {}) "
FOE = "Friends of the Earth (ODbL) friendsoftheearth-data.github.io datasets/"
ONS = "ONSdigital/explore-local-statistics-data "
OGL = "OGL v3.0"


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def write(name, rows):
    with open(OUT / name, "w", newline="", encoding="utf-8") as f:
        out = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        out.writeheader()
        for row in rows:
            out.writerow({c: row.get(c, "") for c in COLUMNS})
    print(f"wrote {OUT / name} ({len(rows)} rows)")


def number(text):
    """The value as the shortest faithful text; None for the source's NA (not published)."""
    if text.strip() in ("", "NA"):
        return None
    return float(text)


def show(value, decimals):
    text = f"{round(value, decimals):.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def statements(raw):
    rows = read(raw / "lcc-council" / "lcc_council_emissions_public_statements.csv")
    return {(r["metric"], r["period"]): r for r in rows}


# A statement's unit column carries its qualifier in brackets: "trees (more than)", "MWh/yr (nearly)".
QUALIFIERS = {"more than": "more-than", "over": "more-than", "nearly": "almost", "almost": "almost", "about": "about"}


def qualifier(unit_text):
    if "(" not in unit_text:
        return "published"
    word = unit_text[unit_text.index("(") + 1:unit_text.index(")")].strip()
    return QUALIFIERS[word]


def trees(facts):
    goal = facts[("trees_target", "")]
    rows = [{"indicator": "trees planted", "kind": "flow", "unit": "trees", "direction": "up", "goal": goal["value"],
             "source": goal["source_url"],
             "note": "commitment to plant 700,000 trees, one per resident (tree strategy adopted May 2020); no deadline in the sources held"}]
    # Running totals as published; the month of each statement is kept in the note.
    for period_text, year in (("2022-07", "2022"), ("2023", "2023"), ("2024-02", "2024")):
        fact = facts[("trees_planted_cumulative", period_text)]
        rows.append({"indicator": "trees planted", "period": year, "value": fact["value"], "basis": "running-total",
                     "quality": qualifier(fact["unit"]), "source": fact["source_url"],
                     "note": f"running total as published {fact['source_date']} ({period_text}); {fact['notes']}".rstrip("; ")})
    return rows


def renewables(facts):
    target = facts[("env_strategy_target_renewables", "2021")]
    pv = facts[("solar_pv_capacity_council", "2019")]
    quorn = facts[("quorn_solar_farm_generation", "from summer 2023")]
    return [
        {"indicator": "renewable electricity generated on council land", "kind": "flow", "unit": "MWh", "direction": "up",
         "note": "not published in the sources held: no values recorded"},
        {"indicator": "council energy consumption", "kind": "flow", "unit": "MWh", "direction": "down",
         "note": "not published in the sources held: no values recorded"},
        {"indicator": "renewable share of council energy use", "kind": "ratio", "unit": "%", "direction": "up",
         "goal": target["value"], "deadline": "2020/21",
         "numerator": "renewable electricity generated on council land", "denominator": "council energy consumption",
         "source": target["source_url"],
         "note": "Environment Strategy 2018-2030: 15% by 2021 (read as 2020/21); computed only when both parts are known"},
        {"indicator": "council solar PV capacity", "kind": "level", "unit": "kW", "direction": "up",
         "period": "2019", "value": pv["value"], "quality": qualifier(pv["unit"]), "source": pv["source_url"], "note": pv["notes"]},
        {"indicator": "Quorn solar farm expected generation", "kind": "level", "unit": "MWh", "direction": "up",
         "period": "2023/24", "value": quorn["value"], "quality": qualifier(quorn["unit"]), "source": quorn["source_url"],
         "note": "expected output a year from summer 2023 as announced 2022-06-23, not a metered figure"},
    ]


def recycling(raw, facts):
    name = "household waste reused, recycled or composted"
    county = facts[("county_recycling_rate", "2020/21")]
    rows = [{"indicator": name, "kind": "level", "unit": "%", "direction": "up", "goal": "65", "deadline": "2034/35",
             "source": county["source_url"],
             "note": "Defra ENV18 rates; goal 65% by 2035 from the county's draft waste strategy (2022)"}]
    source = TRAFFORD + "recycling.csv (Defra ENV18)"
    for r in read(raw / "indicators" / "trafford-climate-emergency" / "recycling.csv"):
        if r["area_code"] in DISTRICTS and "2015/16" <= r["period"] <= "2023/24":
            rows.append({"indicator": name, "area": DISTRICTS[r["area_code"]], "period": r["period"],
                         "value": show(float(r["value"]), 1), "quality": "published", "source": source})
    rows.append({"indicator": name, "period": "2020/21", "value": county["value"], "quality": qualifier(county["unit"]),
                 "source": county["source_url"],
                 "note": "the county as waste disposal authority; its basis differs from the districts' collection rates"})
    return rows


def vehicles(raw):
    plug_in, all_cars = "plug-in cars and vans licensed", "cars and vans licensed"
    rows = [
        {"indicator": plug_in, "kind": "level", "unit": "vehicles", "direction": "up",
         "note": "battery-electric and plug-in hybrid cars and vans at the end of the year, the 7 districts summed"},
        {"indicator": all_cars, "kind": "level", "unit": "vehicles", "direction": "down",
         "note": "all licensed cars and vans at the end of the year, the 7 districts summed"},
        {"indicator": "plug-in share of cars and vans", "kind": "ratio", "unit": "%", "direction": "up",
         "numerator": plug_in, "denominator": all_cars},
    ]
    sums = {}
    for r in read(raw / "indicators" / "trafford-climate-emergency" / "ev.csv"):
        if r["area_code"] in DISTRICTS and r["indicator"] in ("Electric cars and vans", "All cars and vans"):
            key = (r["indicator"], r["period"])
            sums.setdefault(key, {})[r["area_code"]] = number(r["value"])
    source = TRAFFORD + "ev.csv (DfT VEH0142, VEH0105)"
    for (indicator, period), by_district in sorted(sums.items()):
        # A county figure only where every district has one.
        if len(by_district) != len(DISTRICTS) or None in by_district.values():
            continue
        rows.append({"indicator": plug_in if indicator == "Electric cars and vans" else all_cars, "period": period,
                     "value": show(sum(by_district.values()), 0), "quality": "published", "source": source})
    return rows


# Regional renewable statistics of four years: 2024 from the current tables, the rest from older
# versions of the same repository. A cell the source gives as NA (suppressed by DESNZ) is unknown: the
# district's sum is then a lower bound, kept as at-least with the technologies named, never as zero.
GENERATION_FILES = {
    "2017": ("renewables-history/renewable_electricity_generation_2017_commitb2a58831.csv", "b2a58831"),
    "2018": ("renewables-history/renewable_electricity_generation_2018_commit264a2b37.csv", "264a2b37"),
    "2022": ("renewables-history/renewable_electricity_generation_2022_commit0ffd48dd.csv", "0ffd48dd"),
    "2024": ("trafford-climate-emergency/renewable_electricity_generation.csv", None),
}


def generation(raw):
    name = "renewable electricity generated"
    rows = [{"indicator": name, "kind": "level", "unit": "MWh", "direction": "up",
             "note": "DESNZ regional renewable statistics, all technologies summed per district; 2017, 2018, 2022 and 2024 are held"}]
    for year, (path, commit) in GENERATION_FILES.items():
        by_district = {}
        for r in read(raw / "indicators" / path):
            if r["area_code"] in DISTRICTS and r["period"][:4] == year:
                by_district.setdefault(r["area_code"], []).append((r["group"], number(r["value"])))
        # One source for the four years: the same table, three of them read from older versions (in the note).
        source = TRAFFORD + "renewable_electricity_generation.csv (DESNZ)"
        version = f"from version {commit} of the table" if commit else ""
        for code, parts in sorted(by_district.items(), key=lambda item: DISTRICTS[item[0]]):
            unpublished = sorted(group for group, value in parts if value is None)
            total = sum(value for _, value in parts if value is not None)
            rows.append({"indicator": name, "area": DISTRICTS[code], "period": year, "value": show(total, 1),
                         "quality": "at-least" if unpublished else "published", "source": source,
                         "note": "; ".join(filter(None, [version, ("not published (NA) in the source: " + ", ".join(unpublished))
                                                         if unpublished else ""]))})
    return rows


def epc_share(raw):
    """Friends of the Earth's counts of the register's domestic certificates by band, April 2025."""
    name = "domestic EPCs rated C or better"
    rows = [{"indicator": name, "kind": "level", "unit": "%", "direction": "up",
             "note": "share of domestic energy performance certificates on the register to April 2025 rated A, B or C; "
                     "certificates as Friends of the Earth counts them, not every home (a home never assessed has none)"}]
    source = FOE + "epcs/epc-bands-by-oslaua-April25.csv"
    counts = {}
    for r in read(raw / "indicators" / "epc-ratings" / "foe_epc_bands_by_authority_april_2025.csv"):
        if r["oslaua"] in DISTRICTS:
            counts[r["oslaua"]] = (int(r["ABC_n"]), int(r["number_of_epcs"]))
    for code, (abc, total) in sorted(counts.items(), key=lambda item: DISTRICTS[item[0]]):
        rows.append({"indicator": name, "area": DISTRICTS[code], "period": "2025", "value": show(100 * abc / total, 1),
                     "quality": "published", "source": source, "note": f"{abc} of {total} certificates"})
    if len(counts) == len(DISTRICTS):
        abc = sum(c[0] for c in counts.values())
        total = sum(c[1] for c in counts.values())
        rows.append({"indicator": name, "period": "2025", "value": show(100 * abc / total, 1), "quality": "published", "source": source,
                     "note": f"the 7 districts' counts summed, then divided: {abc} of {total} certificates"})
    return rows


EPC_WINDOWS = [
    ("2019", "domestic_epcs_energy_efficiency_2008-2019Q3_commit264a2b37.csv", "264a2b37", "2008 to 2019 Q3"),
    ("2023", "domestic_epcs_energy_efficiency_2013Q4-2023Q3_commit0ffd48dd.csv", "0ffd48dd", "2013 Q4 to 2023 Q3"),
    ("2026", "domestic_epcs_energy_efficiency_2016Q2-2026Q1_commit3d10b681.csv", "3d10b681", "2016 Q2 to 2026 Q1"),
]


def epc_lodgements(raw):
    """DLUHC's lodgements by rating in three 10-year windows, filed under each window's last year."""
    name = "domestic EPC lodgements rated C or better"
    rows = [{"indicator": name, "kind": "level", "unit": "%", "direction": "up",
             "note": "share of domestic EPCs lodged in a 10-year window rated A-C, filed under the window's last year; "
                     "it counts certificates lodged (a home re-assessed counts twice), not homes"}]
    for year, file, commit, window in EPC_WINDOWS:
        counts = {}
        for r in read(raw / "indicators" / "epc-ratings" / file):
            if r["area_code"] in DISTRICTS:
                band = r.get("group") or r.get("efficiency")
                counts.setdefault(r["area_code"], {})[band] = int(r["value"])
        source = TRAFFORD_OLD.format(commit) + "(DLUHC domestic EPC lodgements)"
        for code, bands in sorted(counts.items(), key=lambda item: DISTRICTS[item[0]]):
            rated = sum(bands[b] for b in "ABC")
            rows.append({"indicator": name, "area": DISTRICTS[code], "period": year, "value": show(100 * rated / sum(bands.values()), 1),
                         "quality": "published", "source": source, "note": f"lodged {window}: {rated} of {sum(bands.values())}"})
        if len(counts) == len(DISTRICTS):
            rated = sum(sum(b[x] for x in "ABC") for b in counts.values())
            total = sum(sum(b.values()) for b in counts.values())
            rows.append({"indicator": name, "period": year, "value": show(100 * rated / total, 1), "quality": "published", "source": source,
                         "note": f"lodged {window}, the 7 districts' counts summed, then divided: {rated} of {total}"})
    return rows


def heat_pumps(raw):
    """Ofgem's Boiler Upgrade Scheme redemptions paid for heat pumps, per financial year."""
    name = "heat pumps installed through the Boiler Upgrade Scheme"
    rows = [{"indicator": name, "kind": "flow", "unit": "heat pumps", "direction": "up",
             "note": "Ofgem Boiler Upgrade Scheme redemptions paid (heat pump technologies) per financial year; "
                     "a district the source gives as NA (suppressed) is unknown, so no county sum that year"}]
    source = TRAFFORD_OLD.format("3d10b681") + "(Ofgem Boiler Upgrade Scheme)"
    by_year = {}
    for r in read(raw / "indicators" / "heat-pumps" / "boiler_upgrade_scheme_2022-23_to_2025-26_commit3d10b681.csv"):
        if r["area_code"] in DISTRICTS:
            value = number(r["value"])
            by_year.setdefault(r["period"], {})[r["area_code"]] = value
            if value is not None:
                rows.append({"indicator": name, "area": DISTRICTS[r["area_code"]], "period": r["period"], "value": show(value, 0),
                             "quality": "published", "source": source})
    for year, values in sorted(by_year.items()):
        if len(values) == len(DISTRICTS) and None not in values.values():
            rows.append({"indicator": name, "period": year, "value": show(sum(values.values()), 0), "quality": "published",
                         "source": source, "note": "the 7 districts summed"})
    return rows


def pm25(raw):
    """Friends of the Earth's 3-year mean PM2.5 per 2011 LSOA; the file has no population."""
    name = "PM2.5 annual mean concentration"
    rows = [{"indicator": name, "kind": "level", "unit": "micrograms per cubic metre", "direction": "down",
             "note": "mean of 2021-2023 annual means in µg/m³ (filed under 2023) over a district's 2011 LSOAs; a simple mean, "
                     "NOT population-weighted: the source file gives no population, so every LSOA counts once"}]
    source = FOE + "air-pollution/ (Defra modelled background concentrations)"
    by_district = {}
    for r in read(raw / "indicators" / "air-quality" / "foe_air_pollution_lsoa11_2021_23.csv"):
        if r["local_authority"] in NAMES:
            by_district.setdefault(r["local_authority"], []).append(float(r["pm25_202123_conc"]))
    for district in sorted(by_district):
        values = by_district[district]
        rows.append({"indicator": name, "area": district, "period": "2023", "value": show(sum(values) / len(values), 2),
                     "quality": "published", "source": source, "note": f"simple mean of {len(values)} LSOAs, 2021-23"})
    every = [v for values in by_district.values() for v in values]
    if len(by_district) == len(DISTRICTS):
        rows.append({"indicator": name, "period": "2023", "value": show(sum(every) / len(every), 2), "quality": "published",
                     "source": source, "note": f"simple mean of the county's {len(every)} LSOAs, 2021-23, not population-weighted"})
    return rows


def ev_chargers(raw):
    """DfT's public charging devices per 100,000 people, quarterly; the October figure of each year is kept."""
    name = "public EV charging devices per 100,000 people"
    rows = [{"indicator": name, "kind": "level", "unit": "devices per hundred thousand people", "direction": "up",
             "note": "DfT public charging devices per 100,000 people, published quarterly; each calendar year holds the "
                     "figure at 1 October (the quarter starting that day), the last quarter DfT dates in the year. "
                     "A different series from the Zapmap chargers indicator: never joined"}]
    source = ONS + "(commit 3f4f6705, DfT electric vehicle public charging infrastructure statistics)"
    names = dict(DISTRICTS, **{COUNTY: ""})
    for r in read(raw / "indicators" / "ev-public-chargers" / "ons_ev_public_charging_devices_per_100k_2019q4_2026q1.csv"):
        if r["areacd"] in names and r["period"][5:] == "10-01":
            rows.append({"indicator": name, "area": names[r["areacd"]], "period": r["period"][:4],
                         "value": show(float(r["observation"]), 1), "quality": "published", "source": source,
                         "note": f"devices at {r['period']} (quarter starting that day)"})
    rows[1:] = sorted(rows[1:], key=lambda row: (row["area"], row["period"]))
    return rows


def zapmap_chargers(raw):
    """DfT/Zapmap public chargers per 100,000 people, 2026: a different measure from the devices series."""
    name = "public EV chargers per 100,000 people (Zapmap)"
    rows = [{"indicator": name, "kind": "level", "unit": "chargers per hundred thousand people", "direction": "up",
             "note": "DfT statistics from Zapmap data, counting chargers, a different measure from the DfT devices series "
                     "(never joined to it); published for January and April 2026, and 2026 holds the April figure"}]
    source = ONS + "(HEAD, DfT/Zapmap public electric vehicle chargers)"
    names = dict(DISTRICTS, **{COUNTY: ""})
    latest = {}
    for r in read(raw / "indicators" / "ev-public-chargers" / "ons_public_ev_chargers_per_100k_2026.csv"):
        if r["areacd"] in names:
            latest.setdefault(r["areacd"], {})[r["period"]] = float(r["observation"])
    for code in sorted(latest, key=lambda c: names[c]):
        quarters = latest[code]
        last = max(quarters)
        earlier = ", ".join(f"{show(quarters[q], 1)} at {q}" for q in sorted(quarters) if q != last)
        rows.append({"indicator": name, "area": names[code], "period": last[:4], "value": show(quarters[last], 1), "quality": "published",
                     "source": source, "note": f"chargers at {last}" + (f"; {earlier}" if earlier else "")})
    return rows


def main():
    raw = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "data-raw"
    if not raw.is_dir():
        sys.exit(f"no raw data at {raw}; pass the data-raw directory as the first argument")
    OUT.mkdir(parents=True, exist_ok=True)
    facts = statements(raw)
    write("leicestershire_trees.csv", trees(facts))
    write("leicestershire_council_renewables.csv", renewables(facts))
    write("leicestershire_household_recycling.csv", recycling(raw, facts))
    write("leicestershire_plug_in_vehicles.csv", vehicles(raw))
    write("leicestershire_renewable_electricity_by_district.csv", generation(raw))
    write("leicestershire_domestic_epc_ratings.csv", epc_share(raw) + epc_lodgements(raw))
    write("leicestershire_heat_pumps.csv", heat_pumps(raw))
    write("leicestershire_air_quality.csv", pm25(raw))
    write("leicestershire_ev_public_chargers.csv", ev_chargers(raw) + zapmap_chargers(raw))


if __name__ == "__main__":
    main()

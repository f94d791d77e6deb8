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
TRAFFORD = "traffordDataLab/climate_emergency data/"
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


def generation(raw):
    name = "renewable electricity generated"
    rows = [{"indicator": name, "kind": "level", "unit": "MWh", "direction": "up",
             "note": "DESNZ regional renewable statistics, all technologies summed per district"}]
    by_district = {}
    for r in read(raw / "indicators" / "trafford-climate-emergency" / "renewable_electricity_generation.csv"):
        if r["area_code"] in DISTRICTS and r["period"] == "2024":
            by_district.setdefault(r["area_code"], []).append((r["group"], number(r["value"])))
    for code, parts in sorted(by_district.items(), key=lambda item: DISTRICTS[item[0]]):
        unpublished = sorted(group for group, value in parts if value is None)
        total = sum(value for _, value in parts if value is not None)
        rows.append({"indicator": name, "area": DISTRICTS[code], "period": "2024", "value": show(total, 1),
                     "quality": "at-least" if unpublished else "published",
                     "source": TRAFFORD + "renewable_electricity_generation.csv (DESNZ)",
                     "note": ("not published (NA) in the source: " + ", ".join(unpublished)) if unpublished else ""})
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
    write("leicestershire_renewable_electricity_by_district_2024.csv", generation(raw))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Write the illustrative own-operations inventory of a fictional council.

Output: datasets/examples/illustrative_example_council_inventory.csv (or the path given as the
only argument).

The council is fictional: "Example Council (illustrative)". None of the figures below are
measurements of any real council. They are hand-chosen activity amounts of the size a
mid-sized English county council reports (about 15,000 tCO2e in 2016/17 falling to about
6,600 tCO2e in 2023/24), so that every code path of carbontrack runs on realistic magnitudes:

  source                              scope  factor (DESNZ key name)          unit
  Buildings (natural gas)             1      natural_gas_gross_cv             kWh
  Fleet (diesel, petrol)              1      diesel_average_biofuel_blend,    litres
                                             petrol_average_biofuel_blend
  Buildings (electricity)             2      uk_electricity_generated         MWh
  Street lighting and traffic signals 2      uk_electricity_generated         GWh
  Buildings, Street lighting ... T&D  3      uk_electricity_td_losses         MWh / GWh
  Business travel (grey fleet)        3      average_car_unknown_fuel         miles, then km
  Water (supply, treatment)           3      water_supply, water_treatment    cubic metres
  Waste                               3      (none: tco2e given, estimated)   -

Every financial year 2016/17 to 2023/24 is covered; with the factor-year rule these use the
2016 to 2023 DESNZ factor sets shipped in datasets/factors/.

The story the numbers tell: gas falls slowly (building disposals, boiler replacements) with a
rise in 2020/21 (extra ventilation during COVID-19) and a larger cut in 2022/23 (lower heating
set-points in the energy-price crisis); street lighting falls by about half as an LED
programme runs from 2017 to 2019; buildings electricity dips in 2020/21 when offices closed;
the fleet shrinks year on year; business mileage collapses in 2020/21 and recovers only
partly. From 2022/23 the fictional expenses system records distances in km, so those
business-travel rows use the per-km factor.

Deterministic: the data are literal tables, no randomness, no dates, no environment input;
rows are written in a fixed order with "\\n" line endings, so rerunning gives identical bytes.
Python 3 standard library only.

Usage (from the repository root):
    python3 scripts/make_example_inventory.py
    python3 scripts/make_example_inventory.py /tmp/other.csv
"""

import csv
import io
import os
import sys

HEADER = ["period", "scope", "source", "activity", "unit", "factor", "tco2e", "quality", "note"]

PERIODS = ["2016/17", "2017/18", "2018/19", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24"]

# One entry per period, in PERIODS order. Each value is (amount, quality, note); note may be "".
# Amounts are strings so that they appear in the CSV exactly as written here.

BUILDINGS_GAS_KWH = [
    ("18400000", "measured", "Corporate buildings, metered gas (schools excluded)"),
    ("17900000", "measured", ""),
    ("17350000", "measured", ""),
    ("16800000", "measured", ""),
    ("17250000", "measured", "Higher than trend: extra ventilation while buildings stayed open during COVID-19"),
    ("16100000", "measured", ""),
    ("14600000", "measured", "Heating set-points lowered during the energy-price crisis"),
    ("13900000", "estimated", "January to March 2024 bills estimated by the supplier"),
]

BUILDINGS_ELECTRICITY_MWH = [
    ("9120.4", "measured", "Corporate buildings, half-hourly and monthly meters"),
    ("8870.2", "measured", ""),
    ("8515.6", "measured", ""),
    ("8204.9", "measured", ""),
    ("6912.3", "measured", "Offices largely closed during COVID-19"),
    ("7480.5", "measured", ""),
    ("7105.8", "measured", ""),
    ("6842.1", "measured", ""),
]

STREET_LIGHTING_GWH = [
    ("11.60", "measured", "Unmetered supply: deemed consumption from the lighting inventory; sodium lamps"),
    ("10.40", "measured", "LED replacement programme started"),
    ("8.10", "measured", ""),
    ("5.90", "measured", "LED replacement programme complete"),
    ("5.81", "measured", ""),
    ("5.70", "measured", "Part-night dimming extended"),
    ("5.52", "measured", ""),
    ("5.37", "measured", ""),
]

FLEET_DIESEL_LITRES = [
    ("452300", "measured", "Fuel-card and depot bunker records: gritters, highways vans, minibuses"),
    ("438900", "measured", ""),
    ("421700", "measured", ""),
    ("405200", "measured", ""),
    ("371800", "measured", ""),
    ("362400", "measured", ""),
    ("341900", "measured", ""),
    ("328600", "measured", ""),
]

FLEET_PETROL_LITRES = [
    ("41800", "measured", "Fuel-card records: pool cars and small plant"),
    ("39600", "measured", ""),
    ("36900", "measured", ""),
    ("33100", "measured", ""),
    ("27400", "measured", ""),
    ("24300", "measured", "Part of the pool-car fleet replaced by electric cars"),
    ("21800", "measured", ""),
    ("19700", "measured", ""),
]

# Grey fleet: staff driving their own cars on council business, from expense claims.
# (amount, unit, quality, note)
BUSINESS_MILEAGE = [
    ("2210000", "miles", "measured", "Grey fleet (staff own cars), from expense claims"),
    ("2145000", "miles", "measured", ""),
    ("2060000", "miles", "measured", ""),
    ("1940000", "miles", "measured", ""),
    ("840000", "miles", "measured", "COVID-19: most meetings held online"),
    ("1120000", "miles", "measured", ""),
    ("2027800", "km", "measured", "New expenses system records kilometres"),
    ("1963400", "km", "measured", ""),
]

WATER_SUPPLY_M3 = [
    ("61200", "estimated", "Some unmetered sites pro-rated by floor area"),
    ("59800", "estimated", "Some unmetered sites pro-rated by floor area"),
    ("58100", "measured", ""),
    ("56900", "measured", ""),
    ("41300", "measured", ""),
    ("47600", "measured", ""),
    ("45200", "measured", ""),
    ("43800", "measured", ""),
]

WATER_TREATMENT_M3 = [
    ("58100", "estimated", "Taken as 95% of water supplied"),
    ("56800", "estimated", "Taken as 95% of water supplied"),
    ("55200", "estimated", "Taken as 95% of water supplied"),
    ("54100", "estimated", "Taken as 95% of water supplied"),
    ("39200", "estimated", "Taken as 95% of water supplied"),
    ("45200", "estimated", "Taken as 95% of water supplied"),
    ("42900", "estimated", "Taken as 95% of water supplied"),
    ("41600", "estimated", "Taken as 95% of water supplied"),
]

WASTE_TCO2E = [
    ("262", "estimated", "Office and depot waste; waste contractor's estimate in tCO2e"),
    ("248", "estimated", ""),
    ("231", "estimated", ""),
    ("219", "estimated", ""),
    ("164", "estimated", ""),
    ("181", "estimated", ""),
    ("172", "estimated", ""),
    ("158", "estimated", ""),
]


def rows():
    """Yield the CSV rows (lists of strings) in a fixed order: by period, then by a fixed source order."""
    for i, period in enumerate(PERIODS):
        gas, gas_q, gas_note = BUILDINGS_GAS_KWH[i]
        el, el_q, el_note = BUILDINGS_ELECTRICITY_MWH[i]
        sl, sl_q, sl_note = STREET_LIGHTING_GWH[i]
        diesel, diesel_q, diesel_note = FLEET_DIESEL_LITRES[i]
        petrol, petrol_q, petrol_note = FLEET_PETROL_LITRES[i]
        miles, miles_unit, miles_q, miles_note = BUSINESS_MILEAGE[i]
        supply, supply_q, supply_note = WATER_SUPPLY_M3[i]
        treat, treat_q, treat_note = WATER_TREATMENT_M3[i]
        waste, waste_q, waste_note = WASTE_TCO2E[i]

        # scope 1
        yield [period, "1", "Buildings", gas, "kWh", "natural_gas_gross_cv", "", gas_q, gas_note]
        yield [period, "1", "Fleet", diesel, "litres", "diesel_average_biofuel_blend", "", diesel_q, diesel_note]
        yield [period, "1", "Fleet", petrol, "litres", "petrol_average_biofuel_blend", "", petrol_q, petrol_note]
        # scope 2
        yield [period, "2", "Buildings", el, "MWh", "uk_electricity_generated", "", el_q, el_note]
        yield [period, "2", "Street lighting and traffic signals", sl, "GWh", "uk_electricity_generated", "", sl_q, sl_note]
        # scope 3: losses on the same electricity, in the same units
        yield [period, "3", "Buildings", el, "MWh", "uk_electricity_td_losses", "", el_q,
               "Transmission and distribution losses on the buildings electricity"]
        yield [period, "3", "Street lighting and traffic signals", sl, "GWh", "uk_electricity_td_losses", "", sl_q,
               "Transmission and distribution losses on the street-lighting electricity"]
        yield [period, "3", "Business travel", miles, miles_unit, "average_car_unknown_fuel", "", miles_q, miles_note]
        yield [period, "3", "Water", supply, "cubic metres", "water_supply", "", supply_q, supply_note]
        yield [period, "3", "Water", treat, "cubic metres", "water_treatment", "", treat_q, treat_note]
        yield [period, "3", "Waste", "", "", "", waste, waste_q, waste_note]


def render():
    """Return the whole CSV as a string."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    for row in rows():
        writer.writerow(row)
    return buffer.getvalue()


def main(argv):
    if len(argv) > 2:
        sys.stderr.write("usage: make_example_inventory.py [OUTPUT.csv]\n")
        return 2
    if len(argv) == 2:
        out = argv[1]
    else:
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        out = os.path.join(root, "datasets", "examples", "illustrative_example_council_inventory.csv")
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(render())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Writes factor_aliases.csv: each short factor name, per factor year, as the DESNZ level path it
names in that year's official workbook. Reads a carbontrack database into which every workbook in
official/ has been imported (`carbontrack --db F factors import official/...`), and checks that each
alias names exactly one path per year that has the alias's unit."""
import csv
import sqlite3
import sys

# short name -> (level path prefix, unit)
ALIASES = [
    ("uk_electricity_generated", "UK electricity > Electricity generated > Electricity: UK", "kWh"),
    ("uk_electricity_td_losses", "Transmission and distribution > T&D- UK electricity > Electricity: UK", "kWh"),
    ("natural_gas_gross_cv", "Fuels > Gaseous fuels > Natural gas", "kWh (Gross CV)"),
    ("gas_oil", "Fuels > Liquid fuels > Gas oil", "litres"),
    ("burning_oil_kerosene", "Fuels > Liquid fuels > Burning oil", "litres"),
    ("diesel_average_biofuel_blend", "Fuels > Liquid fuels > Diesel (average biofuel blend)", "litres"),
    ("petrol_average_biofuel_blend", "Fuels > Liquid fuels > Petrol (average biofuel blend)", "litres"),
    ("average_car_unknown_fuel", "Business travel- land > Cars (by size) > Average car > Unknown", "miles"),
    ("average_car_diesel", "Business travel- land > Cars (by size) > Average car > Diesel", "miles"),
    ("average_car_petrol", "Business travel- land > Cars (by size) > Average car > Petrol", "miles"),
    ("water_supply", "Water supply > Water supply", "cubic metres"),
    ("water_treatment", "Water treatment > Water treatment", "cubic metres"),
]

db = sqlite3.connect(sys.argv[1])
out = csv.writer(open(sys.argv[2], "w", newline=""), lineterminator="\n")
out.writerow(["alias", "factor_year", "level_path"])
for year in range(2016, 2026):
    for alias, prefix, unit in ALIASES:
        rows = db.execute(
            "SELECT DISTINCT name FROM factor WHERE factor_year = ? AND unit = ? AND gas = 'CO2e' AND (name = ? OR name LIKE ? || ' > %')",
            (year, unit, prefix, prefix)).fetchall()
        names = sorted(r[0] for r in rows)
        # Where a path has a deeper variant (Natural gas > Energy - Gross CV beside Natural gas), the
        # year publishes only one of them per unit; more than one is a mapping to look at by hand.
        if len(names) != 1:
            sys.exit(f"{year} {alias}: {len(names)} paths per {unit}: {names}")
        out.writerow([alias, year, names[0]])

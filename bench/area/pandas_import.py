#!/usr/bin/env python3
"""The pandas baseline: read_csv + to_sql of each file into one SQLite table, in one process.

usage: pandas_import.py [--table NAME] DB FILE...   (the table is "area" unless named)
"""
import sqlite3
import sys

import pandas as pd


def main(args):
    table = "area"
    if args[:1] == ["--table"]:
        table, args = args[1], args[2:]
    db, files = args[0], args[1:]
    with sqlite3.connect(db) as con:
        for path in files:
            pd.read_csv(path).to_sql(table, con, if_exists="append", index=False)


if __name__ == "__main__":
    main(sys.argv[1:])

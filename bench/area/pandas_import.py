#!/usr/bin/env python3
"""The pandas baseline: read_csv + to_sql of each file into one SQLite table, in one process.

usage: pandas_import.py DB FILE...
"""
import sqlite3
import sys

import pandas as pd


def main(db, files):
    with sqlite3.connect(db) as con:
        for path in files:
            pd.read_csv(path).to_sql("area", con, if_exists="append", index=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])

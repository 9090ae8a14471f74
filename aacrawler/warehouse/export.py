"""Records as files for other tools: Parquet with the table's column
types (columns.ARROW_SCHEMA: DATE, TIMESTAMP UTC, lists of strings,
INT32), and CSV for spreadsheets.

CSV: one header line of column names, RFC 4180 quoting; a null is an
empty field; `published` as YYYY-MM-DD, `fetched_at` as ISO 8601 UTC;
a list (captions, categories, tags) as its items joined by a line feed.
Record text never holds a line feed inside an item (RECORD.md collapses
every run of whitespace to one space), so splitting on it gives the list
back exactly; `body` keeps its own blank lines between paragraphs."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pyarrow.parquet as pq

from ..output.atomic import replaced_on_success

from .columns import NAMES, arrow_table

FORMATS = ("parquet", "csv")
LIST_SEPARATOR = "\n"


def csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_csv(rows: list[tuple], target: Path) -> None:
    with replaced_on_success(target) as temp, temp.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(NAMES)
        for row in rows:
            writer.writerow([csv_value(value) for value in row])


def write_parquet(rows: list[tuple], target: Path) -> None:
    with replaced_on_success(target) as temp:
        pq.write_table(arrow_table(rows), temp, compression="zstd")


def export(rows: list[tuple], target: Path, file_format: str) -> None:
    (write_parquet if file_format == "parquet" else write_csv)(rows, target)

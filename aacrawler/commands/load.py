"""`aacrawler load OUT.jsonl... [--db URL]`: records into the `articles`
table (a DuckDB file by default, or PostgreSQL), upserted by article key
in one transaction. Each bad line is named on standard error and left
out; exit status 1 when there was one, the others loaded all the same."""

from __future__ import annotations

import sys
from pathlib import Path

from . import UserError, require_data_extra


def add_arguments(parser) -> None:
    from ..warehouse.stores import DEFAULT_DB

    parser.add_argument("files", nargs="+", metavar="OUT.jsonl")
    parser.add_argument("--db", metavar="URL",
                        help=f"a DuckDB file (default: {DEFAULT_DB}) or postgresql://USER@HOST:PORT/DB")


def run(args) -> int:
    require_data_extra(f"aacrawler {args.command}")
    from ..warehouse.load import load_files
    from ..warehouse.source import SourceError
    from ..warehouse.stores import StoreError, describe

    try:
        loaded = load_files([Path(name) for name in args.files], args.db, announce=lambda count: print(
            f"aacrawler: loading {count} articles into {describe(args.db)} (one transaction)", file=sys.stderr, flush=True))
    except (SourceError, StoreError) as error:
        raise UserError(str(error)) from None
    for problem in loaded.problems:
        print(problem, file=sys.stderr)
    counts = loaded.upserted
    bad = f"; {len(loaded.problems)} bad line(s) left out" if loaded.problems else ""
    articles = counts.new + counts.replaced + counts.unchanged
    print(f"{describe(args.db)}: {loaded.records} records read, {articles} articles: {counts.new} new, {counts.replaced} replaced by a later fetch,"
          f" {counts.unchanged} unchanged{bad}; the table articles holds {loaded.rows_after} rows")
    return 1 if loaded.problems else 0

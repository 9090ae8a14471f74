"""`aacrawler export OUT.jsonl --format parquet|csv -o FILE`: one row
per article (the record fetched last), the columns of the `articles`
table. Bad lines are named on standard error and left out (exit 1)."""

from __future__ import annotations

import sys
from pathlib import Path

from . import UserError, require_data_extra


def add_arguments(parser) -> None:
    parser.add_argument("files", nargs="+", metavar="OUT.jsonl")
    parser.add_argument("--format", required=True, choices=("parquet", "csv"), dest="file_format",
                        help="parquet (typed columns) or csv (lists joined by a line feed; see README)")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="written whole or not at all")


def run(args) -> int:
    require_data_extra(f"aacrawler {args.command}")
    from ..warehouse.columns import latest_per_article
    from ..warehouse.export import export
    from ..warehouse.source import SourceError, read_rows

    target = Path(args.output)
    if target.is_dir():
        raise UserError(f"-o {target}: is a folder")
    rows: list[tuple] = []
    problems: list[str] = []
    try:
        for name in args.files:
            read = read_rows(Path(name))
            rows.extend(read.rows)
            problems.extend(read.problems)
    except SourceError as error:
        raise UserError(str(error)) from None
    for problem in problems:
        print(problem, file=sys.stderr)
    articles = latest_per_article(rows)
    try:
        export(articles, target, args.file_format)
    except OSError as error:
        raise UserError(f"-o {target}: cannot be written ({error.strerror or error})") from None
    bad = f"; {len(problems)} bad line(s) left out" if problems else ""
    print(f"{target}: {len(articles)} articles as {args.file_format}{bad}")
    return 1 if problems else 0

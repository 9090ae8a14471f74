"""`aacrawler report OUT.jsonl -o report.html`: charts of what the records
hold, one self-contained HTML file (aacrawler.warehouse.report); the run
history comes from OUT.runs.jsonl when it is beside OUT."""

from __future__ import annotations

import sys
from pathlib import Path

from . import UserError, require_data_extra


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="OUT.jsonl")
    parser.add_argument("-o", "--output", default="report.html", metavar="report.html",
                        help="the HTML file to write (default: report.html)")


def run(args) -> int:
    require_data_extra(f"aacrawler {args.command}")
    from ..warehouse.columns import NAMES, latest_per_article
    from ..warehouse.export import replaced_on_success
    from ..warehouse.report import read_runs, render
    from ..warehouse.source import SourceError, read_rows

    source, target = Path(args.file), Path(args.output)
    if target.is_dir():
        raise UserError(f"-o {target}: is a folder")
    try:
        read = read_rows(source)
    except SourceError as error:
        raise UserError(str(error)) from None
    for problem in read.problems:
        print(problem, file=sys.stderr)
    records = [dict(zip(NAMES, row)) for row in latest_per_article(read.rows)]
    page = render(records, read_runs(source), source.name)
    try:
        with replaced_on_success(target) as temp:
            temp.write_text(page, "utf-8")
    except OSError as error:
        raise UserError(f"-o {target}: cannot be written ({error.strerror or error})") from None
    bad = f"; {len(read.problems)} bad line(s) left out" if read.problems else ""
    print(f"{target}: report on {len(records)} articles{bad}")
    return 1 if read.problems else 0

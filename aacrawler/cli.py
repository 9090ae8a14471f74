"""`aacrawler`: a thin layer over the Scrapy project. Each subcommand
lives in aacrawler/commands/; this module only declares and dispatches.
`main(argv)` returns the exit status, so tests call it in-process."""

from __future__ import annotations

import argparse
import logging
import sys

from . import __version__
from .commands import UserError, crawl, export, extract, load, merge, redis_clear, report, validate

COMMANDS = {
    "extract": (extract, "extract records from saved pages"),
    "crawl": (crawl, "crawl the archive (live, or replayed from a mirror)"),
    "validate": (validate, "check JSONL records against the record schema"),
    "merge": (merge, "join record files (a distributed crawl's shards), one record per article"),
    "redis-clear": (redis_clear, "delete a distributed crawl's keys in Redis"),
    "load": (load, "load records into a database (DuckDB file or PostgreSQL), upserted by article"),
    "export": (export, "write records as Parquet or CSV, with the database's column types"),
    "report": (report, "one self-contained HTML report with charts of what the records hold"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aacrawler", description="Archival crawler for the Asharq Al-Awsat English archive.")
    parser.add_argument("--version", action="version", version=f"aacrawler {__version__}")
    subcommands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        sub = subcommands.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command != "crawl":  # a crawl logs the Scrapy way
        logging.basicConfig(level=logging.WARNING, format="aacrawler: %(message)s")
    try:
        return args.run(args)
    except UserError as error:
        print(f"aacrawler: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("aacrawler: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

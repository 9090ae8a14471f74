"""`aacrawler merge SHARD.jsonl... -o ALL.jsonl`: join the shards of a
distributed crawl (or any record files) into one, one record per article
(keys.py); of two versions, the one fetched last wins, in the place of
the first. Only valid records are merged (record_checks.py): a bad line
is named and skipped, and the exit status is 1."""

from __future__ import annotations

import sys
from pathlib import Path

from ..keys import article_key
from ..record_checks import NotARecord, parse_record_line, problems
from . import UserError, open_records_output


def add_arguments(parser) -> None:
    parser.add_argument("shards", nargs="+", metavar="SHARD.jsonl")
    parser.add_argument("-o", "--output", metavar="ALL.jsonl", help="the merged file (default: standard output)")


def run(args) -> int:
    records: dict[str, dict] = {}
    read = bad = 0
    for name in args.shards:
        try:
            file = Path(name).open("rb")
        except OSError as error:
            raise UserError(f"{name}: cannot be read ({error.strerror or error})") from None
        with file:
            for number, line in enumerate(file, start=1):
                try:
                    record = parse_record_line(line.rstrip(b"\r\n"))
                    wrong = problems(record)
                    if wrong:
                        raise NotARecord(wrong[0])
                    key = article_key(record)
                except NotARecord as error:
                    bad += 1
                    print(f"aacrawler: {name}:{number}: {error}; skipped", file=sys.stderr)
                    continue
                read += 1
                known = records.get(key)
                if known is None or record.get("fetched_at", "") > known.get("fetched_at", ""):
                    records[key] = record
    output = open_records_output(args.output, "merge")
    with output as out:
        for record in records.values():
            out.write(record)
    print(f"aacrawler: merged {read} records from {len(args.shards)} files into {len(records)} articles", file=sys.stderr)
    return 1 if bad else 0

"""`aacrawler validate FILE.jsonl...`: check records against the shipped
JSON Schema, what the schema cannot check (record_checks.py: caption,
word count, cleaned strings, one JSON object per line with unique keys),
and that no article appears twice. Each bad line is named with its
reason; exit status 1 when any line is bad. A line that is not a JSON
object is not counted as a record."""

from __future__ import annotations

import sys
from pathlib import Path

from ..keys import article_key
from ..record_checks import NotARecord, parse_record_line, problems as record_problems
from . import UserError


def add_arguments(parser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE.jsonl")


def validate_file(path: Path) -> tuple[int, list[str]]:
    """(records read, problems as 'FILE:LINE: reason')."""
    problems: list[str] = []
    seen: dict[str, int] = {}
    count = 0
    try:
        file = path.open("rb")
    except OSError as error:
        raise UserError(f"{path}: cannot be read ({error.strerror or error})") from None
    with file:
        for number, raw in enumerate(file, start=1):
            if not raw.strip():
                problems.append(f"{path}:{number}: empty line")
                continue
            if not raw.endswith(b"\n"):
                problems.append(f"{path}:{number}: last line is cut short (no newline)")
            try:
                record = parse_record_line(raw.rstrip(b"\r\n"))
            except NotARecord as error:
                problems.append(f"{path}:{number}: {error}")
                continue
            count += 1
            for problem in record_problems(record):
                problems.append(f"{path}:{number}: {problem}")
            if isinstance(record.get("url"), str):
                key = article_key(record)
                if key in seen:
                    problems.append(f"{path}:{number}: same article as line {seen[key]} ({key})")
                seen.setdefault(key, number)
    return count, problems


def run(args) -> int:
    bad = False
    for name in args.files:
        count, problems = validate_file(Path(name))
        for problem in problems:
            print(problem, file=sys.stderr)
        bad = bad or bool(problems)
        verdict = "valid" if not problems else f"{len(problems)} problem(s)"
        print(f"{name}: {count} records, {verdict}")
    return 1 if bad else 0

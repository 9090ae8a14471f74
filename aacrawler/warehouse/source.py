"""Reading a JSON Lines file of records into typed rows. A bad line
(not JSON, not a record the schema accepts, a date that does not parse)
is named with its line number and left out whole; the others are kept."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..validation import record_problems
from .columns import record_row


class SourceError(Exception):
    """The file itself cannot be read: one line for the user."""


@dataclass
class Rows:
    path: Path
    rows: list[tuple] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "FILE:LINE: reason"
    lines: int = 0


def line_problem(raw: bytes) -> tuple[tuple | None, str | None]:
    """(row, None) for a good line, (None, reason) for a bad one."""
    if not raw.strip():
        return None, "empty line"
    if not raw.endswith(b"\n"):
        return None, "last line is cut short (no newline)"
    try:
        record = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, f"not a JSON record ({error})"
    if not isinstance(record, dict):
        return None, "not a JSON object"
    problems = record_problems(record)
    if problems:
        return None, problems[0]
    try:
        return record_row(record), None
    except ValueError as error:
        return None, str(error)


def read_rows(path: Path, skip_torn_last_line: bool = False) -> Rows:
    """Every line of `path`; `skip_torn_last_line` for a crawl's OUT, whose
    last line a killed run may have left cut (the next run repairs it)."""
    result = Rows(Path(path))
    try:
        file = result.path.open("rb")
    except OSError as error:
        raise SourceError(f"{path}: cannot be read ({error.strerror or error})") from None
    with file:
        for number, raw in enumerate(file, start=1):
            result.lines = number
            if skip_torn_last_line and not raw.endswith(b"\n"):
                continue
            row, problem = line_problem(raw)
            if problem:
                result.problems.append(f"{path}:{number}: {problem}")
            else:
                result.rows.append(row)
    return result



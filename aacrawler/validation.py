"""The record's JSON Schema (shipped in aacrawler/schema/) and checks
against it, for the validate pipeline and `aacrawler validate`.

The schema's `format`s are checked for real: `date` is a day of the
calendar (no 2015-13-45), `date-time` an RFC 3339 time that exists (no
99:99:99). jsonschema only asserts formats it is given a checker for,
and its own date-time checker needs a package we do not depend on.

A valid record (nearly every one) is checked by the same schema compiled
to Python code by fastjsonschema, with the same format checks: ten times
faster. Only a record it rejects goes through jsonschema, whose messages
name every problem."""

from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker

FORMATS = FormatChecker(formats=())
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DATE_TIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?([Zz]|[+-]([0-9]{2}):([0-9]{2}))")


@FORMATS.checks("date", raises=ValueError)
def is_date(value) -> bool:
    if not isinstance(value, str):
        return True  # the type keyword's business
    if not _DATE.fullmatch(value):
        return False
    date.fromisoformat(value)  # ValueError for a day the calendar lacks
    return True


@FORMATS.checks("date-time", raises=ValueError)
def is_date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    match = _DATE_TIME.fullmatch(value)
    if not match or not is_date(match.group(1)):
        return False
    hour, minute, second = int(match.group(2)), int(match.group(3)), int(match.group(4))
    offset_ok = match.group(7) is None or (int(match.group(7)) < 24 and int(match.group(8)) < 60)
    return hour < 24 and minute < 60 and second <= 60 and offset_ok  # 60: a leap second


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    text = resources.files("aacrawler").joinpath("schema/record.schema.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(record_schema(), format_checker=FORMATS)


def _no_value_error(check):
    def checked(value) -> bool:
        try:
            return check(value)
        except ValueError:
            return False
    return checked


@lru_cache(maxsize=1)
def _fast_validator():
    return fastjsonschema.compile(
        record_schema(), formats={"date": _no_value_error(is_date), "date-time": _no_value_error(is_date_time)}
    )


def record_problems(record: dict[str, Any]) -> list[str]:
    """Why a record breaks the schema: one short reason per problem."""
    try:
        _fast_validator()(record)
        return []
    except fastjsonschema.JsonSchemaException as rejected:
        fast_reason = f"record: {rejected.message}"
    problems = []
    for error in sorted(_validator().iter_errors(record), key=lambda e: list(e.path)):
        where = ".".join(str(p) for p in error.path) or "record"
        problems.append(f"{where}: {error.message}")
    # Never laxer than either validator.
    return problems or [fast_reason]

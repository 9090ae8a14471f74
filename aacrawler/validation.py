"""The record's JSON Schema (shipped in aacrawler/schema/) and checks
against it, for the validate pipeline and `aacrawler validate`."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    text = resources.files("aacrawler").joinpath("schema/record.schema.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(record_schema())


def record_problems(record: dict[str, Any]) -> list[str]:
    """Why a record breaks the schema: one short reason per problem."""
    problems = []
    for error in sorted(_validator().iter_errors(record), key=lambda e: list(e.path)):
        where = ".".join(str(p) for p in error.path) or "record"
        problems.append(f"{where}: {error.message}")
    return problems

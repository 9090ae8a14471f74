"""What a JSON Schema cannot say about a record (RECORD.md), and how a
line of JSON Lines becomes a record: the checks `aacrawler validate`,
`aacrawler merge` and the crawl's validate pipeline share.

    caption      the first of captions (null when there are none)
    word_count   the number of whitespace-separated words of body
    strings      cleaned: no space at either end, no run of spaces, no
                 Unicode space left; body: paragraphs joined by one
                 blank line, each cleaned
    a line       one JSON object, no byte-order mark, no key twice, no
                 NaN or Infinity (not JSON)
"""

from __future__ import annotations

import json
import re
from typing import Any

from .validation import record_problems

# What cleaning (extract/text.py) never leaves: a Unicode space other than
# " ", two spaces in a row, a space at either end, and the invisible
# characters it drops or turns into a space. Searched for, rather than
# cleaning the string again and comparing: str.translate copies a string
# character by character, which a long body pays for.
_NOT_CLEANED = re.compile(r"[^\S ]|  |\A | \Z|[\u200b\ufeff\u00ad]")
_SINGLE_STRINGS = ("media_id", "title", "dateline", "caption", "author", "published", "image_url", "url", "fetched_at")
_LIST_STRINGS = ("captions", "categories", "tags")


class NotARecord(ValueError):
    """A line that is not one JSON object; the message says why."""


def _cleaned(text: str) -> bool:
    if text.isprintable():
        # No Unicode space but " " and no invisible character (both are
        # unprintable): the common case, answered without the regex.
        return "  " not in text and not text.startswith(" ") and not text.endswith(" ")
    return _NOT_CLEANED.search(text) is None


def consistency_problems(record: dict[str, Any]) -> list[str]:
    problems = []
    captions = record.get("captions")
    if isinstance(captions, list) and "caption" in record:
        first = captions[0] if captions else None
        if record["caption"] != first:
            problems.append("caption: caption is not the first of captions")
    body = record.get("body")
    if isinstance(body, str):
        paragraphs = body.split("\n\n")
        cleaned = all(paragraph and _cleaned(paragraph) for paragraph in paragraphs)
        count = record.get("word_count")
        if isinstance(count, int) and not isinstance(count, bool):
            # In a cleaned body one space or one blank line parts two words:
            # counted without splitting the body again.
            words = body.count(" ") + len(paragraphs) if cleaned else len(body.split())
            if count != words:
                problems.append(f"word_count: {count}, but body has {words} words")
        if not cleaned:
            problems.append("body: not cleaned (paragraphs are cleaned text joined by one blank line)")
    for key in _SINGLE_STRINGS:
        if isinstance(record.get(key), str) and not _cleaned(record[key]):
            problems.append(f"{key}: not cleaned (spaces at an end, a run of spaces, or a Unicode space)")
    for key in _LIST_STRINGS:
        values = record.get(key)
        if isinstance(values, list) and any(isinstance(v, str) and not _cleaned(v) for v in values):
            problems.append(f"{key}: not cleaned (spaces at an end, a run of spaces, or a Unicode space)")
    return problems


def problems(record: dict[str, Any]) -> list[str]:
    """The schema's problems, then what the schema cannot check."""
    return record_problems(record) + consistency_problems(record)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise NotARecord(f"duplicate key {key!r}")
        seen[key] = value
    return seen


def _no_constant(name: str):
    raise NotARecord(f"{name} is not JSON")


def parse_record_line(raw: bytes) -> dict[str, Any]:
    """One line of JSON Lines as a record object, or NotARecord."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raise NotARecord("starts with a byte-order mark (JSON Lines has none)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotARecord(f"not UTF-8 ({error.reason} at byte {error.start})") from None
    try:
        value = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise NotARecord(f"not a JSON record ({error})") from None
    if not isinstance(value, dict):
        raise NotARecord("not a JSON object")
    return value

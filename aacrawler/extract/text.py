"""Text cleaning shared by every field (RECORD.md, "Text cleaning").

Entities decoded, tags flattened, Unicode spaces made plain, whitespace
collapsed, ends stripped. Typographic quotes and dashes are left alone.
"""

from __future__ import annotations

import re

from w3lib.html import remove_tags, replace_entities

# Zero-width space counts as a space; a BOM in the middle of text is noise.
_SPACE_LIKE = str.maketrans({"\u200b": " ", "\ufeff": None, "\u00ad": None})
# Only strings that still hold markup (e.g. an og:title with escaped
# <em>) need the tag stripper; body text from the tree never does.
_HAS_SPACE_LIKE = re.compile("[\u200b\ufeff\u00ad]")
_LOOKS_LIKE_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>")


def clean_text(value: str | None) -> str:
    """Return `value` cleaned by RECORD.md's rules ('' for None)."""
    if not value:
        return ""
    if "&" in value:
        # lxml already decoded one level; WordPress often double-encodes
        # titles in attributes (`&amp;#8217;`), so decode what is left.
        value = replace_entities(value)
    if "<" in value and _LOOKS_LIKE_TAG.search(value):
        value = remove_tags(value)
    # str.split() with no argument splits on every Unicode space
    # (no-break, thin, em space, ideographic ...), which is the rule.
    # translate() copies the string char by char: only when needed.
    if not value.isascii() and _HAS_SPACE_LIKE.search(value):
        value = value.translate(_SPACE_LIKE)
    return " ".join(value.split())


def clean_optional(value: str | None) -> str | None:
    """clean_text, but None for a value that cleans to nothing."""
    cleaned = clean_text(value)
    return cleaned or None


def clean_list(values: list[str]) -> list[str]:
    """Clean each value, drop empties and repeats, keep first-seen order."""
    seen: dict[str, None] = {}
    for value in values:
        cleaned = clean_text(value)
        if cleaned:
            seen.setdefault(cleaned, None)
    return list(seen)


def count_words(text: str) -> int:
    """RECORD.md's word_count: whitespace-separated tokens."""
    return len(text.split())

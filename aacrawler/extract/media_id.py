"""Media ID (RECORD.md "media_id").

`Media ID: 55334015` in a p, div, span, li or table cell; label bold or
not; any spacing around the colon, a line break included; before or
after the body. Only the digits right after the label are taken, never
another number of the page.
"""

from __future__ import annotations

import re

from .furniture import is_furniture
from .labels import value_after_label
from .page import Page
from .paragraphs import Paragraph, paragraphs_of, walk

MEDIA_ID_LABEL = re.compile(r"\bmedia\s*id\s*:", re.IGNORECASE)
_LEADING_DIGITS = re.compile(r"\s*(\d+)(?!\d)")
_ONLY_DIGITS = re.compile(r"\s*(\d+)\s*$")
# In the source, the label may be split by tags: "Media <b>ID</b>" is rare,
# "Media ID" is the rule; a page without the words has no Media ID.
_LABEL_AFTER_MEDIA = re.compile(r"(?:\s|&nbsp;|<[^>]*>)*id", re.IGNORECASE)
# The same over bytes: a no-break space as one byte (windows-1252) or two
# (UTF-8) counts as a space, as it does in text.
_LABEL_AFTER_MEDIA_BYTES = re.compile(rb"(?:\s|\xa0|\xc2\xa0|\x85|&nbsp;|<[^>]*>)*id", re.IGNORECASE)


def _label_in_source(source: str | bytes) -> bool:
    # find() is C-fast; a case-insensitive regex over 60 KB is not. The
    # label is ASCII, so the page's bytes serve as well as its text, and
    # lowering bytes (ASCII only) costs a fifth of lowering text.
    if isinstance(source, bytes):
        lower, needle, after = source.lower(), b"media", _LABEL_AFTER_MEDIA_BYTES
    else:
        lower, needle, after = source.lower(), "media", _LABEL_AFTER_MEDIA
    start = lower.find(needle)
    while start >= 0:
        if after.match(lower, start + 5):
            return True
        start = lower.find(needle, start + 5)
    return False


def find_media_id(paragraphs: list[Paragraph]) -> str | None:
    """The first Media ID among these paragraphs."""
    for index, paragraph in enumerate(paragraphs):
        if not MEDIA_ID_LABEL.search(paragraph.text):
            continue
        value = value_after_label(paragraphs, index, MEDIA_ID_LABEL)
        if value is None:
            continue
        # On the label's own line the number leads; on the next line it
        # must stand alone, so a label with no number never takes the
        # first number of the next paragraph.
        pattern = _LEADING_DIGITS if value.same_element else _ONLY_DIGITS
        match = pattern.match(value.text)
        if match:
            return match.group(1)
    return None


def extract_media_id(page: Page, article_paragraphs: list[Paragraph]) -> str | None:
    """Media ID from the article's paragraphs, else from anywhere on the
    page outside furniture (it may stand outside the article block)."""
    found = find_media_id(article_paragraphs)
    if found or (page.html is not None and not _label_in_source(page.html)):
        return found
    hits = page.root.xpath(
        "//text()[contains(translate(., 'MEDIAI', 'mediai'), 'media')]"
    )
    for hit in hits:
        holder = hit.getparent()
        if holder is None or page.in_furniture(holder) or page.in_other_entry(holder):
            continue
        region = holder.getparent() if holder.getparent() is not None else holder
        found = find_media_id(paragraphs_of(walk(region, skip=is_furniture)))
        if found:
            return found
    return None

"""What flows through the pipelines: a fetched page, a draft, a record.

Plain dataclasses (itemadapter handles them); no Scrapy import, so the
extract command and tests use them without a crawler.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any


@dataclass
class ListingHints:
    """What the listing entry that linked an article said of it (SITE.md:
    "by Amir Taheri | Jun 27, 2014 | Opinion"), as written."""

    author: str | None = None
    published: str | None = None
    categories: list[str] = field(default_factory=list)


@dataclass
class PageItem:
    """A fetched page, before extraction."""

    url: str
    body: bytes
    # The charset the transport declared (HTTP Content-Type), if any.
    encoding: str | None = None
    # ISO 8601 UTC, e.g. 2026-11-25T10:00:00Z.
    fetched_at: str | None = None
    # Fetched from a copy of the archive (`--site`): that copy's base URL.
    site: str | None = None
    listing: ListingHints | None = None
    # The parsed page, when whoever made the item has parsed it already
    # (the spider does, to know an article): parsed once, not twice.
    page: Any = field(default=None, repr=False, compare=False)


@dataclass
class ArticleDraft:
    """Fields as found on the page, before cleaning and caption dedup."""

    url: str
    fetched_at: str
    title: str | None
    media_id: str | None
    caption_copies: list[str]
    paragraphs: list[str]
    author: str | None
    published: str | None
    categories: list[str]
    tags: list[str]
    image_url: str | None
    listing: ListingHints = field(default_factory=ListingHints)
    # Set by the caption stage: distinct captions, best form of each.
    captions: list[str] = field(default_factory=list)
    # How the body was found: "rules" (the site's content block) or
    # "fallback" (the generic extractor, extract/fallback.py).
    body_source: str = "rules"


@dataclass
class ArticleRecord:
    """The exported record: RECORD.md's keys, in RECORD.md's order."""

    url: str
    media_id: str | None
    title: str
    dateline: str | None
    caption: str | None
    captions: list[str]
    body: str
    author: str | None
    published: str | None
    categories: list[str]
    tags: list[str]
    image_url: str | None
    word_count: int
    fetched_at: str

    # Not a record field (no annotation: neither exported nor validated):
    # "rules" or "fallback", kept in OUT.pages.jsonl and the run summary.
    body_source = "rules"

    def as_dict(self) -> dict[str, Any]:
        """The record's fields as a dict, its lists copied: what
        dataclasses.asdict gives, without asdict's walk of every value
        (a record holds only strings, ints and lists of strings)."""
        return {name: (list(value) if value.__class__ is list else value)
                for name, value in zip(RECORD_FIELDS, attrgetter(*RECORD_FIELDS)(self))}


RECORD_FIELDS = tuple(ArticleRecord.__dataclass_fields__)

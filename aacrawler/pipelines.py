"""Item pipelines: a fetched page becomes one clean, valid, unique record.

ExtractPipeline → CleanPipeline → CaptionPipeline → RecordPipeline →
ValidatePipeline → DuplicateArticlePipeline (order in settings.py). Each
stage is one function of aacrawler.extract; these classes only adapt
them to Scrapy: drop with a reason, count in stats.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem

from .clock import utc_now
from .extract.record import (
    NotAnArticle, build_record, clean_draft, extract_draft, page_from_item,
    settle_captions,
)
from .items import ArticleDraft, ArticleRecord, PageItem
from .keys import article_key
from .runs.store import NoStateStore, state_store
from .runs.window import DateWindow
from .record_checks import problems as record_problems


class NotAnArticleDrop(DropItem):
    """A page without an article: expected on listings, logged quietly."""


class DuplicateArticleDrop(DropItem):
    """An article already exported under another URL: expected, quiet."""


class _StatsPipeline:
    """Holds the crawler's stats; usable without a crawler (extract)."""

    def __init__(self, stats=None):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def count(self, key: str, by: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"aacrawler/{key}", by)

    def drop(self, reason: str, url: str) -> DropItem:
        self.count(f"dropped/{reason}")
        return DropItem(f"{reason}: {url}")


class ExtractPipeline(_StatsPipeline):
    """PageItem → ArticleDraft; pages without an article go no further."""

    def process_item(self, item):
        if not isinstance(item, PageItem):
            return item
        page = page_from_item(item)
        try:
            draft = extract_draft(page, item.fetched_at or utc_now(), item.listing)
        except NotAnArticle as error:
            self.count(f"not_article/{error.kind}")
            raise NotAnArticleDrop(f"{error}: {item.url}") from None
        finally:
            item.page = None  # the tree is big; the draft holds what is needed
        self.count("article_pages")
        # Where the body came from (extract/fallback.py): the run summary
        # counts both, and warns when most pages needed the fallback.
        self.count(f"body_source/{draft.body_source}")
        return draft


class CleanPipeline(_StatsPipeline):
    def process_item(self, item):
        return clean_draft(item) if isinstance(item, ArticleDraft) else item


class CaptionPipeline(_StatsPipeline):
    def process_item(self, item):
        if not isinstance(item, ArticleDraft):
            return item
        settled = settle_captions(item)
        # Copies merged into captions: the report shows them (run summary).
        self.count("captions/copies_found", len(item.caption_copies))
        self.count("captions/kept", len(settled.captions))
        return settled


class RecordPipeline(_StatsPipeline):
    def process_item(self, item):
        return build_record(item) if isinstance(item, ArticleDraft) else item


class ValidatePipeline(_StatsPipeline):
    """Drops a record with no title or no body, or one `aacrawler validate` would refuse."""

    def process_item(self, item):
        if not isinstance(item, ArticleRecord):
            return item
        if not item.title:
            raise self.drop("no title", item.url)
        if not item.body:
            raise self.drop("no body", item.url)
        problems = record_problems(item.as_dict())
        if problems:
            raise self.drop("invalid record", f"{item.url} ({problems[0]})")
        return item


class DateWindowPipeline(_StatsPipeline):
    """--since/--until (AACRAWLER_SINCE/UNTIL): only articles published in
    the window; one with no date cannot be shown to be in it."""

    def __init__(self, stats=None, window: DateWindow = DateWindow()):
        super().__init__(stats)
        self.window = window

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, DateWindow.from_settings(crawler.settings))

    def process_item(self, item):
        if not isinstance(item, ArticleRecord) or not self.window:
            return item
        if item.published is None:
            raise self.drop("no date, outside --since/--until", item.url)
        if not self.window.holds(item.published):
            raise self.drop("outside --since/--until", item.url)
        return item


class DuplicateArticlePipeline(_StatsPipeline):
    """One record per article, keyed as RECORD.md says (keys.py), across
    runs too: an article exported by an earlier run is not written again,
    unless --refresh finds its content changed."""

    def __init__(self, stats=None, state=None):
        super().__init__(stats)
        self.seen: set[str] = set()
        self.state = state or NoStateStore()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, state_store(crawler))

    def process_item(self, item):
        if not isinstance(item, ArticleRecord):
            return item
        record = item.as_dict()
        key = article_key(record)
        if key in self.seen:
            self.count("duplicates_skipped")
            raise DuplicateArticleDrop(f"duplicate article {key}: {item.url}")
        self.seen.add(key)
        verdict = self.state.admit(key, record)
        if verdict == "changed":
            self.count("refresh/changed")
        elif verdict == "unchanged":
            self.count("refresh/unchanged")
            raise DuplicateArticleDrop(f"unchanged {key}: {item.url}")
        elif verdict != "new":
            self.count("duplicates_skipped")
            raise DuplicateArticleDrop(f"{verdict} {key}: {item.url}")
        return item

"""The crawl's item pipelines, run without a crawl.

`aacrawler extract` (and re-extraction from archives) push PageItems
through the very pipelines ITEM_PIPELINES lists, in the same order, so a
saved page gives the record a crawl of it would give.
"""

from __future__ import annotations

from collections import Counter

from scrapy.exceptions import DropItem
from scrapy.settings import Settings
from scrapy.utils.conf import build_component_list
from scrapy.utils.misc import load_object

from .items import ArticleDraft, ArticleRecord, PageItem


def project_settings() -> Settings:
    settings = Settings()
    settings.setmodule("aacrawler.settings", priority="project")
    return settings


class CountingStats:
    """The part of Scrapy's stats collector the pipelines use."""

    def __init__(self):
        self.values: Counter[str] = Counter()

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self.values[key] += count

    def get_value(self, key: str, default=None):
        return self.values.get(key, default)

    def get_stats(self) -> dict:
        return dict(self.values)


class OfflinePipelines:
    """ITEM_PIPELINES as a function: PageItem → ArticleRecord or None."""

    def __init__(self, settings: Settings | None = None):
        settings = settings or project_settings()
        self.stats = CountingStats()
        paths = build_component_list(settings.getwithbase("ITEM_PIPELINES"))
        self.stages = [load_object(path)(self.stats) for path in paths]
        self.last_drop: DropItem | None = None

    def process(self, item: PageItem | ArticleDraft) -> ArticleRecord | None:
        """The record of a page, or of a draft made by `draft` (each stage
        passes on what is not its input), or None (`last_drop` says why)."""
        return self._run(item)

    def draft(self, item: PageItem) -> ArticleDraft | None:
        """The stages that read the page, up to its draft, or None."""
        return self._run(item, stop_at=ArticleDraft)

    def _run(self, item, stop_at: type | None = None):
        self.last_drop = None
        for stage in self.stages:
            try:
                item = stage.process_item(item)
            except DropItem as drop:
                self.last_drop = drop
                return None
            if stop_at is not None and isinstance(item, stop_at):
                return item
        return item

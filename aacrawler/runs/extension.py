"""Runs the crawl-state store's life (runs/store.py) on the crawl's
signals: open when the spider opens, mark each exported page once its
record is written, close with the run's reason, and once the feed is
closed let it finish (a --refresh run compacts OUT)."""

from __future__ import annotations

from scrapy import signals

from ..keys import article_key
from .store import state_store


class CrawlStateExtension:
    def __init__(self, crawler):
        self.crawler = crawler
        self.store = state_store(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def spider_opened(self, spider):
        self.store.open()

    def item_scraped(self, item, response, spider):
        # FeedExporter's handler runs first: the record is on disk now.
        fetched = spider.site.to_archive(response.url) if hasattr(spider, "site") else response.url
        key = article_key({"media_id": item.media_id, "url": item.url})
        # "rules" or "fallback": how the record's body was found.
        self.store.mark_exported(key, fetched, item.url, details={"body_source": item.body_source})

    def spider_closed(self, spider, reason):
        self.store.close(reason)

    def engine_stopped(self):
        replaced = self.store.finish()
        if replaced:
            self.crawler.stats.set_value("aacrawler/refresh/replaced", replaced)

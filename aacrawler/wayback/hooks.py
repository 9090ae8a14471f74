"""Where the Wayback source meets the crawl without changing the spider:

- WaybackSpiderMiddleware: the capture map is built (or read back)
  before the spider's start requests go out; a page read from a capture
  is dated by the capture (RECORD.md: `fetched_at` is when an archived
  page was recorded).
- WaybackExtension: once the walk of home → categories → listings →
  articles is done, every article-looking URL of the map that the walk
  did not reach is crawled too (not with --start: then only those pages) (the map is a sitemap of what the archive
  holds); each record's provenance goes to OUT.captures.jsonl; coverage
  against the map is counted.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.http import Request
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from ..items import PageItem
from ..keys import article_key
from ..output.lines import append_line
from ..output.sidecars import Sidecars
from ..runs.store import state_store
from .captures import fold
from .source import is_wayback, wayback_source

logger = logging.getLogger(__name__)

# As the spider's own article requests (spiders/archive.py).
ARTICLE_PRIORITY = 10


class WaybackSpiderMiddleware(BaseSpiderMiddleware):
    def __init__(self, crawler):
        super().__init__(crawler)
        self.source = wayback_source(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        if not is_wayback(crawler.settings):
            raise NotConfigured
        return cls(crawler)

    async def process_start(self, start):
        if not await self.source.build_map():
            return  # the crawl is stopping; one line said why
        async for request in start:
            yield request

    def get_processed_item(self, item, response):
        capture = response.meta.get("wayback") if response is not None else None
        if isinstance(item, PageItem) and capture:
            item.fetched_at = capture["captured_at"]
        return item


class WaybackExtension:
    def __init__(self, crawler):
        self.crawler = crawler
        self.source = wayback_source(crawler)
        self.map_added = False
        out = self.source.out
        self.captures_file = Sidecars(out).captures if out else None

    @classmethod
    def from_crawler(cls, crawler):
        if not is_wayback(crawler.settings):
            raise NotConfigured
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_idle(self, spider):
        if self.map_added or not self.source.ready or self.source.stopped:
            return
        self.map_added = True
        if getattr(spider, "start_pages", None):
            return  # --start, --retry-failed: just those pages, as on the live site
        store = state_store(self.crawler)
        urls = [
            url for url in self.source.map.article_urls(self.source.site)
            if fold(url) not in self.source.requested and not store.is_exported(url)
        ]
        self.crawler.stats.set_value("aacrawler/wayback/map_only_articles", len(urls))
        if not urls:
            return
        logger.info("%d article URLs of the capture map were not linked from the walk: crawling them", len(urls))
        for url in urls:
            self.crawler.engine.crawl(Request(
                url, callback=spider.parse, errback=spider.give_up, priority=ARTICLE_PRIORITY,
                meta={"kind": "article", "wayback_map": True},
            ))
        raise DontCloseSpider

    def item_scraped(self, item, response, spider):
        capture = response.meta.get("wayback")
        if self.captures_file is None or not capture:
            return
        line = {
            "url": item.url,
            "key": article_key({"media_id": item.media_id, "url": item.url}),
            "fetched_from": response.url,
            **capture,
        }
        try:
            append_line(self.captures_file, line)
        except OSError as error:
            logger.error("Cannot write %s: %s", self.captures_file, error)

    def spider_closed(self, spider, reason):
        if not self.source.ready:
            return
        store = state_store(self.crawler)
        articles = self.source.map.article_urls(self.source.site)
        reached = sum(1 for url in articles if fold(url) in self.source.requested or store.is_exported(url))
        stats = self.crawler.stats
        stats.set_value("aacrawler/wayback/map_articles", len(articles))
        stats.set_value("aacrawler/wayback/map_articles_reached", reached)
        logger.info("Capture map coverage: %d of its %d article URLs crawled or already exported", reached, len(articles))

"""Scheduled crawls in Scrapy terms (the design is in aacrawler.state):

- `CrawlStateExtension` loads what earlier runs left (repairing a torn last
  line of OUT), records the run's status, keeps OUT.pages.jsonl, and after
  a --refresh run rewrites OUT with one record per article;
- `KnownArticleMiddleware` (a spider middleware) keeps the crawl from
  fetching articles already exported, stops walking a listing once it only
  shows known articles (incremental runs, plus AACRAWLER_LISTING_MARGIN
  pages) or only articles older than --since, and skips entries outside
  the --since/--until window when the listing dates them;
- `LineSafeFileStorage` writes the feed one whole line per write, appending
  (`-o`) after repairing a torn line, or replacing the file only when the
  run is over (`-O`).
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.extensions.feedexport import FileFeedStorage
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from scrapy.utils.defer import deferred_from_coro

from .clock import utc_now
from .extensions import output_path
from .extract.meta import parse_date
from .keys import article_key
from .state import INCREMENTAL, REFRESH, CrawlState, compact, repair_torn_line, sidecar

logger = logging.getLogger(__name__)


def feed_overwrites(settings) -> bool:
    return any(bool(options.get("overwrite")) for options in (settings.getdict("FEEDS") or {}).values())


class CrawlStateExtension:
    def __init__(self, crawler, out: Path):
        self.crawler = crawler
        settings = crawler.settings
        self.state = CrawlState.load(out, refresh=settings.getbool("AACRAWLER_REFRESH"), overwrite=feed_overwrites(settings))
        crawler.crawl_state = self.state  # for the middleware, pipelines and summary
        self.pages_file = None
        self.started_at = utc_now()

    @classmethod
    def from_crawler(cls, crawler):
        out = output_path(crawler.settings)
        if out is None:
            raise NotConfigured
        extension = cls(crawler, out)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def spider_opened(self, spider):
        state = self.state
        state.out.parent.mkdir(parents=True, exist_ok=True)
        pages = sidecar(state.out, ".pages.jsonl")
        if state.mode == "fresh" and feed_overwrites(self.crawler.settings):
            pages.unlink(missing_ok=True)
        self.pages_file = pages.open("ab", buffering=0)
        state.mark_running(self.started_at)
        if state.duplicate_lines and state.mode != REFRESH:
            # A --refresh run killed before it compacted OUT: do it now.
            logger.warning("%s: %d older versions of refreshed articles removed", state.out, compact(state.out))

    def item_scraped(self, item, response, spider):
        # Written after the record (FeedExporter's handler runs first): a
        # page is known as exported only once its record is on disk.
        url = spider.site.to_archive(response.url) if hasattr(spider, "site") else response.url
        line = {"url": url, "key": article_key({"media_id": item.media_id, "url": item.url}),
                # "rules" or "fallback": how the record's body was found.
                "body_source": getattr(item, "body_source", "rules")}
        try:
            self.pages_file.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
        except OSError as error:  # the feed's own failure stops the crawl
            logger.debug("Cannot write %s: %s", self.pages_file.name, error)

    def spider_closed(self, spider, reason):
        if self.pages_file is not None:
            self.pages_file.close()
        self.finished = reason == "finished"
        self.state.mark_done(self.finished, self.started_at, utc_now(), reason)

    def engine_stopped(self):
        # After the feed is closed: only now may OUT be rewritten.
        if self.state.mode == REFRESH and getattr(self, "finished", False):
            dropped = compact(self.state.out)
            self.crawler.stats.set_value("aacrawler/refresh/replaced", dropped)


class KnownArticleMiddleware(BaseSpiderMiddleware):
    """Filters the spider's requests by what earlier runs exported and by
    the --since/--until window (see module doc)."""

    def __init__(self, crawler):
        super().__init__(crawler)
        settings = crawler.settings
        self.margin = settings.getint("AACRAWLER_LISTING_MARGIN", 1)
        self.since = settings.get("AACRAWLER_SINCE") or None
        self.until = settings.get("AACRAWLER_UNTIL") or None
        self.stats = crawler.stats

    @property
    def state(self) -> CrawlState | None:
        return getattr(self.crawler, "crawl_state", None)

    def get_processed_request(self, request, response):
        kind = request.meta.get("kind")
        if response is None or kind not in ("article", "next-page"):
            return request
        page = response.meta.setdefault("listing_page", {"entries": 0, "known": 0, "dated": 0, "older": 0})
        if kind == "article":
            return self._article(request, page)
        return self._next_page(request, response, page)

    def _article(self, request, page):
        page["entries"] += 1
        state = self.state
        if state is not None and state.is_exported(request.url):
            page["known"] += 1
            self.stats.inc_value("aacrawler/skipped/already_exported")
            return None
        hints = request.cb_kwargs.get("listing")
        published = parse_date(hints.published) if hints is not None else None
        if published is not None:
            page["dated"] += 1
            if self.since and published < self.since:
                page["older"] += 1
                self.stats.inc_value("aacrawler/skipped/before_since")
                return None
            if self.until and published > self.until:
                self.stats.inc_value("aacrawler/skipped/after_until")
                return None
        return request

    def _next_page(self, request, response, page):
        # Listings run newest first: a page all older than --since ends it.
        if self.since and page["dated"] and page["older"] == page["dated"] == page["entries"]:
            self.stats.inc_value("aacrawler/listings_stopped/since")
            return None
        state = self.state
        if state is None or state.mode != INCREMENTAL:
            return request  # a resumed crawl must walk every listing page
        all_known = page["entries"] > 0 and page["known"] == page["entries"]
        old_pages = response.meta.get("old_pages", 0) + 1 if all_known else 0
        if old_pages > self.margin:
            self.stats.inc_value("aacrawler/listings_stopped/known")
            return None
        request.meta["old_pages"] = old_pages
        return request


class WholeLineFile:
    """An unbuffered file where each write is one whole record or nothing:
    a write that fails (disk full, file too large) is cut back to where it
    began, reported once, and the crawl is stopped; later writes are
    ignored, so the file ends with whole lines only."""

    def __init__(self, file, path: Path, crawler):
        self.file = file
        self.path = path
        self.crawler = crawler
        self.failed = False

    def write(self, data: bytes) -> int:
        if self.failed:
            self._count_lost()
            return len(data)
        start = self.file.tell()
        try:
            written = self.file.write(data)
            if written is not None and written < len(data):
                raise OSError(errno.ENOSPC, "the write was cut short (disk full?)")
        except OSError as error:
            self.failed = True
            with contextlib.suppress(OSError):
                self.file.truncate(start)
            self._count_lost()
            logger.error("Cannot write the output %s: %s; stopping the crawl (the records written are whole)",
                         self.path, error.strerror or error)
            if self.crawler is not None and self.crawler.engine is not None:
                deferred_from_coro(self.crawler.engine.close_spider_async(reason="output_error"))
        return len(data)

    def _count_lost(self) -> None:
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value("aacrawler/output/not_written")

    def __getattr__(self, name):
        return getattr(self.file, name)


class LineSafeFileStorage(FileFeedStorage):
    """Local feed files that are never left half-written (see module doc)."""

    def __init__(self, uri, *, feed_options=None, crawler=None):
        super().__init__(uri, feed_options=feed_options)
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler, uri, *, feed_options=None):
        return cls(uri, feed_options=feed_options, crawler=crawler)

    def open(self, spider):
        path = Path(self.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.write_mode == "wb":
            # Overwrite: the old file stays whole until the new one is.
            self.temp = path.with_name(f".{path.name}.{os.getpid()}.part")
            return WholeLineFile(self.temp.open("wb", buffering=0), path, self.crawler)
        self.temp = None
        if repair_torn_line(path):
            logger.warning("%s: a cut-off last line was removed", path)
        # Unbuffered: each record reaches the file in one write of its own.
        return WholeLineFile(path.open("ab", buffering=0), path, self.crawler)

    def store(self, file):
        file.close()
        if self.temp is not None:
            if file.failed:
                self.temp.unlink(missing_ok=True)  # keep the old file whole
            else:
                os.replace(self.temp, self.path)
        return None

"""Progress on standard error: a line every AACRAWLER_PROGRESS_INTERVAL
seconds (pages and rate, articles written, duplicates, drops, errors) and
a last one when the crawl ends."""

from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured

from .summary import crawl_counts, site_responses


class Progress:
    """A progress line on standard error every AACRAWLER_PROGRESS_INTERVAL
    seconds, and a short summary when the crawl ends."""

    def __init__(self, crawler, interval: float):
        self.crawler = crawler
        self.interval = interval
        self.started = time.monotonic()
        self.task = None

    @classmethod
    def from_crawler(cls, crawler):
        interval = crawler.settings.getfloat("AACRAWLER_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        extension = cls(crawler, interval)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider):
        from twisted.internet import task

        self.started = time.monotonic()
        self.task = task.LoopingCall(self.report)
        self.task.start(self.interval, now=False)

    def line(self) -> str:
        stats = self.crawler.stats.get_stats()
        counts = crawl_counts(stats)
        elapsed = max(time.monotonic() - self.started, 1e-6)
        pages = site_responses(stats)
        return (
            f"aacrawler: {elapsed:6.0f}s  pages {pages} ({pages / elapsed:.1f}/s)"
            f"  articles {counts['articles_written']}"
            f"  duplicates {counts['duplicates_skipped']}"
            f"  dropped {sum(counts['dropped'].values())}  errors {counts['errors']}"
        )

    def report(self):
        print(self.line(), file=sys.stderr, flush=True)

    def spider_closed(self, spider, reason):
        if self.task is not None and self.task.running:
            self.task.stop()
        print(f"{self.line()}  [{reason}]", file=sys.stderr, flush=True)

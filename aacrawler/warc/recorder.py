"""Recording the crawl as WARC (AACRAWLER_WARC, `crawl --warc PATH`).

A downloader middleware placed right after the download handlers (and
after replay), so it records every response as the crawl received it:
status line, headers and body before decompression or redirects. One
crawl per WARC file: output/lock.py's extension locks it first.
"""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro

from .writing import WarcRecorder

logger = logging.getLogger(__name__)


def _header_pairs(headers) -> list[tuple[str, str]]:
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]


class WarcRecorderMiddleware:
    def __init__(self, crawler, path: Path):
        self.crawler = crawler
        self.path = path
        self.recorder: WarcRecorder | None = None
        self.failed = False

    @classmethod
    def from_crawler(cls, crawler):
        path = crawler.settings.get("AACRAWLER_WARC")
        if not path:
            raise NotConfigured
        middleware = cls(crawler, Path(path))
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def spider_opened(self, spider):
        options = dict(self.crawler.settings.getdict("AACRAWLER_OPTIONS"))
        options.setdefault("spider", spider.name)
        self.recorder = WarcRecorder(self.path, options)

    def spider_closed(self, spider):
        if self.recorder is not None:
            self.crawler.stats.set_value("aacrawler/warc/records", self.recorder.written)
            self.recorder.close()

    def process_response(self, request, response, spider=None):
        if self.recorder is None or self.failed or request.meta.get("aacrawler_warc_skip"):
            return response  # (a source's own hop, e.g. a Wayback playback: its rebased response is recorded)
        headers = _header_pairs(request.headers)
        host = request.url.split("/")[2]
        if not any(name.lower() == "host" for name, _ in headers):
            headers.insert(0, ("Host", host))
        try:
            self.recorder.write_exchange(
                response.url if response.url else request.url,
                method=request.method,
                request_headers=headers,
                request_body=request.body or b"",
                protocol=response.protocol or "HTTP/1.1",
                status=response.status,
                response_headers=_header_pairs(response.headers),
                body=response.body,
                ip_address=str(response.ip_address) if response.ip_address else None,
                # A source may date the record and name where its bytes came
                # from (Wayback: the capture's time, WARC-Source-URI).
                warc_headers=request.meta.get("aacrawler_warc_headers"),
            )
            self.crawler.stats.inc_value("aacrawler/warc/responses")
        except OSError as error:
            # An archival crawl that cannot archive stops: one clear line.
            self.failed = True
            logger.error("Cannot write the WARC %s: %s; stopping the crawl", self.path, error)
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="warc_write_failed"))
        return response

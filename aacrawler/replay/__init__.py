"""Replay: answer every request from saved pages instead of the network.

A downloader middleware, so a replayed crawl is the real crawl with
another source of responses: same spider, same pipelines, same records.
The source is a backend with one method, `retrieve(url)`: a mirror folder
(mirror.py) or a WARC file (warcfile.py). `ReplayAddon` lifts the
politeness settings meant for live servers, so a replay runs at full
speed (an explicit `-s` still wins).
"""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse, Response
from scrapy.http.headers import Headers

from ..warc.reading import NotAWarc, looks_like_warc
from .mirror import MirrorFolder, NotAMirror
from .warcfile import WarcArchive

logger = logging.getLogger(__name__)

__all__ = ["ReplayAddon", "ReplayMiddleware", "ReplaySourceError", "open_source"]


class ReplaySourceError(ValueError):
    """A --replay SOURCE that is neither a mirror folder nor a WARC."""


def open_source(source: str) -> MirrorFolder | WarcArchive:
    path = Path(source)
    try:
        if path.is_file() and looks_like_warc(path):
            return WarcArchive(path)
        if path.is_file():
            raise ReplaySourceError(f"{source}: neither a mirror folder nor a WARC file")
        return MirrorFolder(path)
    except (NotAMirror, NotAWarc) as error:
        raise ReplaySourceError(str(error)) from None


class ReplayAddon:
    """Full speed when replaying: no delay, no throttle, wide concurrency."""

    def update_settings(self, settings):
        if not settings.get("AACRAWLER_REPLAY"):
            return
        for name, value in (
            ("DOWNLOAD_DELAY", 0),
            ("AUTOTHROTTLE_ENABLED", False),
            ("CONCURRENT_REQUESTS", 32),
            ("CONCURRENT_REQUESTS_PER_DOMAIN", 32),
            ("DOWNLOAD_DELAY_JITTER", 0),
        ):
            settings.set(name, value, priority="addon")


class ReplayMiddleware:
    """Serves each request from AACRAWLER_REPLAY; a URL with no saved page
    is answered 404, logged and counted, and the crawl goes on.

    What the download handler of a live crawl applies to a response, it
    applies too: a body over DOWNLOAD_MAXSIZE is refused (given up as
    `too large`), one over DOWNLOAD_WARNSIZE logged; both per spider
    (`download_maxsize`) and per request (meta) as Scrapy allows. (The
    middlewares after it, decompression among them, see every response.)"""

    def __init__(self, source: str, stats, maxsize: int = 0, warnsize: int = 0):
        self.source = open_source(source)
        self.stats = stats
        self.maxsize = maxsize
        self.warnsize = warnsize

    @classmethod
    def from_crawler(cls, crawler):
        source = crawler.settings.get("AACRAWLER_REPLAY")
        if not source:
            raise NotConfigured
        settings = crawler.settings
        return cls(source, crawler.stats, settings.getint("DOWNLOAD_MAXSIZE"), settings.getint("DOWNLOAD_WARNSIZE"))

    def _check_size(self, request, spider, size: int) -> None:
        maxsize = request.meta.get("download_maxsize", getattr(spider, "download_maxsize", self.maxsize))
        warnsize = request.meta.get("download_warnsize", getattr(spider, "download_warnsize", self.warnsize))
        if maxsize and size > maxsize:
            self.stats.inc_value("aacrawler/replay/too_large")
            raise IgnoreRequest(f"Replayed response of {request.url}: {size} bytes, larger than "
                                f"download max size ({maxsize}), DOWNLOAD_MAXSIZE")
        if warnsize and size > warnsize:
            logger.warning("Replayed response of %s: %d bytes, larger than DOWNLOAD_WARNSIZE (%d)", request.url, size, warnsize)

    def process_request(self, request, spider=None):
        try:
            saved = self.source.retrieve(request.url)
        except OSError as error:
            self.stats.inc_value("aacrawler/replay/unreadable")
            logger.warning("Cannot read the saved page of %s (answered 404): %s", request.url, error)
            return Response(request.url, status=404, request=request)
        if saved is None:
            self.stats.inc_value("aacrawler/replay/missing")
            # A discovery source the mirror lacks is a counted 404, no more.
            if not request.url.endswith("/robots.txt") and request.meta.get("kind") != "discovery":
                logger.warning("Not in the replay source (answered 404): %s", request.url)
            return Response(request.url, status=404, request=request)
        self._check_size(request, spider, len(saved.body))
        self.stats.inc_value("aacrawler/replay/served")
        headers = Headers(saved.headers)
        response_class = HtmlResponse if "html" in saved.content_type.lower() else Response
        return response_class(request.url, status=saved.status, headers=headers, body=saved.body, request=request)

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

from scrapy.exceptions import NotConfigured
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
    is answered 404, logged and counted, and the crawl goes on."""

    def __init__(self, source: str, stats):
        self.source = open_source(source)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        source = crawler.settings.get("AACRAWLER_REPLAY")
        if not source:
            raise NotConfigured
        return cls(source, crawler.stats)

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
        self.stats.inc_value("aacrawler/replay/served")
        headers = Headers(saved.headers)
        response_class = HtmlResponse if "html" in saved.content_type.lower() else Response
        return response_class(request.url, status=saved.status, headers=headers, body=saved.body, request=request)

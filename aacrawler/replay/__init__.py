"""Replay: answer every request from saved pages instead of the network.

A downloader middleware, so a replayed crawl is the real crawl with
another source of responses: same spider, same pipelines, same records.
`ReplayAddon` lifts the politeness settings meant for live servers, so a
replay runs at full speed (an explicit `-s` still wins).
"""

from __future__ import annotations

import logging

from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Response

from .mirror import MirrorFolder, NotAMirror, check_mirror

logger = logging.getLogger(__name__)

__all__ = ["ReplayAddon", "ReplayMiddleware", "MirrorFolder", "NotAMirror", "check_mirror"]


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
        self.mirror = MirrorFolder(source)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        source = crawler.settings.get("AACRAWLER_REPLAY")
        if not source:
            raise NotConfigured("no AACRAWLER_REPLAY")
        return cls(source, crawler.stats)

    def process_request(self, request):
        path = self.mirror.path_for(request.url)
        if path is None:
            self.stats.inc_value("aacrawler/replay/missing")
            if not request.url.endswith("/robots.txt"):
                logger.warning("Not in the mirror (answered 404): %s", request.url)
            return Response(request.url, status=404, request=request)
        try:
            body = path.read_bytes()
        except OSError as error:
            self.stats.inc_value("aacrawler/replay/unreadable")
            logger.warning("Cannot read %s for %s (answered 404): %s", path, request.url, error.strerror)
            return Response(request.url, status=404, request=request)
        self.stats.inc_value("aacrawler/replay/served")
        if path.name.endswith((".html", ".htm")) or ".html?" in path.name or b"<" in body[:1024]:
            return HtmlResponse(request.url, body=body, request=request,
                                headers={"Content-Type": "text/html"})
        return Response(request.url, body=body, request=request)

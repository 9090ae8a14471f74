"""The Wayback downloader middleware: a request for a page of the site is
answered with the bytes of a capture of that page, under the page's own
URL, so the spider, the dupefilter, the offsite and robots rules, the
state store and the exporter see what they would see on the live site.

For a site URL it asks the capture map for the captures to try
(captures.py), plays each back with `id_` (original bytes) through
Scrapy (source.py), and returns the first real page (quality.py) as a
response whose URL is the request's, whose request is the original one
(so an errback never sees an archive URL either), and whose meta carries
the capture's provenance (`meta["wayback"]`). A redirect capture becomes
a redirect of the site to the target's own URL, which the redirect
middleware follows and this middleware looks up in the map in its turn.
A URL the archive does not hold is answered 404, as replay does.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse, Request, Response
from scrapy.http.headers import Headers

from ..clock import utc_now
from ..extract.page import looks_like_html
from ..runs.summary import SOURCE
from .captures import ROBOTS, Capture, fold
from .quality import capture_problem
from .source import HOP, PLAYBACK_SLOT, RateLimited, hop_meta, is_wayback, wayback_source

logger = logging.getLogger(__name__)

# Headers of the archive's answer that describe its transport, not the page.
_TRANSPORT = (b"Content-Encoding", b"Content-Length", b"Transfer-Encoding", b"Connection", b"Set-Cookie")


def original_url(location: str) -> str | None:
    """`…/web/20160101000000id_/https://host/x/` → `https://host/x/`."""
    marker = location.find("/web/")
    if marker < 0:
        return None
    rest = location[marker + len("/web/"):]
    _, slash, target = rest.partition("/")
    if not slash or not target.startswith(("http://", "https://", "http:/", "https:/")):
        return None
    if not target.startswith(("http://", "https://")):
        target = target.replace(":/", "://", 1)  # a collapsed `//`
    return target


class WaybackMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.source = wayback_source(crawler)
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        if not is_wayback(crawler.settings):
            raise NotConfigured
        return cls(crawler)

    async def process_request(self, request: Request, spider=None):
        if request.meta.get(HOP):  # a request to the archive itself
            self.stats.inc_value(f"{SOURCE}request_count")
            if request.meta.get("retry_times"):
                self.stats.inc_value(f"{SOURCE}retry_count")
            return None
        for stale in ("wayback", "aacrawler_warc_headers"):
            request.meta.pop(stale, None)  # copied over by a redirect
        if (urlsplit(request.url).hostname or "").lower().removeprefix("www.") != self.source.host:
            raise IgnoreRequest(f"not the archive's host: {request.url}")
        if not await self.source.wait_ready():
            raise IgnoreRequest("stopped before the capture map was complete")
        self.source.requested.add(fold(request.url))
        candidates = self.source.map.candidates(request.url)
        if not candidates:
            self.stats.inc_value("aacrawler/wayback/not_in_archive")
            if not request.url.endswith(ROBOTS):
                logger.warning("No capture of %s in the archive (answered 404)", request.url)
            return Response(request.url, status=404, request=request)
        try:
            return await self._first_real_page(request, candidates)
        except RateLimited:
            raise IgnoreRequest("stopped: the Wayback Machine is rate-limiting this address") from None
        except IgnoreRequest:
            raise
        except Exception:
            request.meta["dont_retry"] = True  # its playbacks were retried already
            raise

    async def _first_real_page(self, request: Request, candidates: list[Capture]) -> Response:
        archive = self.source.archive
        server_error = None
        for capture in candidates[: self.source.max_captures]:
            played = await self.source.fetch(Request(capture.archive_url(archive), meta=hop_meta(PLAYBACK_SLOT)))
            self.stats.inc_value("aacrawler/wayback/playbacks")
            if 300 <= played.status < 400:
                target = original_url(played.headers.get(b"Location", b"").decode("latin-1"))
                if capture.is_redirect and target:
                    return self._rebased(request, played, capture, location=target)
                # A page capture Wayback moves to another time: not the one chosen.
                self._reject(request, capture, f"played back as a redirect ({played.status})")
                continue
            if played.status != 200:
                if played.status >= 500:
                    server_error = played.status  # after its retries
                self._reject(request, capture, f"played back as HTTP {played.status}")
                continue
            if not request.url.endswith(ROBOTS):
                problem = capture_problem(played.body, request.url, _charset(played))
                if problem:
                    self._reject(request, capture, problem)
                    continue
            return self._rebased(request, played, capture)
        if server_error is not None:
            # The archive failing is not the page missing: say so (HTTP 5xx
            # in OUT.failed.jsonl), and do not play it all back again.
            request.meta["dont_retry"] = True
            return Response(request.url, status=server_error, request=request)
        self.stats.inc_value("aacrawler/wayback/no_real_page")
        logger.warning("No capture of %s is a real page (answered 404)", request.url)
        return Response(request.url, status=404, request=request)

    def _reject(self, request: Request, capture: Capture, reason: str) -> None:
        self.stats.inc_value(f"aacrawler/wayback/rejected/{reason}")
        logger.info("Capture %s of %s skipped: %s", capture.timestamp, request.url, reason)

    def _rebased(self, request: Request, played: Response, capture: Capture, location: str | None = None) -> Response:
        headers = Headers({k: v for k, v in played.headers.items() if k not in _TRANSPORT})
        status = played.status
        if location is not None:
            headers[b"Location"] = location
            status = int(capture.status) if capture.status.isdigit() else 302
        archive_url = capture.archive_url(self.source.archive)
        request.meta["wayback"] = {
            "timestamp": capture.timestamp,
            "captured_at": capture.captured_at,
            "archive_url": archive_url,
            "original": capture.original,
        }
        # The WARC record of this response (warc/recorder.py): the capture's
        # time, and where its bytes came from (as cdx_toolkit and pywb write).
        request.meta["aacrawler_warc_headers"] = {
            "WARC-Date": capture.captured_at, "WARC-Source-URI": archive_url, "WARC-Creation-Date": utc_now(),
        }
        self.stats.inc_value("aacrawler/wayback/served")
        content_type = headers.get(b"Content-Type", b"").decode("latin-1").lower()
        html = "html" in content_type or (not content_type and looks_like_html(played.body))
        cls = HtmlResponse if html and location is None else Response
        return cls(request.url, status=status, headers=headers, body=played.body, request=request,
                   protocol=played.protocol)

    def process_response(self, request: Request, response: Response, spider=None):
        if request.meta.get(HOP):
            self.stats.inc_value(f"{SOURCE}response_count")
            self.stats.inc_value(f"{SOURCE}response_status_count/{response.status}")
            if response.status == 429:
                request.meta["dont_retry"] = True  # never at once: source.py pauses first
        return response


def _charset(response: Response) -> str | None:
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
    _, _, charset = content_type.partition("charset=")
    return charset.split(";")[0].strip() or None

"""The Wayback source of one crawl: its settings, its capture map, and
the one way requests reach the archive (`fetch`), shared by the
middlewares and the extension (`wayback_source(crawler)`).

Every request to the archive (CDX listing and playback alike) goes
through Scrapy itself (`engine.download_async`), so retries, the
User-Agent, statistics, download slots and timeouts apply, in the slot
of its kind (`wayback-cdx`, `wayback-playback`: DOWNLOAD_SLOTS, set by
the add-on from the per-minute settings). Politeness on top of the slot:

- one request at a time per kind, never while that kind is paused;
- a 429 pauses that kind for AACRAWLER_WAYBACK_PAUSE seconds (60: the
  archive sends no Retry-After) and is never retried before that (the
  archive blocks addresses that ignore its 429s, for an hour and more);
- AACRAWLER_WAYBACK_MAX_429 429s in a row stop the crawl with one line;
  the state on disk (OUT.state.json, OUT.cdx.json) lets the next run
  resume.
"""

from __future__ import annotations

import logging
import sys
import time
import weakref
from urllib.parse import urlsplit

from scrapy.http import Request, Response
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet.defer import Deferred, DeferredLock
from twisted.internet.task import deferLater

from ..output.sidecars import output_path
from ..sites import ARCHIVE_URL
from .captures import CaptureMap, Window
from .cdx import CdxError, listing_url, parse_answer
from .listing import CaptureListing

logger = logging.getLogger(__name__)

HOP = "aacrawler_wayback_hop"
CDX_SLOT, PLAYBACK_SLOT = "wayback-cdx", "wayback-playback"
STOP_REASON = "wayback_rate_limited"


class RateLimited(Exception):
    """The archive kept answering 429: the crawl is stopping."""


def hop_meta(slot: str) -> dict:
    """Meta of a request to the archive itself (not a page of the site)."""
    return {
        HOP: True,
        "download_slot": slot,
        "allow_offsite": True,            # the spider's allowed_domains is the site's
        "dont_obey_robotstxt": True,      # the site's robots.txt is read from the archive
        "dont_redirect": True,            # archive redirects are read here, not followed
        "handle_httpstatus_all": True,
        "autothrottle_dont_adjust_delay": True,  # the slot's delay is the limit
        "aacrawler_warc_skip": True,      # the WARC records the rebased response instead
    }


class Gate:
    """One kind of archive request: one at a time, paused after a 429."""

    def __init__(self, name: str):
        self.name = name
        self.lock = DeferredLock()
        self.paused_until = 0.0
        self.rate_limited_in_a_row = 0


async def _sleep(seconds: float) -> None:
    from twisted.internet import reactor  # the one Scrapy installed

    if seconds > 0:
        await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))


class WaybackSource:
    def __init__(self, crawler):
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.archive = settings.get("AACRAWLER_ARCHIVE_URL").rstrip("/")
        self.site = ARCHIVE_URL
        self.host = urlsplit(ARCHIVE_URL).hostname
        self.pause = settings.getfloat("AACRAWLER_WAYBACK_PAUSE")
        self.max_429 = settings.getint("AACRAWLER_WAYBACK_MAX_429")
        self.cdx_rows = settings.getint("AACRAWLER_WAYBACK_CDX_ROWS")
        self.max_captures = settings.getint("AACRAWLER_WAYBACK_MAX_CAPTURES")
        self.refresh = settings.getbool("AACRAWLER_REFRESH_CAPTURES")
        self.out = output_path(settings)
        self.map = CaptureMap(Window.from_dates(settings.get("AACRAWLER_CAPTURED_FROM"),
                                                settings.get("AACRAWLER_CAPTURED_UNTIL")))
        self.gates = {CDX_SLOT: Gate("CDX server"), PLAYBACK_SLOT: Gate("playback")}
        self.ready = False
        self._waiting: list[Deferred] = []
        self.stopped = False
        self.requested: set[str] = set()  # folded site URLs looked up this run

    # --- Requests to the archive ---

    async def fetch(self, request: Request) -> Response:
        """Download one archive request politely (module doc); raises
        RateLimited once the archive has said 429 too often."""
        gate = self.gates[request.meta["download_slot"]]
        while True:
            await maybe_deferred_to_future(gate.lock.acquire())
            try:
                await _sleep(gate.paused_until - time.monotonic())
                if self.stopped:
                    raise RateLimited()
                response = await self._download(request.copy())
            finally:
                gate.lock.release()
            if response.status != 429:
                gate.rate_limited_in_a_row = 0
                return response
            gate.rate_limited_in_a_row += 1
            self.stats.inc_value(f"aacrawler/wayback/429/{request.meta['download_slot']}")
            if gate.rate_limited_in_a_row >= self.max_429:
                self.stop_rate_limited(gate)
                raise RateLimited()
            gate.paused_until = time.monotonic() + self.pause
            # Not a warning line on the terminal: the pause is the normal
            # answer; the line comes if the crawl has to stop (below).
            logger.info("The Wayback Machine's %s answered 429 (too many requests) to %s; pausing it %g s",
                           gate.name, request.url, self.pause)

    async def _download(self, request: Request) -> Response:
        engine = self.crawler.engine
        if hasattr(engine, "download_async"):  # Scrapy 2.14+
            return await engine.download_async(request)
        return await maybe_deferred_to_future(engine.download(request))

    def stop_rate_limited(self, gate: Gate) -> None:
        if self.stopped:
            return
        self.stopped = True
        self.say(
            f"the Wayback Machine's {gate.name} answered 429 (too many requests) {gate.rate_limited_in_a_row} "
            f"times in a row, pausing {self.pause:g} s after each; stopped so that this address is not blocked. "
            "Everything fetched is kept: run the same command later (an hour or more) to resume."
        )
        self.close(STOP_REASON)

    def say(self, message: str) -> None:
        """One line for the person running the crawl."""
        print(f"aacrawler: {message}", file=sys.stderr, flush=True)
        logger.info(message)

    def close(self, reason: str) -> None:
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=reason))

    # --- The capture map ---

    async def wait_ready(self) -> bool:
        if not self.ready and not self.stopped:
            waiting = Deferred()
            self._waiting.append(waiting)
            await maybe_deferred_to_future(waiting)
        return self.ready

    def _release_waiting(self) -> None:
        waiting, self._waiting = self._waiting, []
        for deferred in waiting:
            deferred.callback(None)

    async def build_map(self) -> bool:
        """The capture map, from OUT.cdx.jsonl and as many CDX answers as
        it still needs; False when the crawl must stop instead."""
        try:
            return await self._build_map()
        finally:
            self._release_waiting()

    async def _build_map(self) -> bool:
        listing = CaptureListing(self.out, self.archive, self.host, refresh=self.refresh)
        loaded = listing.read_into(self.map)
        if listing.complete:
            logger.info("Reusing the capture listing of %s (%d captures)", listing.state.get("completed_at"), loaded)
            self.stats.set_value("aacrawler/wayback/cdx_reused", True)
            return self._mark_ready()
        if loaded:
            logger.info("Resuming the capture listing after %d captures", loaded)
        key = listing.resume_key
        while True:
            url = listing_url(self.archive, self.host, self.cdx_rows, key)
            request = Request(url, meta=hop_meta(CDX_SLOT), dont_filter=True)
            try:
                response = await self.fetch(request)
            except RateLimited:
                return False
            except Exception as error:  # timeouts, refused connections, after retries
                return self._listing_failed(f"{type(error).__name__}: {error}", url)
            self.stats.inc_value("aacrawler/wayback/cdx_answers")
            if response.status != 200:
                return self._listing_failed(f"HTTP {response.status}", url)
            try:
                rows, key = parse_answer(response.body)
            except CdxError as error:
                return self._listing_failed(str(error), url)
            listing.append(rows, key, self.map)
            if key is None:
                return self._mark_ready()

    def _listing_failed(self, reason: str, url: str) -> bool:
        self.stopped = True
        self.say(f"cannot list the archive's captures ({reason}: {url}); stopped. "
                 "The listing so far is kept: run the same command again to resume it.")
        self.close("wayback_listing_failed")
        return False

    def _mark_ready(self) -> bool:
        self.ready = True
        self.stats.set_value("aacrawler/wayback/captures_listed", self.map.rows)
        self.stats.set_value("aacrawler/wayback/urls_listed", len(self.map.by_url))
        return True


_sources: "weakref.WeakKeyDictionary[object, WaybackSource]" = weakref.WeakKeyDictionary()


def wayback_source(crawler) -> WaybackSource:
    source = _sources.get(crawler)
    if source is None:
        source = _sources[crawler] = WaybackSource(crawler)
    return source


def is_wayback(settings) -> bool:
    return (settings.get("AACRAWLER_SOURCE") or "live") == "wayback"

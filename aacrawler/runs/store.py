"""The crawl-state store: what the crawl asks of the runs before it (and,
in a distributed crawl, of the other workers). One interface; the class
is named by AACRAWLER_STATE_STORE, which the Redis add-on switches as it
switches the scheduler. Components never ask which store they got.

    mode                       fresh, resume, incremental or refresh
    is_exported(url)           was this page's article written already?
    admit(key, record)         "new", "changed" (--refresh), "unchanged",
                               or why the record is not written
    mark_exported(key, *urls, details)  its record is on disk
    mark_no_record(url, reason, only_if_remembered)   this article URL gave
                               no record (a 404 …)
    no_record_reason(url)      why an earlier run got nothing from it, when
                               this run should not fetch it again; else None
    exported_total()           articles exported so far (None: unknown)
    previous_started_at        when the last finished run started (None:
                               unknown), for sitemaps' <lastmod>
    open(), close(reason), finish()   the run's life (runs/extension.py)

`state_store(crawler)` builds the crawl's one store on first use.
"""

from __future__ import annotations

import json
import logging
import weakref
from typing import Protocol

from scrapy.utils.misc import build_from_crawler, load_object

from ..clock import utc_now
from ..keys import normalize_url
from ..output.sidecars import Sidecars, output_path
from .state import FRESH, REFRESH, CrawlState, compact

logger = logging.getLogger(__name__)


class StateStore(Protocol):
    mode: str
    previous_started_at: str | None

    def is_exported(self, url: str) -> bool: ...
    def admit(self, key: str, record: dict) -> str: ...
    def mark_exported(self, key: str, *urls: str, details: dict | None = None) -> None: ...
    def mark_no_record(self, url: str, reason: str, only_if_remembered: bool = False) -> None: ...
    def no_record_reason(self, url: str) -> str | None: ...
    def exported_total(self) -> int | None: ...
    def open(self) -> None: ...
    def close(self, reason: str) -> None: ...
    def finish(self) -> None: ...


_stores: "weakref.WeakKeyDictionary[object, StateStore]" = weakref.WeakKeyDictionary()


def state_store(crawler) -> StateStore:
    """The crawl's one state store, built from AACRAWLER_STATE_STORE."""
    store = _stores.get(crawler)
    if store is None:
        store = _stores[crawler] = build_from_crawler(load_object(crawler.settings["AACRAWLER_STATE_STORE"]), crawler)
    return store


def feed_overwrites(settings) -> bool:
    return any(bool(options.get("overwrite")) for options in (settings.getdict("FEEDS") or {}).values())


class NoStateStore:
    """Records going nowhere on disk: nothing before, nothing kept."""

    mode = FRESH
    previous_started_at = None

    def is_exported(self, url: str) -> bool:
        return False

    def admit(self, key: str, record: dict) -> str:
        return "new"

    def mark_exported(self, key: str, *urls: str, details: dict | None = None) -> None:
        pass

    def mark_no_record(self, url: str, reason: str, only_if_remembered: bool = False) -> None:
        pass

    def no_record_reason(self, url: str) -> str | None:
        return None

    def exported_total(self) -> int | None:
        return None

    def open(self) -> None:
        pass

    def close(self, reason: str) -> None:
        pass

    def finish(self) -> None:
        pass


class FileStateStore:
    """OUT and its sidecars (runs/state.py): the store of a crawl on one
    machine. A crawl with no output file gets a NoStateStore."""

    def __init__(self, state: CrawlState, overwrite: bool = False):
        self.state = state
        self.overwrite = overwrite
        self.sidecars = Sidecars(state.out)
        self.pages_file = None
        self.started_at = utc_now()
        self.finished = False

    @classmethod
    def from_crawler(cls, crawler):
        out = output_path(crawler.settings)
        if out is None:
            return NoStateStore()
        settings = crawler.settings
        overwrite = feed_overwrites(settings)
        state = CrawlState.load(
            out, refresh=settings.getbool("AACRAWLER_REFRESH"), overwrite=overwrite,
            retry_no_record=settings.getbool("AACRAWLER_RETRY_NO_RECORD"),
            retry_after_runs=settings.getint("AACRAWLER_NO_RECORD_RETRY_RUNS"),
        )
        return cls(state, overwrite)

    @property
    def mode(self) -> str:
        return self.state.mode

    @property
    def previous_started_at(self) -> str | None:
        return self.state.previous_started_at

    def is_exported(self, url: str) -> bool:
        return self.state.is_exported(url)

    def admit(self, key: str, record: dict) -> str:
        return self.state.admit(key, record)

    def mark_no_record(self, url: str, reason: str, only_if_remembered: bool = False) -> None:
        self.state.mark_no_record(url, reason, only_if_remembered)

    def no_record_reason(self, url: str) -> str | None:
        return self.state.no_record_reason(url)

    def exported_total(self) -> int | None:
        return self.state.exported_total()

    def open(self) -> None:
        state = self.state
        state.out.parent.mkdir(parents=True, exist_ok=True)
        if state.mode == FRESH and self.overwrite:
            self.sidecars.pages.unlink(missing_ok=True)
        self.pages_file = self.sidecars.pages.open("ab", buffering=0)
        state.mark_running(self.started_at)
        if state.duplicate_lines and state.mode != REFRESH:
            # A --refresh run killed before it compacted OUT: do it now.
            logger.warning("%s: %d older versions of refreshed articles removed", state.out, compact(state.out))

    def mark_exported(self, key: str, *urls: str, details: dict | None = None) -> None:
        # Called after the record is written: a page is known as exported
        # only once its record is on disk. `details` (the body's source)
        # ride along in the page's line.
        line = {"url": urls[0], "key": key, **(details or {})}
        self.state.exported_now.add(key)
        self.state.exported_urls_now.update(normalize_url(u) for u in urls)
        try:
            self.pages_file.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
        except OSError as error:  # the feed's own failure stops the crawl
            logger.debug("Cannot write %s: %s", self.pages_file.name, error)

    def close(self, reason: str) -> None:
        if self.pages_file is not None:
            self.pages_file.close()
        self.finished = reason == "finished"
        try:
            self.state.save_no_record()
        except OSError as error:
            logger.error("Cannot write %s: %s", self.sidecars.no_record, error)
        self.state.mark_done(self.finished, self.started_at, utc_now(), reason)

    def finish(self) -> int:
        """After the feed is closed: a finished --refresh run leaves one
        record per article in OUT. Returns how many older versions went."""
        if self.state.mode == REFRESH and self.finished:
            return compact(self.state.out)
        return 0

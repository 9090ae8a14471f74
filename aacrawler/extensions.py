"""Crawl bookkeeping: the run summary (`OUT.runs.jsonl`), the list of
URLs given up (`OUT.failed.jsonl`), and progress on standard error."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from .clock import utc_now
from .signals import request_given_up
from .state import sidecar


def output_path(settings) -> Path | None:
    """The crawl's JSONL output: AACRAWLER_OUTPUT, else the first local
    feed (`scrapy crawl archive -O out.jsonl`)."""
    explicit = settings.get("AACRAWLER_OUTPUT")
    if explicit:
        return Path(explicit)
    for uri in (settings.getdict("FEEDS") or {}):
        uri = str(uri)
        if uri.startswith("file://"):
            return Path(uri[len("file://"):])
        if "://" not in uri:
            return Path(uri)
    return None


def _append_line(path: Path, record: dict[str, Any]) -> None:
    # One write of one whole line: a reader never sees half a summary.
    with path.open("a", encoding="utf-8") as file:
        file.write(json.dumps(record, ensure_ascii=False) + "\n")


def crawl_counts(stats: dict[str, Any]) -> dict[str, Any]:
    """The figures a run summary and the progress line report."""
    prefix = "downloader/response_status_count/"
    dropped_prefix = "aacrawler/dropped/"
    return {
        "requests": stats.get("downloader/request_count", 0),
        "responses_by_status": {
            key[len(prefix):]: value for key, value in sorted(stats.items()) if key.startswith(prefix)
        },
        "listing_pages": stats.get("aacrawler/listing_pages", 0),
        "article_pages": stats.get("aacrawler/article_pages", 0),
        # Records the feed really wrote (a failed write is not one).
        "articles_written": stats.get("item_scraped_count", 0) - stats.get("aacrawler/output/not_written", 0),
        "duplicates_skipped": stats.get("aacrawler/duplicates_skipped", 0),
        "dropped": {
            key[len(dropped_prefix):]: value
            for key, value in sorted(stats.items())
            if key.startswith(dropped_prefix)
        },
        "skipped": {
            key[len("aacrawler/skipped/"):]: value
            for key, value in sorted(stats.items())
            if key.startswith("aacrawler/skipped/")
        },
        # How article bodies were found: the site rules, or the generic
        # fallback (extract/fallback.py).
        "body_source": {
            source: stats.get(f"aacrawler/body_source/{source}", 0) for source in ("rules", "fallback")
        },
        "given_up": stats.get("aacrawler/given_up", 0),
        "given_up_by_reason": {
            key[len("aacrawler/given_up_by_reason/"):]: value
            for key, value in sorted(stats.items())
            if key.startswith("aacrawler/given_up_by_reason/")
        },
        "errors": stats.get("aacrawler/given_up", 0) + stats.get("log_count/ERROR", 0),
    }


# Most article pages needing the fallback: the markup is not the one the
# rules were written for (at least this many pages, so one odd page of a
# tiny run does not raise the alarm).
FALLBACK_ALARM_PAGES = 5


def fallback_alarm(stats: dict[str, Any]) -> str | None:
    """A line for standard error when most article pages got their body
    from the generic fallback; else None."""
    fallback = stats.get("aacrawler/body_source/fallback", 0)
    total = fallback + stats.get("aacrawler/body_source/rules", 0)
    if total < FALLBACK_ALARM_PAGES or fallback * 2 <= total:
        return None
    return (f"aacrawler: {fallback} of {total} article pages ({fallback / total:.0%}) got their body from the "
            "generic fallback, not the site rules: the markup is not what the rules know, look at it")


def error_rate(stats: dict[str, Any]) -> float:
    """URLs given up for good, over the URLs requested (retries aside)."""
    urls = stats.get("downloader/request_count", 0) - stats.get("retry/count", 0)
    return stats.get("aacrawler/given_up", 0) / max(urls, 1)


class RunSummary:
    """Appends one line per run to OUT.runs.jsonl and keeps
    OUT.failed.jsonl: one line per URL given up in this run."""

    def __init__(self, crawler, out: Path | None):
        self.crawler = crawler
        self.out = out
        self.started_at = utc_now()
        self.failed_file = None

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler, output_path(crawler.settings))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.given_up, signal=request_given_up)
        return extension

    def spider_opened(self, spider):
        self.started_at = utc_now()
        if self.out is not None:
            # The failed list is this run's: rewritten at each start.
            self.failed_file = sidecar(self.out, ".failed.jsonl").open("w", encoding="utf-8")

    def given_up(self, url, reason, status=None):
        if self.failed_file is not None:
            line = {"url": url, "reason": reason, "status": status, "at": utc_now()}
            self.failed_file.write(json.dumps(line, ensure_ascii=False) + "\n")
            self.failed_file.flush()

    def summary(self, reason: str) -> dict[str, Any]:
        stats = self.crawler.stats.get_stats()
        state = getattr(self.crawler, "crawl_state", None)
        rate = error_rate(stats)
        max_rate = self.crawler.settings.getfloat("AACRAWLER_MAX_ERROR_RATE", 0.5)
        # The verdict a scheduler acts on (and the exit status).
        status = "cut short" if reason != "finished" else "too many errors" if rate > max_rate else "ok"
        return {
            "started_at": self.started_at,
            "finished_at": utc_now(),
            "finish_reason": reason,
            "finished": reason == "finished",
            "status": status,
            "mode": state.mode if state else None,
            "resumed": bool(state and state.mode == "resume"),
            **crawl_counts(stats),
            "error_rate": round(rate, 4),
            "max_error_rate": max_rate,
            "options": self.options(),
        }

    def options(self) -> dict[str, Any]:
        settings = self.crawler.settings
        options = dict(settings.getdict("AACRAWLER_OPTIONS"))
        spider = self.crawler.spider
        options.setdefault("start", getattr(spider, "start_pages", None) or None)
        options.setdefault("replay", settings.get("AACRAWLER_REPLAY"))
        options.setdefault("site", settings.get("AACRAWLER_SITE"))
        options.setdefault("output", str(self.out) if self.out else None)
        return options

    def spider_closed(self, spider, reason):
        summary = self.summary(reason)
        self.crawler.stats.set_value("aacrawler/summary", summary)
        alarm = fallback_alarm(self.crawler.stats.get_stats())
        if alarm:
            where = " (body_source in OUT.pages.jsonl names each page)" if self.out is not None else ""
            print(alarm + where, file=sys.stderr, flush=True)
        if self.failed_file is not None:
            self.failed_file.close()
        if self.out is not None:
            try:
                _append_line(sidecar(self.out, ".runs.jsonl"), summary)
            except OSError as error:
                print(f"aacrawler: cannot write the run summary: {error}", file=sys.stderr)


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
        interval = crawler.settings.getfloat("AACRAWLER_PROGRESS_INTERVAL", 5.0)
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
        pages = stats.get("response_received_count", 0)
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

"""The run summary (`OUT.runs.jsonl`, one line per run: what the run
did, what it found against what the archive states (runs/coverage.py),
its verdict and the options it ran with) and the list of URLs given up
(`OUT.failed.jsonl`, this run's).

The verdict (`status`, and the exit status of `aacrawler crawl`): `ok`;
`cut short`; `too many errors` (past --max-error-rate); `incomplete`
(finished, but no article exported, coverage below --min-coverage, or
a field whose fill rate collapsed), said in one line on standard error."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from scrapy import signals

from ..clock import utc_now
from ..output.lines import append_line
from ..output.ours import settle
from ..output.sidecars import Sidecars, output_path
from ..signals import request_given_up
from .coverage import coverage_report, incomplete_reasons
from .state import RESUME
from .store import state_store


# A source's own requests (the Wayback Machine's CDX server and playback)
# are counted apart from the site's URLs: what a run did to the site, its
# error rate, mean the same whatever the source.
SOURCE = "aacrawler/source/"


def site_responses(stats: dict[str, Any]) -> int:
    return stats.get("response_received_count", 0) - stats.get(f"{SOURCE}response_count", 0)


def crawl_counts(stats: dict[str, Any]) -> dict[str, Any]:
    """The figures a run summary and the progress line report."""
    prefix = "downloader/response_status_count/"
    dropped_prefix = "aacrawler/dropped/"
    by_status = {
        key[len(prefix):]: value - stats.get(f"{SOURCE}response_status_count/{key[len(prefix):]}", 0)
        for key, value in sorted(stats.items()) if key.startswith(prefix)
    }
    return {
        "requests": stats.get("downloader/request_count", 0) - stats.get(f"{SOURCE}request_count", 0),
        "responses_by_status": {status: count for status, count in by_status.items() if count},
        "archive_requests": stats.get(f"{SOURCE}request_count", 0),
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
        # A page the extractor raised on is given up and logged as an error: counted once.
        "errors": stats.get("aacrawler/given_up", 0)
        + max(0, stats.get("log_count/ERROR", 0) - stats.get("aacrawler/extraction_failed", 0)),
        "caption_copies": {"found": stats.get("aacrawler/captions/copies_found", 0), "kept": stats.get("aacrawler/captions/kept", 0)},
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
    urls -= stats.get(f"{SOURCE}request_count", 0) - stats.get(f"{SOURCE}retry_count", 0)
    return stats.get("aacrawler/given_up", 0) / max(urls, 1)


class RunSummary:
    """Appends one line per run to OUT.runs.jsonl and keeps
    OUT.failed.jsonl: one line per URL given up in this run."""

    def __init__(self, crawler, out: Path | None):
        self.crawler = crawler
        self.out = out
        self.started_at = utc_now()
        self.failed_file = None
        self.opened = self.written = False

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler, output_path(crawler.settings))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.given_up, signal=request_given_up)
        return extension

    def spider_opened(self, spider):
        from twisted.internet import reactor

        self.opened = True
        # A second SIGINT stops the reactor at once, and spider_closed
        # never comes: the run still gets its summary line and its state.
        reactor.addSystemEventTrigger("during", "shutdown", self.unclean_exit)  # before the lock goes ("after")
        self.started_at = utc_now()
        if self.out is not None:
            # The failed list is this run's: rewritten at each start.
            self.failed_file = Sidecars(self.out).failed.open("w", encoding="utf-8")

    def given_up(self, url, reason, status=None):
        if self.failed_file is not None:
            line = {"url": url, "reason": reason, "status": status, "at": utc_now()}
            self.failed_file.write(json.dumps(line, ensure_ascii=False) + "\n")
            self.failed_file.flush()

    def summary(self, reason: str) -> dict[str, Any]:
        stats = self.crawler.stats.get_stats()
        mode = state_store(self.crawler).mode
        rate = error_rate(stats)
        max_rate = self.crawler.settings.getfloat("AACRAWLER_MAX_ERROR_RATE")
        counts = crawl_counts(stats)
        exported = state_store(self.crawler).exported_total()
        report = coverage_report(self.crawler, counts["articles_written"] if exported is None else exported)
        incomplete = incomplete_reasons(report)
        # The verdict a scheduler acts on (and the exit status).
        status = ("cut short" if reason != "finished" else "too many errors" if rate > max_rate
                  else "incomplete" if incomplete else "ok")
        return {
            "started_at": self.started_at,
            "finished_at": utc_now(),
            "finish_reason": reason,
            "finished": reason == "finished",
            "status": status,
            "mode": mode,
            "resumed": mode == RESUME,
            **counts,
            "error_rate": round(rate, 4),
            "max_error_rate": max_rate,
            **report,
            "incomplete": incomplete,
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

    def unclean_exit(self) -> None:
        if not self.opened or self.written:
            return
        self.spider_closed(self.crawler.spider, "shutdown")
        try:
            state_store(self.crawler).close("shutdown")
        except OSError as error:
            print(f"aacrawler: cannot write the crawl state: {error}", file=sys.stderr)
        if self.out is not None:
            settle(self.out, False, utc_now(), "shutdown")

    def spider_closed(self, spider, reason):
        self.written = True
        summary = self.summary(reason)
        self.crawler.stats.set_value("aacrawler/summary", summary)
        alarm = fallback_alarm(self.crawler.stats.get_stats())
        if alarm:
            where = " (body_source in OUT.pages.jsonl names each page)" if self.out is not None else ""
            print(alarm + where, file=sys.stderr, flush=True)
        if self.failed_file is not None:
            self.failed_file.close()
        if summary["status"] == "incomplete":
            where = f"; not exported: {Sidecars(self.out).missing}" if self.out is not None else ""
            print(f"aacrawler: incomplete: {'; '.join(summary['incomplete'])}{where}", file=sys.stderr, flush=True)
        if self.out is not None:
            try:
                append_line(Sidecars(self.out).runs, summary)
            except OSError as error:
                print(f"aacrawler: cannot write the run summary: {error}", file=sys.stderr)

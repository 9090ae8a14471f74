"""How much of the archive a run found, and how much of it is exported.

Every article URL a discovery source finds (aacrawler.discovery) is
registered here with its source; the URL's outcome follows it (exported,
given up and why, dropped and why, not an article). From that:

    per source    article URLs found, and found only by it
    expected      the largest total a source states: the REST API's
                  X-WP-Total, the post sitemaps' URL count, the listings'
                  articles (their entries, plus entries-per-page for each
                  listing page that failed)
    coverage      articles exported so far (this run and the earlier ones
                  OUT holds) ÷ expected, at most 1
    OUT.missing.jsonl   each URL found but not exported, with why

It also keeps the fill rate of each field over the run's records, and
tells a field whose rate collapsed against the earlier runs' (a selector
that silently stopped matching after the markup changed).
"""

from __future__ import annotations

import json
import logging
import math
import weakref
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.http import Response

from ..keys import normalize_url
from ..output.atomic import AtomicFile
from ..output.sidecars import Sidecars, output_path
from ..signals import request_given_up
from .failures import give_up
from .store import state_store

logger = logging.getLogger(__name__)

EXPORTED = "exported"
# The reason a page the pipelines raised on is given up with.
EXTRACTION_FAILED = "extraction failed"
# Reasons worth trying again next run: the server's trouble, not the
# page's, and a run's own choice (its --since/--until window).
_TRANSIENT = ("HTTP 5", "HTTP 429", "HTTP 408", "timeout", "connection", "host not found", "incomplete body",
              "dropped: outside --since/--until", "dropped: no date, outside --since/--until",
              # Our bug, not the page's: fetched again once it is fixed.
              EXTRACTION_FAILED)
FILL_FIELDS = ("media_id", "caption", "dateline", "author", "published", "categories", "image_url")
# Runs whose fill rates a collapse is judged against.
_EARLIER_RUNS = 5


def is_permanent(reason: str) -> bool:
    return not reason.startswith(_TRANSIENT)


class FieldFill:
    """Each field's fill rate over the run's records."""

    def __init__(self):
        self.records = 0
        self.filled = dict.fromkeys(FILL_FIELDS, 0)

    def add(self, item) -> None:
        self.records += 1
        for name in FILL_FIELDS:
            if getattr(item, name, None):
                self.filled[name] += 1

    def rates(self) -> dict[str, float] | None:
        if not self.records:
            return None
        return {name: round(count / self.records, 4) for name, count in self.filled.items()}


# Every article of a crawl has an entry for the whole run: slots, and
# source sets shared between entries (a handful of combinations exist),
# keep each one small.
@dataclass(slots=True)
class Found:
    url: str
    sources: frozenset[str] = frozenset()
    lastmod: str | None = None
    requested: bool = False
    outcome: str | None = None


@lru_cache(maxsize=None)
def _joined(sources: frozenset[str], more: frozenset[str]) -> frozenset[str]:
    return sources | more


class Coverage:
    """The run's registry of discovered article URLs (see module doc)."""

    def __init__(self):
        self.found: dict[str, Found] = {}
        self._alias: dict[str, str] = {}
        self.stated: dict[str, int] = {}
        # listing base → entries per page (most seen), pages that failed
        self.listings: dict[str, dict[str, int]] = {}
        # source → what its probe met ("found", "HTTP 404", "not a sitemap" …)
        self.probes: dict[str, str] = {}
        self.fill = FieldFill()

    def _key(self, url: str) -> str:
        key = normalize_url(url)
        return self._alias.get(key, key)

    def get(self, url: str) -> Found | None:
        return self.found.get(self._key(url))

    def add(self, url: str, source: str, lastmod: str | None = None) -> Found:
        key = self._key(url)
        entry = self.found.get(key)
        if entry is None:
            entry = self.found[key] = Found(url)
        entry.sources = _joined(entry.sources, frozenset((source,)))
        entry.lastmod = entry.lastmod or lastmod
        return entry

    def fold(self, url: str, *others: str) -> Found | None:
        """URLs of one article (a ?p=N link or an old slug that redirected,
        a listed URL and its canonical): one entry, under `url`."""
        key = self._key(url)
        entry = self.found.get(key)
        for other in others:
            other_key = self._key(other)
            if other_key == key:
                continue
            merged = self.found.pop(other_key, None)
            self._alias[other_key] = key
            if merged is None:
                continue
            if entry is None:
                entry = self.found[key] = Found(url)
            entry.sources = _joined(entry.sources, merged.sources)
            entry.lastmod = entry.lastmod or merged.lastmod
            entry.requested = entry.requested or merged.requested
            entry.outcome = entry.outcome or merged.outcome
        return entry

    def settle(self, url: str, outcome: str) -> None:
        entry = self.get(url)
        if entry is not None and entry.outcome != EXPORTED:
            entry.outcome = outcome

    def pending(self) -> list[Found]:
        """Found, never requested, no outcome yet."""
        return [e for e in self.found.values() if not e.requested and e.outcome is None]

    def listing_page(self, base: str, entries: int) -> None:
        counts = self.listings.setdefault(base, {"per_page": 0, "failed": 0})
        counts["per_page"] = max(counts["per_page"], entries)

    def listing_page_failed(self, base: str) -> None:
        self.listings.setdefault(base, {"per_page": 0, "failed": 0})["failed"] += 1

    def state_total(self, source: str, total: int) -> None:
        self.stated[source] = max(self.stated.get(source, 0), total)

    def per_source(self) -> dict[str, dict[str, Any]]:
        result: dict[str, dict[str, Any]] = {}
        for source in sorted({s for e in self.found.values() for s in e.sources} | set(self.probes)):
            mine = [e for e in self.found.values() if source in e.sources]
            result[source] = {
                "found": len(mine),
                "only": sum(1 for e in mine if e.sources == {source}),
                "expected": self.expected_by(source),
                "probe": self.probes.get(source),
            }
        return result

    def expected_by(self, source: str) -> int | None:
        if source == "listings":
            listed = sum(1 for e in self.found.values() if "listings" in e.sources)
            unseen = sum(c["per_page"] * c["failed"] for c in self.listings.values())
            return listed + unseen if listed or unseen else None
        return self.stated.get(source)

    def expected(self) -> int | None:
        totals = [t for t in (self.expected_by(s) for s in ("listings", "sitemaps", "api")) if t]
        return max(totals) if totals else None

    def missing(self) -> list[dict[str, Any]]:
        return [
            {"url": e.url, "reason": e.outcome or "not fetched", "sources": sorted(e.sources), "lastmod": e.lastmod}
            for e in self.found.values()
            if e.outcome != EXPORTED
        ]


_registries: "weakref.WeakKeyDictionary[object, Coverage]" = weakref.WeakKeyDictionary()


def coverage_of(crawler) -> Coverage:
    """The crawl's one registry."""
    registry = _registries.get(crawler)
    if registry is None:
        registry = _registries[crawler] = Coverage()
    return registry


def settle_without_record(crawler, url: str, reason: str) -> None:
    """An article URL that gave no record: its outcome, and the state store
    remembers it (when the reason is the page's, not the server's) so that
    incremental runs do not fetch it again."""
    registry = coverage_of(crawler)
    registry.settle(url, reason)
    entry = registry.get(url)
    if is_permanent(reason) and (entry is None or entry.outcome != EXPORTED):
        # A URL no source found as an article (a --start page, a listing)
        # is only kept if it was remembered already (--retry-failed).
        state_store(crawler).mark_no_record(url, reason, only_if_remembered=entry is None)


def earlier_fill_rates(runs_file: Path, min_records: int) -> list[dict[str, float]]:
    """Fill rates of the last runs that wrote enough records to judge by."""
    rates = []
    try:
        lines = runs_file.read_text("utf-8").splitlines()
    except OSError:
        return []
    for line in lines:
        try:
            summary = json.loads(line)
        except ValueError:
            continue
        if isinstance(summary, dict) and summary.get("fill_rates") and summary.get("fill_records", 0) >= min_records:
            rates.append(summary["fill_rates"])
    return rates[-_EARLIER_RUNS:]


def collapsed_fields(now: dict[str, float] | None, records: int, earlier: list[dict[str, float]],
                     min_records: int, drop: float) -> dict[str, dict[str, float]]:
    """Fields whose rate fell by `drop` or more from the earlier runs' mean."""
    if not now or records < min_records or not earlier:
        return {}
    collapsed = {}
    for name, rate in now.items():
        before = [r[name] for r in earlier if name in r]
        if before:
            mean = sum(before) / len(before)
            if mean - rate >= drop:
                collapsed[name] = {"before": round(mean, 4), "now": rate}
    return collapsed


class CoverageExtension:
    """Follows each discovered URL to its outcome; writes OUT.missing.jsonl."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.coverage = coverage_of(crawler)
        self.out = output_path(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(extension.item_error, signal=signals.item_error)
        crawler.signals.connect(extension.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(extension.given_up, signal=request_given_up)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def _page_urls(self, response) -> list[str]:
        site = getattr(self.crawler.spider, "site", None)
        urls = [response.url, *response.meta.get("redirect_urls", [])]
        return [site.to_archive(u) if site else u for u in urls]

    def request_dropped(self, request, spider):
        # A ?p=N link or an old slug redirected to a page already asked
        # for (the dupefilter drops it): one article, not two.
        if request.meta.get("redirect_urls"):
            urls = self._page_urls(request)
            self.coverage.fold(urls[0], *urls[1:])

    def item_scraped(self, item, response, spider):
        self.coverage.fill.add(item)
        self.coverage.fold(item.url, *self._page_urls(response))
        self.coverage.settle(item.url, EXPORTED)

    def item_dropped(self, item, response, exception, spider):
        from ..pipelines import DuplicateArticleDrop, NotAnArticleDrop

        if response is None:
            return
        urls = self._page_urls(response)
        self.coverage.fold(urls[0], *urls[1:])
        message = str(exception).rsplit(": ", 1)[0] if ": " in str(exception) else str(exception)
        if isinstance(exception, DuplicateArticleDrop):
            self.coverage.settle(urls[0], EXPORTED)  # the article is out, under another URL or before
        elif isinstance(exception, NotAnArticleDrop):
            settle_without_record(self.crawler, urls[0], f"not an article ({message})")
        else:
            settle_without_record(self.crawler, urls[0], f"dropped: {message}")

    def item_error(self, item, response, spider, failure):
        """A page the pipelines raised on (an exception, not a drop: a bug
        of ours on markup nobody foresaw; Scrapy logs its traceback) is
        given up like a page that could not be fetched: counted in the
        run's errors, listed in OUT.failed.jsonl, fetched again next run."""
        if not isinstance(response, Response):  # an item with no page (None, or an errback's Failure)
            return
        self.crawler.stats.inc_value("aacrawler/extraction_failed")
        reason = f"{EXTRACTION_FAILED} ({failure.type.__name__})"
        give_up(self.crawler, self._page_urls(response)[0], reason, response.status)

    def given_up(self, url, reason, status=None):
        settle_without_record(self.crawler, url, reason)

    def spider_closed(self, spider, reason):
        store = state_store(self.crawler)
        for entry in self.coverage.found.values():
            if entry.outcome is None:
                if store.is_exported(entry.url):
                    entry.outcome = EXPORTED
                else:
                    earlier = store.no_record_reason(entry.url)
                    if earlier:
                        entry.outcome = f"{earlier} (in an earlier run; not fetched again)"
        if self.out is None:
            return
        try:
            with AtomicFile(Sidecars(self.out).missing) as file:
                for line in self.coverage.missing():
                    file.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
        except OSError as error:
            logger.error("Cannot write %s: %s", Sidecars(self.out).missing, error)


def coverage_report(crawler, exported_total: int | None) -> dict[str, Any]:
    """The run summary's discovery, coverage and field figures."""
    settings = crawler.settings
    registry = coverage_of(crawler)
    expected = registry.expected()
    windowed = bool(settings.get("AACRAWLER_SINCE") or settings.get("AACRAWLER_UNTIL"))
    coverage = None
    if expected and exported_total is not None and not windowed:
        coverage = round(min(exported_total / expected, 1.0), 4)
    min_records = settings.getint("AACRAWLER_FIELD_MIN_RECORDS")
    rates = registry.fill.rates()
    records = registry.fill.records
    out = output_path(settings)
    earlier = earlier_fill_rates(Sidecars(out).runs, min_records) if out else []
    return {
        "discovery": registry.per_source(),
        "expected_articles": expected,
        "articles_exported": exported_total,
        "coverage": coverage,
        "min_coverage": settings.getfloat("AACRAWLER_MIN_COVERAGE"),
        "missing": len(registry.missing()),
        "fill_records": records,
        "fill_rates": rates,
        "collapsed_fields": collapsed_fields(rates, records, earlier, min_records, settings.getfloat("AACRAWLER_FIELD_DROP")),
    }


def floor_share(share: float) -> str:
    """A share to three decimals, rounded down: 0.9496 must not read as
    the 0.95 it falls short of."""
    return f"{math.floor(share * 1000) / 1000:g}"


def incomplete_reasons(report: dict[str, Any]) -> list[str]:
    """Why a finished run is not a complete one (empty: it is)."""
    reasons = []
    exported, expected = report["articles_exported"], report["expected_articles"]
    if not exported:
        reasons.append(f"no article exported (expected {expected if expected else 'an unknown number'})")
    elif report["coverage"] is not None and report["coverage"] < report["min_coverage"]:
        reasons.append(f"{exported} articles exported of {expected} expected "
                       f"(coverage {floor_share(report['coverage'])} < {report['min_coverage']:g})")
    for name, change in report["collapsed_fields"].items():
        reasons.append(f"field {name} filled in {change['now']:.0%} of records, {change['before']:.0%} before")
    return reasons

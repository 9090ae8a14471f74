"""The `archive` spider: the start page as a hub → category and tag
archives → every listing page → every article; beside them the sitemaps,
the feed and the REST API (spiders/sources.py). It only discovers and
fetches: an article page leaves as a PageItem, and the pipelines make
the record. Sources: aacrawler.discovery; what was found and what became
of it: aacrawler.runs.coverage.

Arguments (`-a NAME=VALUE`, or the `aacrawler crawl` options):
  start     URLs to start from, separated by spaces or commas (default:
            the home page); a category or tag archive, or an article.
  replay    a mirror folder to answer requests from (aacrawler.replay).
  site      another copy of the archive to fetch from (aacrawler.sites).
  discover  the sources (AACRAWLER_DISCOVER): home,listings,sitemaps,feeds,api
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import scrapy
from w3lib.encoding import http_content_type_encoding
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from ..clock import utc_now
from ..discovery import START_SOURCES, parse_sources
from ..discovery.hub import archive_links, article_links
from ..discovery.pagination import pagination
from ..discovery.urls import is_category, listing_base, page_number, with_page_number
from ..extract.classify import page_kind
from ..extract.listing import listing_entries
from ..extract.page import Page, looks_like_html
from ..extract.record import page_from_item
from ..items import ListingHints, PageItem
from ..keys import normalize_url
from ..runs.coverage import coverage_of, settle_without_record
from ..runs.failures import failure_reason, give_up
from ..runs.state import INCREMENTAL
from ..runs.store import state_store
from ..sites import ARCHIVE_URL, Site, check_http_url
from .sources import DiscoverySources

# Articles before listings: a listing page yields ten articles, so
# fetching them first keeps the frontier small and records flowing.
ARTICLE_PRIORITY = 10
LISTING_PRIORITY = 0


def _charset(response: Response) -> str | None:
    return http_content_type_encoding(response.headers.get(b"Content-Type", b"").decode("latin-1"))


def _split_urls(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [u for u in re.split(r"[\s,]+", value) if u]
    return list(value)


def merged_hints(*hints: ListingHints | None) -> ListingHints | None:
    """What several listing entries said of one article, the first to say
    each thing winning."""
    given = [h for h in hints if h is not None]
    if not given:
        return None
    return ListingHints(
        author=next((h.author for h in given if h.author), None),
        published=next((h.published for h in given if h.published), None),
        categories=next((h.categories for h in given if h.categories), []),
    )


class ArchiveSpider(DiscoverySources, scrapy.Spider):
    name = "archive"
    sources = ()

    def __init__(self, start=None, replay=None, site=None, archive=ARCHIVE_URL, discover=None, **kwargs):
        super().__init__(**kwargs)
        self.site = Site(
            archive=archive,
            fetch_from=check_http_url(site, "--site") if site else None,
        )
        self.start_pages = [check_http_url(u, "--start") for u in _split_urls(start)]
        # Only the host actually fetched from: with --site, a redirect to
        # the real archive must not leave the copy either.
        self.allowed_domains = [urlsplit(site).hostname] if site else [self.site.archive_host]
        if discover is not None:
            self.sources = parse_sources(discover)
        # What every listing entry said of an article, by normalized URL:
        # an article linked by several listings gets all they said.
        self.hints: dict[str, ListingHints] = {}
        # The highest page number each listing's pagination showed.
        self.listing_last: dict[str, int] = {}
        self.sitemap_total = 0

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        # `-a replay=…`/`-a site=…` become settings, so the replay add-on and
        # middleware (built after the spider) see them.
        for argument, setting in (("replay", "AACRAWLER_REPLAY"), ("site", "AACRAWLER_SITE")):
            if kwargs.get(argument):
                crawler.settings.set(setting, kwargs[argument], priority="spider")
            elif crawler.settings.get(setting):
                kwargs[argument] = crawler.settings.get(setting)
        settings = crawler.settings
        if kwargs.get("discover") is None:
            # --start names the pages to crawl: only they are walked, unless
            # the sources were chosen (a setting above the project's).
            chosen = (settings.getpriority("AACRAWLER_DISCOVER") or 0) > 20
            starts = _split_urls(kwargs.get("start"))
            kwargs["discover"] = settings.get("AACRAWLER_DISCOVER") if chosen or not starts else START_SOURCES
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.api_per_page = settings.getint("AACRAWLER_API_PER_PAGE")
        crawler.signals.connect(spider.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.robots_received, signal=signals.response_received)
        return spider

    @property
    def coverage(self):
        return coverage_of(self.crawler)

    @property
    def store(self):
        return state_store(self.crawler)

    async def start(self):
        for url in self.start_pages:
            yield self._request(self.site.canonical(url), self.parse, LISTING_PRIORITY, "listing")
        if not self.start_pages and {"home", "listings"} & set(self.sources):
            request = self._request(self.site.canonical(self.site.archive), self.parse, LISTING_PRIORITY, "listing")
            request.meta["hub"] = True
            yield request
        for request in self.source_requests():
            yield request

    def _request(self, archive_url: str, callback, priority: int, kind: str, **cb_kwargs) -> Request:
        # `kind` (article, listing, next-page) lets the scheduling
        # middleware skip known articles and stop walking old listings.
        return Request(
            self.site.to_fetch(archive_url),
            callback=callback,
            errback=self.give_up,
            priority=priority,
            cb_kwargs=cb_kwargs,
            meta={"kind": kind},
        )

    def parse(self, response: Response, listing: ListingHints | None = None):
        stats = self.crawler.stats
        # Judged by the body, whatever the Content-Type says (a missing or
        # wrong one is common).
        if not looks_like_html(response.body):
            self._given_up(response.url, "not an HTML page", response.status)
            return
        item = PageItem(
            url=self.site.to_archive(response.url),
            body=response.body,
            encoding=_charset(response),
            fetched_at=utc_now(),
            listing=listing,
            site=self.site.fetch_from,
        )
        # Parsed the way the pipelines parse it (their decoding rules), and
        # once: the item carries the parsed page on to them.
        page = page_from_item(item)
        kind = page_kind(page)
        if kind == "listing":
            stats.inc_value("aacrawler/listing_pages")
        if response.meta.get("hub"):
            # The start page is a hub whatever its kind (a static front
            # page is a WordPress "page"; a home may be an article).
            stats.inc_value(f"aacrawler/discovery/home/{kind}")
            yield from self._follow_hub(page, kind)
        if kind == "article":
            # What every listing said of it, under each URL it was asked by.
            asked = [item.url, *(self.site.to_archive(u) for u in response.meta.get("redirect_urls", []))]
            item.listing = merged_hints(listing, *(self.hints.pop(normalize_url(u), None) for u in asked))
            yield item
            return
        if response.meta.get("hub"):
            return
        if kind != "listing":
            stats.inc_value(f"aacrawler/other_pages/{kind}")
            if response.meta.get("kind") == "article":
                settle_without_record(self.crawler, item.url, f"not an article ({kind})")
            return
        yield from self._follow_listing(page)

    def _follow_hub(self, page: Page, kind: str):
        archives = [u for u in archive_links(page) if self.site.is_archive(u)] if "listings" in self.sources else []
        if self.store.mode == INCREMENTAL and any(is_category(u) for u in archives):
            # Every post is in a category: new ones show first there. Tag
            # archives only list them again (fresh runs walk them too).
            archives = [u for u in archives if is_category(u)]
        for url in archives:
            yield self._request(self.site.canonical(url), self.parse, LISTING_PRIORITY, "listing")
        if "home" in self.sources:
            # Fetched once the listings are walked (spider_idle), so a
            # listing entry, which says more, comes first.
            for entry in article_links(page):
                if self.site.is_archive(entry.url):
                    self._remember_hints(entry.url, entry.hints)
                    self.coverage.add(self.site.canonical(entry.url), "home")
        if kind == "listing" and "listings" in self.sources and (not archives or listing_base(page.url) != listing_base(self.site.archive)):
            # A home that is the archive's only listing, or a start that
            # landed on a category: walk it too.
            yield from self._follow_listing(page)

    def _remember_hints(self, url: str, hints: ListingHints) -> None:
        key = normalize_url(url)
        self.hints[key] = merged_hints(self.hints.get(key), hints)

    def _follow_listing(self, page: Page):
        entries = listing_entries(page)
        base = listing_base(page.url)
        self.coverage.listing_page(base, len(entries))
        for entry in entries:
            if self.site.is_archive(entry.url):
                url = self.site.canonical(entry.url)
                self._remember_hints(url, entry.hints)
                self.coverage.add(url, "listings").requested = True
                yield self._request(url, self.parse, ARTICLE_PRIORITY, "article", listing=entry.hints)
        # After the entries: the scheduling middleware decides on the next
        # page once it has seen every entry of this one.
        pages = pagination(page)
        if pages.last:
            self.listing_last[base] = max(self.listing_last.get(base, 0), pages.last)
        for url in pages.next:
            if self.site.is_archive(url):
                yield self._request(self.site.canonical(url), self.parse, LISTING_PRIORITY, "next-page")

    def _after_failed_listing(self, request: Request) -> list[Request]:
        """A listing page that failed does not end its listing: the next
        page is tried when the pagination showed one, or, with no page
        numbers shown (Divi's "« Older Entries"), once."""
        url = self.site.to_archive(request.url)
        base, number = listing_base(url), page_number(url)
        last = self.listing_last.get(base)
        speculative = request.meta.get("after_failure", False)
        if not speculative or (last and number <= last):
            self.coverage.listing_page_failed(base)
        following = with_page_number(url, number + 1)
        if following is None or (last and number >= last) or (not last and speculative):
            return []
        self.crawler.stats.inc_value("aacrawler/listings/walked_past_failure")
        retry = self._request(self.site.canonical(following), self.parse, LISTING_PRIORITY, "next-page")
        retry.meta["after_failure"] = True
        return [retry]

    def spider_idle(self):
        """The listings are walked: fetch the articles only other sources
        (home, sitemaps, feed, REST API) found."""
        if self.start_sitemaps_if_not_started():
            raise DontCloseSpider
        requests = []
        for entry in self.coverage.pending():
            entry.requested = True
            if self.store.is_exported(entry.url):
                self.crawler.stats.inc_value("aacrawler/skipped/already_exported")
                continue
            if self.store.no_record_reason(entry.url):
                self.crawler.stats.inc_value("aacrawler/skipped/no_record_before")
                continue
            hints = self.hints.get(normalize_url(entry.url))
            requests.append(self._request(entry.url, self.parse, ARTICLE_PRIORITY, "article", listing=hints))
        if requests:
            self.crawler.stats.inc_value("aacrawler/discovery/fetched_after_listings", len(requests))
            for request in requests:
                self.crawler.engine.crawl(request)
            raise DontCloseSpider

    def give_up(self, failure: Failure):
        """Errback: a request that failed for good (after retries)."""
        request = getattr(failure, "request", None)
        if failure.check(HttpError):
            request = failure.value.response.request
        reason, status = failure_reason(failure)
        self._given_up(request.url if request is not None else "?", reason, status)
        if request is not None and request.meta.get("kind") in ("listing", "next-page"):
            return self._after_failed_listing(request)
        return []

    def _given_up(self, url: str, reason: str, status: int | None) -> None:
        give_up(self.crawler, self.site.to_archive(url), reason, status)

"""The `archive` spider: home page → category archives → every listing
page → every article. It only discovers and fetches: an article page
leaves as a PageItem, and the pipelines make the record.

Arguments (`-a NAME=VALUE`, or the `aacrawler crawl` options):
  start   URLs to start from, separated by spaces or commas (default:
          the home page); a category or tag archive, or an article.
  replay  a mirror folder to answer requests from (aacrawler.replay).
  site    another copy of the archive to fetch from (aacrawler.sites).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from ..clock import utc_now
from ..runs.failures import failure_reason
from ..extract.classify import page_kind
from ..extract.listing import category_links, listing_entries, next_pages
from ..extract.page import Page, looks_like_html
from ..extract.record import page_from_item
from ..items import ListingHints, PageItem
from ..signals import request_given_up
from ..sites import ARCHIVE_URL, Site, check_http_url

# Articles before listings: a listing page yields ten articles, so
# fetching them first keeps the frontier small and records flowing.
ARTICLE_PRIORITY = 10
LISTING_PRIORITY = 0


def _charset(response: Response) -> str | None:
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
    match = re.search(r"charset=([\w.:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def _split_urls(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [u for u in re.split(r"[\s,]+", value) if u]
    return list(value)


class ArchiveSpider(scrapy.Spider):
    name = "archive"

    def __init__(self, start=None, replay=None, site=None, archive=ARCHIVE_URL, **kwargs):
        super().__init__(**kwargs)
        self.site = Site(
            archive=archive,
            fetch_from=check_http_url(site, "--site") if site else None,
        )
        self.start_pages = [check_http_url(u, "--start") for u in _split_urls(start)]
        # Only the host actually fetched from: with --site, a redirect to
        # the real archive must not leave the copy either.
        self.allowed_domains = [urlsplit(site).hostname] if site else [self.site.archive_host]

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        # `-a replay=…`/`-a site=…` become settings, so the replay add-on and
        # middleware (built after the spider) see them.
        for argument, setting in (("replay", "AACRAWLER_REPLAY"), ("site", "AACRAWLER_SITE")):
            if kwargs.get(argument):
                crawler.settings.set(setting, kwargs[argument], priority="spider")
            elif crawler.settings.get(setting):
                kwargs[argument] = crawler.settings.get(setting)
        return super().from_crawler(crawler, *args, **kwargs)

    async def start(self):
        for url in self.start_pages or [self.site.archive]:
            yield self._request(self.site.canonical(url), self.parse, LISTING_PRIORITY, "listing")

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
        if kind == "article":
            yield item
            return
        if kind != "listing":
            stats.inc_value(f"aacrawler/other_pages/{kind}")
            return
        stats.inc_value("aacrawler/listing_pages")
        yield from self._follow_listing(page)

    def _follow_listing(self, page: Page):
        if urlsplit(page.url).path in ("", "/"):
            # The home page: only the category archives it links (SITE.md:
            # the main menu). Its entries are in those archives too, where
            # the entry says more (byline, date); its pagination would walk
            # the archive twice.
            for url in category_links(page):
                if self.site.is_archive(url):
                    yield self._request(self.site.canonical(url), self.parse, LISTING_PRIORITY, "listing")
            return
        for entry in listing_entries(page):
            if self.site.is_archive(entry.url):
                yield self._request(
                    self.site.canonical(entry.url), self.parse, ARTICLE_PRIORITY, "article", listing=entry.hints
                )
        # After the entries: the scheduling middleware decides on the next
        # page once it has seen every entry of this one.
        for url in next_pages(page):
            if self.site.is_archive(url):
                yield self._request(self.site.canonical(url), self.parse, LISTING_PRIORITY, "next-page")

    def give_up(self, failure: Failure):
        """Errback: a request that failed for good (after retries)."""
        request = getattr(failure, "request", None)
        if failure.check(HttpError):
            request = failure.value.response.request
        reason, status = failure_reason(failure)
        self._given_up(request.url if request is not None else "?", reason, status)

    def _given_up(self, url: str, reason: str, status: int | None) -> None:
        self.crawler.stats.inc_value("aacrawler/given_up")
        self.crawler.stats.inc_value(f"aacrawler/given_up_by_reason/{reason}")
        self.crawler.signals.send_catch_log(
            request_given_up, url=self.site.to_archive(url), reason=reason, status=status
        )

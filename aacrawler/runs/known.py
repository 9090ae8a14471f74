"""The known-article spider middleware: it keeps the crawl from fetching
articles already exported (runs/store.py) and, in incremental and
resumed runs, those whose page gave no record last time (a 404, a post
with no text: runs/state.py), stops walking a listing once
it only shows known articles (incremental runs, plus
AACRAWLER_LISTING_MARGIN pages) or only articles older than --since, and
skips entries outside the --since/--until window when the listing dates
them. Requests carry `meta["kind"]` (article, listing, next-page) for it.
"""

from __future__ import annotations

from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from ..extract.meta import parse_date
from .state import INCREMENTAL
from .store import state_store
from .window import DateWindow


class KnownArticleMiddleware(BaseSpiderMiddleware):
    """Filters the spider's requests (see module doc)."""

    def __init__(self, crawler):
        super().__init__(crawler)
        settings = crawler.settings
        self.margin = settings.getint("AACRAWLER_LISTING_MARGIN")
        self.window = DateWindow.from_settings(settings)
        self.stats = crawler.stats

    @property
    def state(self):
        return state_store(self.crawler)

    def get_processed_request(self, request, response):
        kind = request.meta.get("kind")
        if response is None or kind not in ("article", "next-page"):
            return request
        page = response.meta.setdefault("listing_page", {"entries": 0, "known": 0, "dated": 0, "older": 0})
        if kind == "article":
            return self._article(request, page)
        return self._next_page(request, response, page)

    def _archive_url(self, request) -> str:
        # The store knows archive URLs; under --site a request goes to the
        # copy (http://127.0.0.1:8000/…), so ask in the archive's terms.
        site = getattr(self.crawler.spider, "site", None)
        return site.to_archive(request.url) if site is not None else request.url

    def _article(self, request, page):
        page["entries"] += 1
        url = self._archive_url(request)
        if self.state.is_exported(url):
            page["known"] += 1
            self.stats.inc_value("aacrawler/skipped/already_exported")
            return None
        if self.state.no_record_reason(url):
            page["known"] += 1  # known to give nothing: no reason to walk on
            self.stats.inc_value("aacrawler/skipped/no_record_before")
            return None
        hints = request.cb_kwargs.get("listing")
        published = parse_date(hints.published) if hints is not None else None
        if published is not None:
            page["dated"] += 1
            if self.window.is_before(published):
                page["older"] += 1
                self.stats.inc_value("aacrawler/skipped/before_since")
                return None
            if self.window.is_after(published):
                self.stats.inc_value("aacrawler/skipped/after_until")
                return None
        return request

    def _next_page(self, request, response, page):
        # Listings run newest first: a page all older than --since ends it.
        if self.window.since and page["dated"] and page["older"] == page["dated"] == page["entries"]:
            self.stats.inc_value("aacrawler/listings_stopped/since")
            return None
        if self.state.mode != INCREMENTAL:
            return request  # a resumed crawl must walk every listing page
        all_known = page["entries"] > 0 and page["known"] == page["entries"]
        old_pages = response.meta.get("old_pages", 0) + 1 if all_known else 0
        if old_pages > self.margin:
            self.stats.inc_value("aacrawler/listings_stopped/known")
            return None
        request.meta["old_pages"] = old_pages
        return request


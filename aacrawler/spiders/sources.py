"""The spider's discovery sources beyond its pages: sitemaps, the feed
and the WordPress REST API (aacrawler.discovery). Each probes politely
(a request or a few, through robots.txt like any other), and a source
the site lacks is a counted answer (a 404), not an error: it is neither
given up nor in OUT.failed.jsonl, and the crawl goes on without it.

Article URLs found here are registered (runs/coverage.py); the spider
fetches those the listings did not reach once the listings are walked
(ArchiveSpider.spider_idle), so a listing entry's byline and date still
fill what an article page lacks.
"""

from __future__ import annotations

from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from ..discovery.feeds import NotAFeed, feed_links
from ..discovery.restapi import NotAnApiAnswer, header_int, post_links, posts_url
from ..discovery.sitemaps import WELL_KNOWN, NotASitemap, read_sitemap, sitemaps_in_robots
from ..runs.failures import failure_reason
from ..runs.state import INCREMENTAL

DISCOVERY_PRIORITY = 5  # after articles, before listing pages: cheap and telling


class DiscoverySources:
    """Mixin of ArchiveSpider: needs self.site, self.sources, self.coverage,
    self.store, self.crawler."""

    sitemaps_started = False

    def source_requests(self):
        root = self.site.archive.rstrip("/")
        if "sitemaps" in self.sources and not self.crawler.settings.getbool("ROBOTSTXT_OBEY"):
            # Nobody else reads robots.txt: ask for it (else robots_received).
            self.sitemaps_started = True
            yield self._probe(f"{root}/robots.txt", self.parse_robots, "sitemaps", self._well_known())
        if "feeds" in self.sources:
            yield self._probe(f"{root}/feed/", self.parse_feed, "feeds")
        if "api" in self.sources:
            yield self._probe(posts_url(root, 1, self.api_per_page), self.parse_api, "api", page=1)

    def _probe(self, archive_url: str, callback, source: str, fallbacks=(), **cb_kwargs) -> Request:
        return Request(
            self.site.to_fetch(archive_url), callback=callback, errback=self.probe_failed,
            priority=DISCOVERY_PRIORITY, cb_kwargs=cb_kwargs,
            meta={"kind": "discovery", "source": source, "fallbacks": list(fallbacks)},
        )

    def _found(self, url: str, source: str, lastmod: str | None = None) -> bool:
        if not self.site.is_archive(url):
            url = self.site.to_archive(url)  # a copy's own links (--site)
        if not self.site.is_archive(url):
            return False
        self.coverage.add(self.site.canonical(url), source, lastmod)
        self.crawler.stats.inc_value(f"aacrawler/discovery/{source}/found")
        return True

    def _unavailable(self, source: str, why: str, fallbacks: list[str]):
        self.crawler.stats.inc_value(f"aacrawler/discovery/{source}/unavailable")
        if fallbacks:  # the next place a sitemap may be
            return [self._probe(fallbacks[0], self.parse_sitemap, source, fallbacks[1:])]
        self.coverage.probes.setdefault(source, why)
        return []

    def probe_failed(self, failure: Failure):
        request = failure.value.response.request if failure.check(HttpError) else failure.request
        reason, _ = failure_reason(failure)
        return self._unavailable(request.meta["source"], reason, request.meta.get("fallbacks", []))

    # --- sitemaps ---
    def _well_known(self) -> list[str]:
        return [self.site.archive.rstrip("/") + path for path in WELL_KNOWN]

    def robots_received(self, response: Response, request: Request, spider):
        """The robots.txt Scrapy's RobotsTxtMiddleware fetched (signal
        response_received): its Sitemap: lines, without a second request."""
        if self.sitemaps_started or "sitemaps" not in self.sources:
            return
        if not request.meta.get("dont_obey_robotstxt") or not request.url.endswith("/robots.txt"):
            return
        self.sitemaps_started = True
        if 200 <= response.status < 300:
            requests = list(self.parse_robots(response))
        else:  # no robots.txt: the well-known places
            wells = self._well_known()
            requests = [self._probe(wells[0], self.parse_sitemap, "sitemaps", wells[1:])]
        for follow in requests:
            self.crawler.engine.crawl(follow)

    def start_sitemaps_if_not_started(self) -> bool:
        """At idle: robots.txt never came (it could not be fetched)."""
        if self.sitemaps_started or "sitemaps" not in self.sources:
            return False
        self.sitemaps_started = True
        wells = self._well_known()
        self.crawler.engine.crawl(self._probe(wells[0], self.parse_sitemap, "sitemaps", wells[1:]))
        return True

    def parse_robots(self, response: Response):
        named = [self.site.to_archive(u) for u in sitemaps_in_robots(response.body, response.url)]
        named = [self.site.canonical(u) for u in named if self.site.is_archive(u)]
        candidates = named or self._well_known()
        yield self._probe(candidates[0], self.parse_sitemap, "sitemaps", candidates[1:])

    def parse_sitemap(self, response: Response):
        try:
            sitemap = read_sitemap(response.body)
        except NotASitemap as error:
            yield from self._unavailable("sitemaps", f"not a sitemap: {error}", response.meta.get("fallbacks", []))
            return
        self.coverage.probes["sitemaps"] = "found"
        since = self.store.previous_started_at if self.store.mode == INCREMENTAL else None
        for child in sitemap.children:
            # An incremental run skips a sitemap unchanged since the last run.
            if since and child.lastmod and child.lastmod < since:
                self.crawler.stats.inc_value("aacrawler/discovery/sitemaps/unchanged")
                continue
            yield self._probe(self.site.canonical(child.url), self.parse_sitemap, "sitemaps")
        listed = sum(1 for entry in sitemap.articles if self._found(entry.url, "sitemaps", entry.lastmod))
        if listed:
            self.sitemap_total += listed
            self.coverage.state_total("sitemaps", self.sitemap_total)

    # --- the feed ---
    def parse_feed(self, response: Response):
        try:
            links = feed_links(response.body)
        except NotAFeed as error:
            yield from self._unavailable("feeds", f"not a feed: {error}", [])
            return
        self.coverage.probes["feeds"] = "found"
        for link in links:
            self._found(link, "feeds")

    # --- the REST API ---
    def parse_api(self, response: Response, page: int):
        try:
            links = post_links(response.body)
        except NotAnApiAnswer as error:
            yield from self._unavailable("api", f"not the REST API: {error}", [])
            return
        self.coverage.probes["api"] = "found"
        total = header_int(response.headers, "X-WP-Total")
        if total is not None:
            self.coverage.state_total("api", total)
        pages = header_int(response.headers, "X-WP-TotalPages")
        new = sum(1 for link in links if not self.store.is_exported(link))
        for link in links:
            self._found(link, "api")
        more = page < pages if pages is not None else len(links) >= self.api_per_page
        # Newest first: an incremental run stops at a page it knows whole.
        if more and (self.store.mode != INCREMENTAL or new):
            yield self._probe(posts_url(self.site.archive, page + 1, self.api_per_page), self.parse_api, "api", page=page + 1)

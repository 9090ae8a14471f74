"""Downloader middlewares for live crawls: retries that wait, and a
User-Agent that says who is crawling."""

from __future__ import annotations

import logging
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone

from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

from .headers import check_header_settings

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | None) -> float | None:
    """A Retry-After header (seconds, or an HTTP date) in seconds."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry, but a retried request waits first: the server's
    Retry-After if it sent one, else AACRAWLER_RETRY_BACKOFF_BASE doubled
    on each retry; both capped by AACRAWLER_RETRY_BACKOFF_MAX."""

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("AACRAWLER_RETRY_BACKOFF_BASE")
        self.backoff_max = settings.getfloat("AACRAWLER_RETRY_BACKOFF_MAX")

    def delay_for(self, request, response=None) -> float:
        retries = request.meta.get("retry_times", 0)
        delay = self.backoff_base * (2 ** retries)
        if response is not None:
            server_says = retry_after_seconds(response.headers.get(b"Retry-After"))
            if server_says is not None:
                delay = server_says
        return min(delay, self.backoff_max)

    async def process_response(self, request, response, spider=None):
        result = super().process_response(request, response)
        if result is not response:
            await self._wait(self.delay_for(request, response), request)
        return result

    async def process_exception(self, request, exception, spider=None):
        result = super().process_exception(request, exception)
        if result is not None:
            await self._wait(self.delay_for(request), request)
        return result

    async def _wait(self, seconds: float, request) -> None:
        if seconds > 0:
            from twisted.internet import reactor  # the one Scrapy installed

            logger.debug("Waiting %.1fs before retrying %s", seconds, request.url)
            await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))


class ContactUserAgentMiddleware:
    """USER_AGENT, plus AACRAWLER_CONTACT so operators can reach us."""

    def __init__(self, user_agent: str):
        self.user_agent = user_agent

    @classmethod
    def from_crawler(cls, crawler):
        # However the crawl was started (`scrapy crawl -s`, Scrapyd): no
        # control character reaches a header.
        check_header_settings(crawler.settings)
        agent = crawler.settings.get("USER_AGENT")
        contact = crawler.settings.get("AACRAWLER_CONTACT")
        if contact:
            agent = f"{agent} contact: {contact}"
        return cls(agent)

    def process_request(self, request, spider=None):
        request.headers.setdefault(b"User-Agent", self.user_agent)


class AccountedRedirectMiddleware(RedirectMiddleware):
    """Scrapy's redirects, but no redirect is lost without a reason: a
    redirect to another host is refused here (Scrapy's offsite filter would
    drop it silently), and a loop runs into REDIRECT_MAX_TIMES (the
    dupefilter would drop it silently) so the request's errback hears of
    both."""

    def _redirect(self, redirected, request, reason):
        allowed = getattr(self.crawler.spider, "allowed_domains", None) or []
        host = (urlsplit(redirected.url).hostname or "").lower()
        if allowed and host not in allowed:
            raise IgnoreRequest(f"redirect to another host ({host})")
        loop = redirected.url in (*request.meta.get("redirect_urls", []), request.url)
        redirected = super()._redirect(redirected, request, reason)
        if loop:
            redirected.dont_filter = True  # let the loop meet the limit
        return redirected

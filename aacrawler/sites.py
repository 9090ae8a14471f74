"""The archive and the copy of it a crawl actually fetches from.

The crawl always reasons in the archive's own URLs (records must be the
same whichever copy served them, RECORD.md); `--site` only changes where
requests go: a local server on 127.0.0.1, a staging copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

ARCHIVE_URL = "https://eng-archive.aawsat.com/"


class SiteError(ValueError):
    """A --site or --start value that is not a usable http(s) URL."""


def check_http_url(url: str, what: str) -> str:
    # urlsplit silently drops CR, LF and tab: the URL would not be the one given.
    if any(ord(char) < 32 or ord(char) == 127 for char in url):
        raise SiteError(f"{what} {url!r}: a control character in a URL")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SiteError(f"{what} {url!r} is not an http(s) URL")
    return url


@dataclass(frozen=True)
class Site:
    """Maps archive URLs to the copy being fetched, and back."""

    archive: str = ARCHIVE_URL
    fetch_from: str | None = None

    @property
    def archive_host(self) -> str:
        return urlsplit(self.archive).hostname or ""

    def check_start(self, url: str) -> str:
        """A start page the crawl may request: on the archive's host or on
        the --site copy's (no request ever leaves them)."""
        host = (urlsplit(url).hostname or "").lower()
        hosts = [self.archive_host] + ([urlsplit(self.fetch_from).hostname.lower()] if self.fetch_from else [])
        if host not in hosts:
            raise SiteError(f"--start {url!r}: not on the archive's host ({' or '.join(hosts)}); the crawl requests nothing else")
        return url

    def is_archive(self, url: str) -> bool:
        return (urlsplit(url).hostname or "").lower() == self.archive_host

    def canonical(self, url: str) -> str:
        """The archive URL in the archive's scheme (http and https links
        are one page; fetching both would be a wasted request)."""
        parts = urlsplit(url)
        if (parts.hostname or "").lower() != self.archive_host:
            return url
        scheme = urlsplit(self.archive).scheme
        return urlunsplit((scheme, parts.netloc.lower(), parts.path or "/", parts.query, ""))

    def to_fetch(self, archive_url: str) -> str:
        if not self.fetch_from or not self.is_archive(archive_url):
            return archive_url
        base, parts = urlsplit(self.fetch_from), urlsplit(archive_url)
        prefix = base.path.rstrip("/")
        return urlunsplit((base.scheme, base.netloc, prefix + (parts.path or "/"), parts.query, ""))

    def to_archive(self, fetched_url: str) -> str:
        if not self.fetch_from:
            return fetched_url
        base, parts = urlsplit(self.fetch_from), urlsplit(fetched_url)
        if parts.netloc != base.netloc:
            return fetched_url
        prefix = base.path.rstrip("/")
        # The copy's prefix as a whole path segment: under /copy/ the page
        # /copyright/ is not /right/.
        under = prefix and (parts.path == prefix or parts.path.startswith(prefix + "/"))
        path = parts.path[len(prefix):] if under else parts.path
        archive = urlsplit(self.archive)
        return urlunsplit((archive.scheme, archive.netloc, path or "/", parts.query, ""))

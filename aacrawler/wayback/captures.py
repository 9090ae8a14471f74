"""The capture map: every capture the archive holds of the site, by URL,
and the choice of the capture to read for a URL.

URLs are folded as the archive folds them (and as RECORD.md's article
keys do): http and https, `www.`, a default port and a trailing slash
make no other page. The choice, for one URL, within the capture window:

1. captures with status 200 and an HTML type, newest first (robots.txt:
   any type); a `warc/revisit` row counts as the capture it repeats (same
   URL, same digest), which is the one played back;
2. then the newest redirect capture (3xx), whose target is looked up in
   the map in its turn (the middleware hands the spider the redirect).

Each page capture is checked by content when played back (quality.py): a
soft 404 or an empty page makes the crawl try the next one. Rows of
other types (images, feeds, scripts) are never candidates. No Scrapy.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from ..keys import normalize_url

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
REVISIT = "warc/revisit"
ROBOTS = "/robots.txt"

# Paths that are never an article (SITE.md: listings, feeds, WordPress's own).
_NOT_ARTICLE_SEGMENTS = frozenset({
    "category", "tag", "author", "page", "feed", "rss", "amp", "embed", "trackback",
    "comments", "search", "wp-content", "wp-includes", "wp-admin", "wp-json", "attachment",
})
_FILE = re.compile(r"\.[a-z0-9]{2,5}$", re.IGNORECASE)


def fold(url: str) -> str:
    return normalize_url(url)


def timestamp_iso(timestamp: str) -> str:
    """`20160315120000` → `2016-03-15T12:00:00Z` (CDX times are UTC)."""
    t = timestamp.ljust(14, "0")
    return f"{t[0:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"


@dataclass(frozen=True)
class Capture:
    timestamp: str
    original: str
    mimetype: str
    status: str
    digest: str

    @classmethod
    def from_row(cls, row: list[str]) -> "Capture":
        return cls(*row[:5])

    def row(self) -> list[str]:
        return [self.timestamp, self.original, self.mimetype, self.status, self.digest]

    @property
    def captured_at(self) -> str:
        return timestamp_iso(self.timestamp)

    @property
    def is_redirect(self) -> bool:
        return self.status[:1] == "3"

    @property
    def is_revisit(self) -> bool:
        return self.mimetype == REVISIT

    def archive_url(self, archive: str) -> str:
        """The original bytes (`id_`): no toolbar, no rewritten links."""
        return f"{archive.rstrip('/')}/web/{self.timestamp}id_/{self.original}"


def worth_keeping(capture: Capture) -> bool:
    """Rows the choice can use; the others (images, feeds …) are dropped
    when the listing is read, so the map holds pages only."""
    if capture.is_redirect or capture.is_revisit:
        return True
    if capture.mimetype.split(";")[0].strip().lower() in HTML_TYPES:
        return True
    return urlsplit(capture.original).path == ROBOTS


@dataclass(frozen=True)
class Window:
    """--captured-from / --captured-until (YYYY-MM-DD, both inclusive)."""

    since: str | None = None
    until: str | None = None

    @classmethod
    def from_dates(cls, since: str | None, until: str | None) -> "Window":
        digits = lambda d: date.fromisoformat(d).strftime("%Y%m%d") if d else None  # noqa: E731
        return cls(digits(since), digits(until))

    def holds(self, timestamp: str) -> bool:
        day = timestamp[:8]
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)


def is_article_path(url: str) -> bool:
    """Does the URL look like an article (SITE.md: /<author>/<category>/<slug>/)?
    Listings, feeds, AMP copies, files and URLs with a query do not."""
    parts = urlsplit(url)
    if parts.query:
        return False
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) != 3:
        return False
    return not any(s.lower() in _NOT_ARTICLE_SEGMENTS for s in segments) and not _FILE.search(segments[-1])


class CaptureMap:
    """Captures by folded URL (see module doc)."""

    def __init__(self, window: Window = Window()):
        self.window = window
        self.by_url: dict[str, list[Capture]] = defaultdict(list)
        self.rows = 0

    def add(self, capture: Capture) -> None:
        if worth_keeping(capture):
            self.by_url[fold(capture.original)].append(capture)
            self.rows += 1

    def __contains__(self, url: str) -> bool:
        return fold(url) in self.by_url

    def candidates(self, url: str) -> list[Capture]:
        """The captures to try for `url`, in order (module doc)."""
        rows = self.by_url.get(fold(url), [])
        robots = urlsplit(url).path == ROBOTS
        by_digest = {c.digest: c for c in rows if not c.is_revisit and c.status == "200"}
        seen_pages: list[tuple[str, Capture]] = []  # (time it vouches for, capture)
        redirects: list[Capture] = []
        for capture in rows:
            if not self.window.holds(capture.timestamp):
                continue
            if capture.is_redirect:
                redirects.append(capture)
                continue
            played = by_digest.get(capture.digest) if capture.is_revisit else capture
            if played is None or played.status != "200":
                continue
            if robots or played.mimetype.split(";")[0].strip().lower() in HTML_TYPES:
                seen_pages.append((capture.timestamp, played))
        pages: list[Capture] = []
        for _, capture in sorted(seen_pages, key=lambda pair: pair[0], reverse=True):
            if capture not in pages:
                pages.append(capture)
        redirects.sort(key=lambda c: c.timestamp, reverse=True)
        return pages + redirects[:1]

    def article_urls(self, archive: str) -> list[str]:
        """Every article-looking URL the map holds a page capture of, as the
        archive's own URL (scheme and host of `archive`), sorted."""
        base = urlsplit(archive)
        urls = set()
        for captures in self.by_url.values():
            pages = [c for c in captures if not c.is_redirect and self.window.holds(c.timestamp)]
            if not pages or not is_article_path(pages[0].original):
                continue
            path = urlsplit(pages[0].original).path
            urls.add(f"{base.scheme}://{base.netloc}{path if path.endswith('/') else path + '/'}")
        return sorted(urls)

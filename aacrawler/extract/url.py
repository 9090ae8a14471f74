"""The record's URL (RECORD.md "url").

The page's `<link rel="canonical">`, resolved against the page's own URL,
when it is on the same host, or when the page has no web URL of its own
(a local file outside a mirror, given without --url: its `file://` URI);
else the page's own URL: a column syndicated from another site keeps the
archive's URL, whether crawled or extracted with --url. The fragment is
always dropped.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from . import selectors as S
from .page import Page


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def drop_fragment(url: str) -> str:
    return url.split("#", 1)[0]


def extract_url(page: Page) -> str:
    # A file given a web URL (--url, its place in a mirror) follows the
    # rule of a crawled page; a file:// page takes its canonical.
    own = drop_fragment(page.url)
    canonical = page.first(S.CANONICAL)
    if canonical:
        resolved = drop_fragment(page.absolute(canonical))
        if urlsplit(resolved).scheme in ("http", "https", "file") and (
            urlsplit(own).scheme not in ("http", "https") or host_of(resolved) == host_of(own)
        ):
            return resolved
    return own

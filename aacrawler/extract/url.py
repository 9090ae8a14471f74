"""The record's URL (RECORD.md "url").

The page's `<link rel="canonical">`, resolved against the page's own URL,
when it is on the same host or the page was read from a local file; else
the page's own URL. The fragment is always dropped.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from . import selectors as S
from .page import Page


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def drop_fragment(url: str) -> str:
    return url.split("#", 1)[0]


def extract_url(page: Page, from_file: bool = False) -> str:
    own = drop_fragment(page.url)
    canonical = page.first(S.CANONICAL)
    if canonical:
        resolved = drop_fragment(page.absolute(canonical))
        if urlsplit(resolved).scheme in ("http", "https", "file") and (
            from_file or own.startswith("file:") or _host(resolved) == _host(own)
        ):
            return resolved
    return own

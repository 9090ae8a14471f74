"""Is a played-back capture a real page of the archive? Archives keep
what the crawler saw, and that is often no page at all: a 200 "Page not
found" (a soft 404), an empty body, a parked domain's page. A capture
that fails is skipped for the next older one (captures.py).

Judged by content, with the extraction's own rules (no Scrapy here):
every page of the archive names it in its <title> (SITE.md), and the
page classifier knows an error page.
"""

from __future__ import annotations

import re

from ..extract.classify import page_kind
from ..extract.page import Page, looks_like_html

_ARCHIVE_NAME = re.compile(rb"asharq\s+al-?awsat", re.IGNORECASE)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def capture_problem(body: bytes, url: str, declared: str | None = None) -> str | None:
    """Why this capture is not a real page of the archive, or None."""
    if not body.strip():
        return "empty page"
    if not looks_like_html(body):
        return "not an HTML page"
    title = _TITLE.search(body[:20000])
    if title is None or not _ARCHIVE_NAME.search(title.group(1)):
        return "not a page of the archive (no archive title)"
    page = Page.from_bytes(body, url, declared)
    if page_kind(page) == "error":
        return "soft 404"
    return None

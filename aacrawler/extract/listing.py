"""What a listing page shows (SITE.md "Listing pages"): its entries, with
what each says of its article, and the link to the next, older page.

The spider uses these to walk the archive; they never decide what an
article page holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .tree import Element

from ..items import ListingHints
from . import selectors as S
from .page import Page, compiled
from .paragraphs import element_text

_BYLINE = re.compile(r"^\s*by\s+(?P<author>[^|]+?)\s*\|\s*(?P<date>[^|]+?)\s*(?:\|\s*(?P<category>.+?))?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class ListingEntry:
    url: str
    hints: ListingHints


def _absolute(page: Page, href: str | None) -> str | None:
    if not href or href.strip().lower().startswith(("javascript:", "mailto:", "#")):
        return None
    url = page.absolute(href).split("#", 1)[0]
    return url if urlsplit(url).scheme in ("http", "https") else None


def _first_text(entry: Element, css: str) -> str | None:
    for element in compiled(css)(entry):
        text = element_text(element).strip()
        if text:
            return text
    return None


def _entry_hints(entry: Element) -> ListingHints:
    author = None
    for css in ("span.author a", "span.author", "a[rel~='author']"):
        author = _first_text(entry, css)
        if author:
            break
    published = None
    for element in compiled("span.published, time")(entry):
        published = element.get("datetime") or element_text(element).strip() or None
        if published:
            break
    categories = [element_text(a) for a in compiled("a[rel~='category']")(entry)]
    meta_line = _first_text(entry, ".post-meta")
    match = _BYLINE.match(meta_line or "")
    if match:  # "by Amir Taheri | Jun 27, 2014 | Opinion" without markup
        author = author or match.group("author")
        published = published or match.group("date")
        if not categories and match.group("category"):
            categories = [c.strip() for c in match.group("category").split(",")]
    return ListingHints(author=author, published=published, categories=categories)


def listing_entries(page: Page) -> list[ListingEntry]:
    """Each entry's article link, with what the entry says of it."""
    entries = []
    for entry in page.entries:
        for css in S.LISTING_ENTRY_LINK:
            hrefs = compiled(css.split("::")[0])(entry)
            url = _absolute(page, hrefs[0].get("href")) if hrefs else None
            if url:
                entries.append(ListingEntry(url, _entry_hints(entry)))
                break
    return entries


def next_pages(page: Page) -> list[str]:
    """Links to the next (older) listing page."""
    hrefs = [page.selector.css(css).get() for css in S.PAGINATION_NEXT]
    hrefs += page.selector.xpath(S.PAGINATION_NEXT_TEXT).getall()
    found: dict[str, None] = {}
    for href in hrefs:
        url = _absolute(page, href)
        if url:
            found.setdefault(url, None)
    return list(found)

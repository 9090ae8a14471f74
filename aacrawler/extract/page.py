"""A parsed page: the document, its URL, and where its article lives."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urljoin

from lxml.html import HtmlElement
from parsel import Selector
from w3lib.encoding import html_to_unicode

from ..sites import Site
from . import selectors as S
from .furniture import in_furniture


def _detect_undeclared(body: bytes) -> str:
    # RECORD.md "encoding": a page with no declaration is UTF-8 when it
    # decodes as UTF-8, else the web's usual single-byte encoding.
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


_SINGLE_BYTE = frozenset({"cp1252", "latin-1", "latin1", "iso8859-1", "iso-8859-1", "ascii", "windows-1252"})


def decode_html(body: bytes, encoding: str | None = None) -> str:
    """Decode a page: BOM, then the transport's charset, then the page's
    own declaration, then detection (UTF-8 if valid, else windows-1252).
    """
    content_type = None
    if encoding:
        try:
            codecs.lookup(encoding)
            content_type = f"text/html; charset={encoding}"
        except LookupError:
            pass  # an unknown charset label is no declaration at all
    encoding, text = html_to_unicode(content_type, body, auto_detect_fun=_detect_undeclared)
    # A wrong declaration (old pages, a misconfigured server) is caught by
    # the bytes themselves: windows-1252 is rarely valid UTF-8, and UTF-8
    # is never a windows-1252 page with accented letters in pairs.
    if "\ufffd" in text and encoding in ("utf-8", "utf8") and _detect_undeclared(body) == "cp1252":
        return body.decode("cp1252", errors="replace")
    if encoding in _SINGLE_BYTE and not body.isascii() and _detect_undeclared(body) == "utf-8":
        return body.decode("utf-8")
    return text


@dataclass
class Page:
    """One HTML document and the URL it stands for."""

    selector: Selector
    url: str
    # The copy of the archive the page came from, if not the archive
    # itself: links to the copy stand for the archive's own URLs.
    site: Site | None = None

    @classmethod
    def from_html(cls, html: str, url: str, site: Site | None = None) -> "Page":
        return cls(Selector(text=html, type="html", base_url=url), url, site)

    def absolute(self, href: str) -> str:
        """`href` resolved against the page, in the archive's URLs."""
        url = urljoin(self.url, href.strip())
        return self.site.to_archive(url) if self.site is not None else url

    @property
    def root(self) -> HtmlElement:
        return self.selector.root

    @cached_property
    def content(self) -> HtmlElement | None:
        """The article's content block (`div.entry-content` or its kin)."""
        for css in S.CONTENT_BLOCKS:
            for candidate in self.selector.css(css):
                element = candidate.root
                if not in_furniture(element):
                    return element
        return None

    @cached_property
    def article(self) -> HtmlElement:
        """The region holding the one article: its <article>, else the
        main content area, else <body>."""
        content = self.content
        if content is not None:
            for ancestor in content.iterancestors():
                if ancestor.tag == "article":
                    return ancestor
        articles = self.entries
        if len(articles) == 1:
            return articles[0]
        for css in S.MAIN_REGIONS:
            found = self.selector.css(css)
            if found:
                return found[0].root
        body = self.root.find("body")
        return body if body is not None else self.root

    @cached_property
    def entries(self) -> list[HtmlElement]:
        """The post entries shown on the page (one on an article, several
        on a listing), leaving out related posts, widgets and comments."""
        found: list[HtmlElement] = []
        for sel in self.selector.css("article, .et_pb_post, .type-post, .hentry"):
            element = sel.root
            if in_furniture(element):
                continue
            # Count an entry once, not once per nested matching element.
            if any(e is element or _contains(e, element) for e in found):
                continue
            found.append(element)
        return found

    def body_classes(self) -> set[str]:
        body = self.root.find("body")
        return set((body.get("class") or "").split()) if body is not None else set()

    def first(self, *queries: str) -> str | None:
        """Text of the first query (CSS) that matches, stripped; or None."""
        for query in queries:
            value = self.selector.css(query).get()
            if value is not None and value.strip():
                return value.strip()
        return None


def _contains(outer: HtmlElement, inner: HtmlElement) -> bool:
    return any(a is outer for a in inner.iterancestors())

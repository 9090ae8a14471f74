"""A parsed page: the document, its URL, and where its article lives."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from typing import Callable
from urllib.parse import urljoin

from cssselect import HTMLTranslator
from lxml import etree
from parsel import Selector
from parsel.csstranslator import HTMLTranslator as ParselTranslator
from w3lib.encoding import html_body_declared_encoding, read_bom, resolve_encoding

from ..sites import Site
from . import selectors as S
from .furniture import FURNITURE_TAGS, FurnitureCache, is_furniture_or_post, is_hidden, is_not_body, is_post_entry
from .query import WordIndex, parse_selector
from .tree import Element, parse_html, text_content


def _detect_undeclared(body: bytes) -> str:
    # RECORD.md "encoding": a page with no declaration is UTF-8 when it
    # decodes as UTF-8, else the web's usual single-byte encoding.
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


# Tags that say "this is an HTML page", whatever a Content-Type claims.
_MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|title|meta|p|div|article|span|a|h[1-6]|table|br)\b", re.IGNORECASE)


# Bytes that text never holds (tab, newlines and form feed aside).
_CONTROL_BYTES = bytes(sorted(set(range(32)) - {9, 10, 12, 13})) + b"\x7f"


def looks_binary(body: bytes) -> bool:
    """Binary data, not a page: judged by the share of control bytes in
    the first 64 KB (random or compressed data has about 11%, text none),
    so a stray NUL byte, wherever it is, never throws a page away."""
    sample = body[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(sample) // 50)


def looks_like_html(body: bytes) -> bool:
    """Markup in the first 64 KB, and not binary data (looks_binary)."""
    return not looks_binary(body) and bool(_MARKUP.search(body[:65536]))


_TRANSLATOR = HTMLTranslator()
_STRING_TRANSLATOR = ParselTranslator()
_BODY_CLASS = re.compile(rb"<body\b[^>]*?\sclass\s*=\s*[\"']([^\"']*)", re.IGNORECASE)


@lru_cache(maxsize=None)
def compiled(css: str) -> etree.XPath:
    """A CSS selector compiled once into an XPath over elements."""
    return etree.XPath(_TRANSLATOR.css_to_xpath(css))


_TOKEN_ATTRIBUTE = re.compile(r"\[(class|rel|itemprop)(~?)=['\"]([^'\"\s]+)['\"]\]")


@lru_cache(maxsize=None)
def required_tokens(css: str) -> tuple[frozenset[str], ...] | None:
    """For each alternative of `css` (split on commas), the class, rel and
    itemprop words an element needs to match it; None when some
    alternative needs none (a bare tag) or has a test this does not read:
    a query that cannot be ruled out by words."""
    alternatives = []
    for alternative in css.split(","):
        words = {m.group(3) for m in _TOKEN_ATTRIBUTE.finditer(alternative)}
        rest = _TOKEN_ATTRIBUTE.sub("", alternative)
        if any(c in rest for c in "[]:#\"'()"):
            return None
        words.update(re.findall(r"\.([\w-]+)", rest))
        if not words:
            return None
        alternatives.append(frozenset(words))
    return tuple(alternatives)


# parsel's ::text / ::attr(name) ending: what is read, not what matches.
_PSEUDO_ELEMENT = re.compile(r"::(?:text|attr\([\w-]+\))\s*$")


@lru_cache(maxsize=None)
def compiled_strings(css: str) -> etree.XPath:
    """A CSS query ending in parsel's ::text or ::attr(name), compiled
    once (parsel's own translation) into an XPath giving strings."""
    if not _PSEUDO_ELEMENT.search(css.split(",")[0]):
        raise ValueError(f"{css!r} selects elements, not text or an attribute")
    return etree.XPath(_STRING_TRANSLATOR.css_to_xpath(css), smart_strings=False)


_SINGLE_BYTE = frozenset({"cp1252", "latin-1", "latin1", "iso8859-1", "iso-8859-1", "ascii", "windows-1252", "latin_1"})


def page_encoding(body: bytes, declared: str | None = None) -> str:
    """The page's encoding: BOM, then the transport's charset, then the
    page's own declaration, then detection (UTF-8 if valid, else
    windows-1252). A wrong declaration (old pages, a misconfigured server)
    is caught by the bytes themselves: windows-1252 text is rarely valid
    UTF-8, and UTF-8 with accented letters is never read right as
    windows-1252."""
    bom_encoding, _ = read_bom(body)
    if bom_encoding:
        return bom_encoding
    encoding = None
    if declared:
        try:
            encoding = resolve_encoding(declared)  # None for an unknown label
        except LookupError:
            encoding = None
    encoding = encoding or resolve_encoding(html_body_declared_encoding(body) or "") or _detect_undeclared(body)
    if encoding in ("utf-8", "utf8"):
        return "utf-8" if _detect_undeclared(body) == "utf-8" else "cp1252"
    if encoding in _SINGLE_BYTE and not body.isascii() and _detect_undeclared(body) == "utf-8":
        return "utf-8"
    return encoding


def decode_html(body: bytes, encoding: str | None = None) -> str:
    """The page as text (page_encoding; undecodable bytes replaced)."""
    name = page_encoding(body, encoding)
    bom_encoding, bom = read_bom(body)
    if bom:
        body = body[len(bom):]
    try:
        return body.decode(name, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


# Divi marks each post entry <article class="et_pb_post ...">; other
# themes mark the entry wrapper with these classes.
_ENTRY_CLASSES = ".et_pb_post, .type-post, .hentry"
# XPath's id(): libxml2 files the HTML id attributes as it parses, so
# this looks one up without a walk of the page.
_BY_ID = etree.XPath("id($id)")
_BY_CLASS = etree.XPath("//*[contains(concat(' ', normalize-space(@class), ' '), $name)]")


@dataclass
class Page:
    """One HTML document and the URL it stands for."""

    selector: Selector
    url: str
    # The copy of the archive the page came from, if not the archive
    # itself: links to the copy stand for the archive's own URLs.
    site: Site | None = None

    # The source, when known: a cheap first look for labels.
    html: str | bytes | None = None

    # Answers worked out once per page by the field modules (several
    # fields read the same post-meta line).
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_html(cls, html: str, url: str, site: Site | None = None) -> "Page":
        return cls(Selector(root=parse_html(url, text=html), type="html"), url, site, html)

    @classmethod
    def from_bytes(cls, body: bytes, url: str, declared: str | None = None, site: Site | None = None) -> "Page":
        """A page from its bytes. UTF-8 (most pages) is parsed as bytes,
        with no decoding to text and back; other encodings are decoded."""
        encoding = page_encoding(body, declared)
        if encoding == "utf-8":
            _, bom = read_bom(body)
            selector = Selector(root=parse_html(url, body=body[len(bom or b""):]), type="html")
            return cls(selector, url, site, body)
        return cls.from_html(decode_html(body, declared), url, site)

    @cached_property
    def in_furniture(self) -> FurnitureCache:
        """`page.in_furniture(element)`: is it, or an ancestor, furniture?
        The page's own post (`#post-N` for the body's `postid-N`) and what
        it holds are judged without its ancestors: WordPress's post is
        never part of a site header, a menu or a widget, and where the
        parse puts it inside one, the page's markup left an element of
        it open (libxml2 nests the rest of the page in it)."""
        return FurnitureCache(top=self.own_post_element)

    @cached_property
    def own_post_element(self) -> Element | None:
        """The element whose id is the page's own post (`post-N`)."""
        if self.own_post is None:
            return None
        found = _BY_ID(self.root, id=self.own_post)
        return found[0] if found else None

    @cached_property
    def index(self) -> WordIndex:
        """The page's elements filed by class, rel and itemprop word (one
        walk, made when the first query needs it)."""
        return WordIndex(self.root, self.html)

    def select(self, css: str, within: Element | None = None) -> list[Element]:
        """Elements matching `css` at or below `within` (else in the whole
        page), in document order: from the word index when the selector
        allows, else as XPath."""
        selector = parse_selector(css)
        if selector is not None:
            found = self.index.select(selector, within)
            if found is not None:
                return found
        if not self.may_match(css):
            return []
        return compiled(css)(within if within is not None else self.root)

    def may_match(self, css: str) -> bool:
        """False when no element of the page can match `css`: a word the
        query needs is on no element. Queries for a class the page does
        not use (most of the fallbacks) then cost no walk of the page."""
        alternatives = required_tokens(css)
        if alternatives is None:
            return True
        has = self.index.has
        return any(all(map(has, needed)) for needed in alternatives)

    def find(self, css: str, within: Element | None = None) -> list[Element]:
        """Elements matching `css` (below `within`, else in the whole page),
        furniture left out."""
        found = self.select(css, within)
        if not found:  # most queries: no element carries the word
            return found
        in_furniture = self.in_furniture
        return [e for e in found if not in_furniture(e)]

    def find_own(self, css: str) -> list[Element]:
        """Elements matching `css` in the article region, else in the whole
        page; furniture and other posts' entries (a blog module or "more
        posts" grid inside the post, related posts) left out."""
        region = self.article
        found = [e for e in self.find(css, within=region) if not self.nested_post(e, region)]
        if found:
            return found
        return [e for e in self.find(css) if not self.in_other_entry(e) and not self.nested_post(e, region)]

    def nested_post(self, element: Element, region: Element) -> bool:
        """Inside another post's entry below `region`."""
        return in_nested_post(element, region, self.own_post)

    @cached_property
    def own_post(self) -> str | None:
        """`post-N` for the body's `postid-N`: the id and class WordPress
        gives the page's own post (and the theme, often, its wrappers)."""
        return f"post-{self.post_id}" if self.post_id is not None else None

    @cached_property
    def not_body(self) -> Callable[[Element], bool]:
        """`walk`'s skip for the body: furniture, article parts that are
        not body, other posts' entries (the page's own post is not one)."""
        own = self.own_post
        return is_not_body if own is None else partial(is_not_body, own_post=own)

    @cached_property
    def not_article_text(self) -> Callable[[Element], bool]:
        """`walk`'s skip for the article: furniture, other posts' entries."""
        own = self.own_post
        return is_furniture_or_post if own is None else partial(is_furniture_or_post, own_post=own)

    def absolute(self, href: str) -> str:
        """`href` resolved against the page, in the archive's URLs."""
        url = urljoin(self.url, href.strip())
        return self.site.to_archive(url) if self.site is not None else url

    @property
    def root(self) -> Element:
        return self.selector.root

    @cached_property
    def content(self) -> Element | None:
        """The article's content block (`div.entry-content` or its kin)."""
        block = self._find_content()
        if block is not None and self.in_furniture(block):
            # Marked as furniture by a word of its own classes only (the
            # Hueman theme's `div.entry.share`): what it holds is not.
            self.in_furniture.exempt(block)
        return block

    def _blocks(self, css: str, within: Element | None = None) -> list[Element]:
        """Content blocks matching `css`: not inside furniture. A block's
        own class words may be furniture words (a theme's layout names):
        its tag, a hidden style or a furniture ancestor may not."""
        found = self.select(css, within)
        return [e for e in found if not self.in_furniture(e) or self._furniture_by_words(e)]

    def _furniture_by_words(self, element: Element) -> bool:
        parent = element.getparent()
        return (element.tag not in FURNITURE_TAGS and not is_hidden(element)
                and (parent is None or not self.in_furniture(parent)))

    def _find_content(self) -> Element | None:
        # Looked for in the main post first: a small subtree instead of the
        # whole page, sidebar and comments included.
        main = self.main_entry
        if main is not None:
            for css in S.CONTENT_BLOCKS:  # in order of preference
                found = self._blocks(css, within=main)
                if found:
                    return found[0]
        others = [e for e in self.entries if e is not main]
        for css in S.CONTENT_BLOCKS:
            found = self._blocks(css)
            if not found or not others:
                if found:
                    return found[0]
                continue
            # Never the excerpt of another post (related posts, a Divi
            # blog module, a "more posts" grid) ...
            outside = [e for e in found if not any(_contains(o, e) for o in others)]
            if outside:
                return outside[0]
            if main is None:
                # ... unless no entry is known as the main post: then the
                # block with the most text (a post against excerpts).
                return max(found, key=lambda e: len(text_content(e)))
        return None

    @cached_property
    def article(self) -> Element:
        """The region holding the one article: its <article>, else the
        main post, else the main content area, else <body>."""
        content = self.content
        if content is not None:
            for ancestor in content.iterancestors():
                if ancestor.tag == "article":
                    return ancestor
        if self.main_entry is not None:
            return self.main_entry
        for css in S.MAIN_REGIONS:
            found = compiled(css)(self.root)
            if found:
                return found[0]
        body = self.root.find("body")
        return body if body is not None else self.root

    @cached_property
    def post_id(self) -> str | None:
        """The N of the body's `postid-N` (WordPress marks a single post so)."""
        for name in self.body_classes():
            if name.startswith("postid-") and name[7:].isdigit():
                return name[7:]
        return None

    @cached_property
    def main_entry(self) -> Element | None:
        """The post the page is about, among its entries: the one WordPress
        gives the body's post id (`article#post-N`), else the only one
        holding the page's <h1>, else the only entry; None when several
        entries and none of these signals (a listing, or a main post that
        is not an entry), and when the only entry is marked as another
        post than the body's (`post-M`: a page builder lays the post out
        without an <article>, and a blog module under it shows another)."""
        entries = self.entries
        if len(entries) <= 1:
            if entries and self.post_id is not None and _marks_another_post(entries[0], f"post-{self.post_id}"):
                return self._own_post_wrapper()
            return entries[0] if entries else None
        post_id = self.post_id
        if post_id is not None:
            name = f"post-{post_id}"
            for entry in entries:
                if entry.get("id") == name or name in (entry.get("class") or "").split():
                    return entry
        wrapper = self._own_post_wrapper()
        return wrapper if wrapper is not None else self.entry_holding_heading

    def _own_post_wrapper(self) -> Element | None:
        """The page's own post when no entry is it, and the entries are
        other posts': the element WordPress marks `post-N` (id, else
        class) for the body's `postid-N`, a page builder's template
        wrapper (Elementor Pro's single-post location is a <div>, while
        its Posts widget lists other posts in <article>s)."""
        own = self.own_post
        if own is None:
            return None
        found = self.own_post_element
        if found is None:
            # Asked only here (a page whose entries are all other posts'):
            # a walk of the page in libxml2.
            found = next(iter(_BY_CLASS(self.root, name=f" {own} ")), None)
        return found if found is not None and not self.in_furniture(found) else None

    @cached_property
    def entry_holding_heading(self) -> Element | None:
        """The one entry that holds an <h1> when the others hold none."""
        holders = [e for e in self.entries if any(True for _ in e.iter("h1"))]
        return holders[0] if len(holders) == 1 else None

    @cached_property
    def entries(self) -> list[Element]:
        """The post entries shown on the page (one on an article, several
        on a listing), leaving out related posts, widgets and comments."""
        found: list[Element] = []
        # <article> first: lxml's own tag walk is cheap; the class query
        # walks the page again, so it runs only when there is none.
        candidates = [e for e in self._articles_and_paragraphs if e.tag == "article"]
        candidates = candidates or self.select(_ENTRY_CLASSES)
        for element in candidates:
            if self.in_furniture(element):
                continue
            # Count an entry once, not once per nested matching element.
            if any(e is element or _contains(e, element) for e in found):
                continue
            found.append(element)
        return found

    @cached_property
    def _articles_and_paragraphs(self) -> list[Element]:
        # One walk of the page for both: every page needs its <article>s
        # (entries) and every article page its <p>s (fallback.py's measure).
        return list(self.root.iter("article", "p"))

    @property
    def paragraph_elements(self) -> list[Element]:
        """Every <p> of the page, in document order."""
        return [e for e in self._articles_and_paragraphs if e.tag == "p"]

    def in_other_entry(self, element: Element) -> bool:
        """Inside a post entry that is not the page's main post."""
        main = self.main_entry
        if len(self.entries) <= 1 and main is not None:
            return False
        return any(e is not main and _contains(e, element) for e in self.entries)

    def in_other_post(self, element: Element) -> bool:
        """In another post's entry: one beside the main post, or one
        inside the article (a blog module, a "more posts" grid)."""
        return self.in_other_entry(element) or self.nested_post(element, self.article)

    def body_classes(self) -> set[str]:
        return self._body_classes

    @cached_property
    def _body_classes(self) -> set[str]:
        body = self.root.find("body")
        classes = (body.get("class") or "") if body is not None else ""
        if not classes and self.html is not None:
            # Text before <html> (a PHP warning printed by a plugin) opens
            # an implicit <body> in the parser, and the page's own <body>
            # tag, classes and all, is dropped: read it from the source.
            source = self.html if isinstance(self.html, bytes) else self.html.encode("utf-8", "replace")
            found = _BODY_CLASS.search(source)
            classes = found.group(1).decode("utf-8", "replace") if found else ""
        return set(classes.split())

    @cached_property
    def head(self) -> Element:
        """The <head>: meta and link tags are looked for there, not in the
        whole page (where a search costs a walk of thousands of elements)."""
        head = self.root.find("head")
        return head if head is not None else self.root

    def first(self, *queries: str) -> str | None:
        """Text of the first query (CSS ending in ::text or ::attr(name))
        that matches, stripped; or None. Queries for meta, link and title
        tags look in the <head> only."""
        for query in queries:
            in_head = query.lstrip().startswith(("meta", "link", "title"))
            if not in_head and not self.may_match(_PSEUDO_ELEMENT.sub("", query)):
                continue  # a whole-page query for words the page lacks
            values = compiled_strings(query)(self.head if in_head else self.root)
            if values and values[0].strip():
                return values[0].strip()
        return None


def in_nested_post(element: Element, region: Element, own_post: str | None = None) -> bool:
    """Inside a post entry that stands below `region` (another post than
    `own_post`)."""
    for ancestor in element.iterancestors():
        if ancestor is region:
            return False
        if is_post_entry(ancestor, own_post):
            return True
    return False


def _contains(outer: Element, inner: Element) -> bool:
    return any(a is outer for a in inner.iterancestors())


_POST_MARK = re.compile(r"post-\d+")


def _marks_another_post(entry: Element, own: str) -> bool:
    """The entry names a post (`id="post-M"`, class `post-M`), not `own`."""
    marks = [w for w in [entry.get("id") or "", *(entry.get("class") or "").split()] if _POST_MARK.fullmatch(w)]
    return bool(marks) and own not in marks

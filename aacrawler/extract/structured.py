"""What a page says of its article in schema.org terms: JSON-LD blocks
(`<script type="application/ld+json">`, which Yoast, Rank Math and most
CMSs print for every post) and `<meta name="author">`.

Read by meta.py when the post's own meta line gives no date or byline:
many real themes print the date and author only as text with no class
to find it by, or not at all, while the page's structured data still
names them. Only the article's own object counts: a top-level object
(or a member of the `@graph` Yoast prints) of an article type, else, for
the date, the WebPage object the post is the page of; never the
publisher, an author's profile or another item the page lists.
"""

from __future__ import annotations

import json

from .page import Page
from .text import clean_text
from .url import host_of

ARTICLE_TYPES = frozenset(
    {
        "Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle",
        "AnalysisNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle",
        "BackgroundNewsArticle", "AskPublicNewsArticle", "ScholarlyArticle",
        "TechArticle", "LiveBlogPosting", "Report",
    }
)
_PAGE_TYPES = frozenset({"WebPage", "ItemPage"})


def types_of(node: dict) -> list[str]:
    """A node's @type(s), "https://schema.org/NewsArticle" read as "NewsArticle"."""
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return [v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)]


def json_ld_nodes(page: Page) -> list[dict]:
    """The top-level JSON-LD objects of the page and the members of their
    `@graph`s, in document order (parsed once per page)."""
    if "json_ld" not in page.memo:
        page.memo["json_ld"] = list(_nodes(page))
    return page.memo["json_ld"]


def _nodes(page: Page):
    source = page.html
    if source is not None and (b"ld+json" if isinstance(source, bytes) else "ld+json") not in source:
        return  # no block: no walk of the page's scripts
    for script in page.root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)  # raw newlines in strings, as CMSs write them
        except ValueError:
            continue  # a broken block says nothing
        for node in data if isinstance(data, list) else [data]:
            if isinstance(node, dict):
                yield node
                graph = node.get("@graph")
                if isinstance(graph, list):
                    yield from (n for n in graph if isinstance(n, dict))


def article_nodes(page: Page) -> list[dict]:
    return [n for n in json_ld_nodes(page) if ARTICLE_TYPES.intersection(types_of(n))]


def published_value(page: Page) -> str | None:
    """The article's `datePublished`, else its web page's, as written."""
    nodes = article_nodes(page) + [n for n in json_ld_nodes(page) if _PAGE_TYPES.intersection(types_of(n))]
    for node in nodes:
        value = node.get("datePublished")
        if isinstance(value, str) and value.strip():
            return value
    return None


def author_name(page: Page) -> str | None:
    """The article's author(s) as JSON-LD names them (an `@id` is looked
    up in the page's graph), several joined by ", "; else the page's
    `<meta name="author">`. Never a placeholder such as "admin"; from the
    meta tag, never the site itself either (its name, its host, an
    organisation of the graph: what many sites put there for every page;
    the JSON-LD author is the post's own, and on a one-person blog is the
    site's name)."""
    by_id = {n["@id"]: n for n in json_ld_nodes(page) if isinstance(n.get("@id"), str)}
    for node in article_nodes(page):
        names = [clean_text(name) for name in _names(node.get("author"), by_id)]
        names = [name for name in names if name and _key(name) not in _PLACEHOLDERS]
        if names:
            return ", ".join(dict.fromkeys(names))
    name = clean_text(page.first("meta[name='author']::attr(content)"))
    return name if name and _key(name) not in _site_names(page) else None


_PLACEHOLDERS = frozenset({"admin", "administrator", "noauthor", "unknown", "anonymous", "author", "editor"})


def _key(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalnum())


def _site_names(page: Page) -> set[str]:
    """Keys of the names a page gives itself: og:site_name, its
    application name, the names of the graph's organisations and web
    site, its host ("www.example.com", "example.com", "example")."""
    names = {page.first("meta[property='og:site_name']::attr(content)"),
             page.first("meta[name='application-name']::attr(content)")}
    names.update(n.get("name") for n in json_ld_nodes(page)
                 if {"Organization", "WebSite", "NewsMediaOrganization"}.intersection(types_of(n)))
    host = host_of(page.url)
    names.update({host, host.removeprefix("www."), host.removeprefix("www.").split(".")[0]})
    return {_key(n) for n in names if isinstance(n, str) and n.strip()} | _PLACEHOLDERS


def _names(value, by_id: dict) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [name for item in value for name in _names(item, by_id)]
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, str):
            return [name]
        target = by_id.get(value.get("@id"))
        if target is not None and target is not value and isinstance(target.get("name"), str):
            return [target["name"]]
    return []

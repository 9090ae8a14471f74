"""Singular signals beyond WordPress's own (issue 13): what a page that is
not from WordPress says of itself in schema.org terms.

- JSON-LD: a top-level object (or a member of its `@graph`) of an article
  type (`Article`, `NewsArticle` and its kinds, `BlogPosting`, ...). Yoast
  and most CMSs describe the page's main entity so; a listing is a
  `CollectionPage`/`ItemList`, whose items are nested, never top level.
- Microdata: exactly one element with an article `itemtype` (a listing
  marks each of its entries so).

Asked only of pages the classifier would otherwise call a page or leave
unknown (classify.py): never on the common path, where WordPress's body
classes or Open Graph decide first.
"""

from __future__ import annotations

import json

from lxml import etree

from .page import Page

_ARTICLE_TYPES = frozenset(
    {
        "Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle",
        "AnalysisNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle",
        "BackgroundNewsArticle", "AskPublicNewsArticle", "ScholarlyArticle",
        "TechArticle", "LiveBlogPosting", "Report",
    }
)
_JSON_LD = etree.XPath("//script[@type='application/ld+json']/text()", smart_strings=False)
_MICRODATA = etree.XPath("//*[@itemscope][@itemtype]")


def _types(node: dict) -> list[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    # "https://schema.org/NewsArticle" and "NewsArticle" alike.
    return [v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)]


def _top_level(data) -> list[dict]:
    nodes = data if isinstance(data, list) else [data]
    found = []
    for node in nodes:
        if not isinstance(node, dict):
            continue
        found.append(node)
        graph = node.get("@graph")
        if isinstance(graph, list):
            found.extend(n for n in graph if isinstance(n, dict))
    return found


def json_ld_article(page: Page) -> bool:
    """A top-level JSON-LD object of an article type."""
    for source in _JSON_LD(page.root):
        try:
            data = json.loads(source, strict=False)  # raw newlines in strings, as CMSs write them
        except ValueError:
            continue  # a broken block says nothing
        if any(_ARTICLE_TYPES.intersection(_types(n)) for n in _top_level(data)):
            return True
    return False


def microdata_article(page: Page) -> bool:
    """Exactly one microdata item of an article type."""
    items = [e for e in _MICRODATA(page.root)
             if _ARTICLE_TYPES.intersection(t.rsplit("/", 1)[-1] for t in (e.get("itemtype") or "").split())]
    return len(items) == 1


def declares_article(page: Page) -> bool:
    """The page says, in schema.org terms, that it is one article."""
    return json_ld_article(page) or microdata_article(page)

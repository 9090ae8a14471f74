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

from lxml import etree

from .page import Page
from .structured import ARTICLE_TYPES, article_nodes

_MICRODATA = etree.XPath("//*[@itemscope][@itemtype]")


def json_ld_article(page: Page) -> bool:
    """A top-level JSON-LD object of an article type (structured.py reads
    the page's JSON-LD, once for every use)."""
    return bool(article_nodes(page))


def microdata_article(page: Page) -> bool:
    """Exactly one microdata item of an article type."""
    items = [e for e in _MICRODATA(page.root)
             if ARTICLE_TYPES.intersection(t.rsplit("/", 1)[-1] for t in (e.get("itemtype") or "").split())]
    return len(items) == 1


def declares_article(page: Page) -> bool:
    """The page says, in schema.org terms, that it is one article."""
    return json_ld_article(page) or microdata_article(page)

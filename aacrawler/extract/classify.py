"""Is this page an article? (RECORD.md: home, listing, tag, search and
error pages, and WordPress pages such as About or Contact, give no
record.)

Decided by the page's content, never by its URL: WordPress's body and
post classes, Open Graph's type, the number of post entries, and the
marks only an article carries (Media ID, a post meta line, a content
block).
"""

from __future__ import annotations

import re

from . import selectors as S
from .page import Page, compiled

# WordPress body classes of pages that are not a single post.
_NOT_ARTICLE_BODY = frozenset(
    {
        "home", "blog", "archive", "category", "tag", "tax", "author", "date",
        "search", "search-results", "search-no-results", "error404", "page",
        "attachment", "paged",
    }
)
_ARTICLE_BODY = frozenset({"single", "single-post", "single-format-standard"})
_NOT_ARTICLE_POST = re.compile(r"\btype-(?:page|attachment)\b")
_ERROR_HEADINGS = re.compile(
    r"^\s*(?:404\b|(?:error\s*404)|page\s+not\s+found|not\s+found|nothing\s+found"
    r"|no\s+results?\s+found|oops)",
    re.IGNORECASE,
)
_MEDIA_ID = re.compile(r"media\s*id\s*:", re.IGNORECASE)


def page_kind(page: Page) -> str:
    """'article', or why the page is not one ('listing', 'page', 'error')."""
    classes = page.body_classes()
    if classes & _NOT_ARTICLE_BODY and not classes & _ARTICLE_BODY:
        return "error" if "error404" in classes else "listing" if "page" not in classes else "page"
    if len(page.entries) > 1:
        return "listing"
    entry_classes = " ".join((e.get("class") or "") for e in page.entries)
    if _NOT_ARTICLE_POST.search(entry_classes):
        return "page"
    og_type = (page.first(S.OG_TYPE) or "").lower()
    if og_type in ("website", "profile", "blog") and not _has_article_marks(page):
        return "page"
    if classes & _ARTICLE_BODY:
        return "article"
    if _looks_like_error(page):
        return "error"
    if og_type == "article" or _has_article_marks(page):
        return "article"
    # No signal either way: an article needs at least a content block.
    return "article" if page.content is not None else "unknown"


def is_article(page: Page) -> bool:
    return page_kind(page) == "article"


def _has_article_marks(page: Page) -> bool:
    if compiled(S.PUBLISHED_TIME_META)(page.root) or "type-post" in " ".join(
        (e.get("class") or "") for e in page.entries
    ):
        return True
    if compiled("p.post-meta, .post-meta")(page.root):
        return True
    region = page.article
    return bool(_MEDIA_ID.search(region.text_content() if region is not None else ""))


def _looks_like_error(page: Page) -> bool:
    headings = page.selector.css("h1::text, h1 *::text, title::text").getall()
    return any(_ERROR_HEADINGS.match(h) for h in headings if h.strip())

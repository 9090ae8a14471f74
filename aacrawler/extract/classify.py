"""Is this page an article? (RECORD.md: home, listing, tag, search and
error pages, and WordPress pages such as About or Contact, give no
record.)

Decided by the page's content, never by its URL, singular signals first:
what WordPress itself says of the page wins over a count of entries.

1. WordPress's body classes. A single post of any type (`single`,
   `single-post`, `single-podcast`, `postid-N`) is an article, however
   many other posts (related posts, a Divi blog module, "more posts"
   grids) the page shows; an archive (`archive`, `category`, `tag`,
   `search`, `blog`, `home` ...) is a listing, a `page` (About, a static
   front page) or an attachment is a page, `error404` an error.
2. Without them: several entries are a listing unless the page says it
   is about one post (`og:type=article`, `article:published_time`, or one
   entry alone holds the page's <h1>); an entry of type page or
   attachment is a page; Open Graph's `website`/`profile` without the
   marks of an article is a page; an error heading is an error; and the
   marks only an article carries (a published time, a post meta line, a
   Media ID, a content block) make an article; so does, failing all
   these, a schema.org description of the page as an article (JSON-LD,
   microdata: singular.py) or a single entry holding the page's <h1>.
"""

from __future__ import annotations

import re

from . import selectors as S
from .media_id import MEDIA_ID_LABEL
from .page import Page, compiled
from .singular import declares_article
from .tree import text_content

# WordPress body classes of pages that are not a single post.
_ARCHIVE_BODY = frozenset(
    {
        "home", "blog", "archive", "category", "tag", "tax", "author", "date",
        "search", "search-results", "search-no-results", "paged",
    }
)
_PAGE_BODY = frozenset({"page", "attachment"})
# `single-format-standard` names a post format; `single-paged-N` a page
# of a split post: neither names a post type, both go with `single`.
_NOT_A_TYPE = ("single-format-", "single-paged-")
_NOT_ARTICLE_POST = re.compile(r"\btype-(?:page|attachment)\b")
_ERROR_HEADINGS = re.compile(
    r"^\s*(?:404\b|(?:error\s*404)|page\s+not\s+found|not\s+found|nothing\s+found"
    r"|no\s+results?\s+found|oops)",
    re.IGNORECASE,
)


def singular_body(classes: set[str]) -> bool:
    """WordPress's body classes of a single post, of any post type."""
    if "attachment" in classes or "single-attachment" in classes:
        return False
    for name in classes:
        if name == "single" or (name.startswith("postid-") and name[7:].isdigit()):
            return True
        if name.startswith("single-") and not name.startswith(_NOT_A_TYPE):
            return True
    return False


def page_kind(page: Page) -> str:
    """'article', or why the page is not one ('listing', 'page', 'error')."""
    classes = page.body_classes()
    if "error404" in classes:
        return "error"
    if singular_body(classes):
        return "article"
    if classes & _PAGE_BODY:
        return "page"
    if classes & _ARCHIVE_BODY:
        return "listing"
    if len(page.entries) > 1 and not _says_single(page):
        return "listing"
    if _NOT_ARTICLE_POST.search(_entry_classes(page)):
        return "page"
    og_type = (page.first(S.OG_TYPE) or "").lower()
    if og_type in ("website", "profile", "blog") and not _has_article_marks(page):
        # Open Graph's default type, which many sites never change: the
        # page's schema.org description of itself weighs more.
        return "article" if declares_article(page) else "page"
    if _looks_like_error(page):
        return "error"
    if og_type == "article" or _has_article_marks(page):
        return "article"
    # No signal either way: an article needs at least a content block, a
    # schema.org article description, or one entry holding the <h1>.
    if page.content is not None or declares_article(page):
        return "article"
    return "article" if len(page.entries) == 1 and page.entry_holding_heading is not None else "unknown"


def _entry_classes(page: Page) -> str:
    main = page.main_entry
    entries = [main] if main is not None else page.entries
    return " ".join((e.get("class") or "") for e in entries)


def _says_single(page: Page) -> bool:
    """Several entries, but the page says it is about one of them."""
    if (page.first(S.OG_TYPE) or "").lower() == "article":
        return True
    if compiled(S.PUBLISHED_TIME_META)(page.root):
        return True
    return page.entry_holding_heading is not None


def _has_article_marks(page: Page) -> bool:
    if compiled(S.PUBLISHED_TIME_META)(page.root) or "type-post" in _entry_classes(page):
        return True
    if page.select("p.post-meta, .post-meta"):
        return True
    region = page.article
    return bool(MEDIA_ID_LABEL.search(text_content(region) if region is not None else ""))


def _looks_like_error(page: Page) -> bool:
    headings = page.selector.css("h1::text, h1 *::text, title::text").getall()
    return any(_ERROR_HEADINGS.match(h) for h in headings if h.strip())

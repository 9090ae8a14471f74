"""From a page to a record, in the stages the pipelines run:
extract → clean → settle captions → build. `extract_record` runs them all
for callers without a crawler.
"""

from __future__ import annotations

from dataclasses import replace

from ..items import ArticleDraft, ArticleRecord, ListingHints, PageItem
from ..sites import Site
from .body import body_paragraphs, read_article
from .captions import collect_caption_copies, dedupe_captions
from .classify import page_kind
from .dateline import split_dateline
from .fallback import choose_body
from .media_id import extract_media_id
from .meta import (
    extract_author, extract_categories, extract_image_url, extract_published,
    extract_tags, parse_date, without_by,
)
from .page import Page
from .paragraphs import paragraphs_of
from .text import clean_list, clean_optional, clean_text, count_words
from .title import extract_title
from .url import extract_url


class NotAnArticle(Exception):
    """The page holds no article (a listing, an error page, About ...)."""

    def __init__(self, kind: str):
        super().__init__(f"not an article ({kind})")
        self.kind = kind


def page_from_item(item: PageItem) -> Page:
    """The item's page, parsed (once: kept on the item)."""
    if item.page is None:
        site = Site(fetch_from=item.site) if item.site else None
        item.page = Page.from_bytes(item.body, item.url, item.encoding, site)
    return item.page


def extract_draft(page: Page, fetched_at: str, listing: ListingHints | None = None,
                  assume_article: bool = False) -> ArticleDraft:
    """Stage 1: every field as the page gives it. Raises NotAnArticle,
    unless `assume_article` (the caller knows every page is one: the
    real-world benchmark)."""
    if not assume_article:
        kind = page_kind(page)
        if kind != "article":
            raise NotAnArticle(kind)
    pieces, body = read_article(page)
    url = extract_url(page)
    paragraphs, body_source = choose_body(page, body)
    return ArticleDraft(
        url=url,
        fetched_at=fetched_at,
        title=extract_title(page),
        media_id=extract_media_id(page, paragraphs_of(pieces)),
        caption_copies=collect_caption_copies(pieces),
        paragraphs=paragraphs,
        body_source=body_source,
        author=extract_author(page),
        published=extract_published(page),
        categories=extract_categories(page),
        tags=extract_tags(page),
        image_url=extract_image_url(page),
        listing=listing or ListingHints(),
    )


def clean_draft(draft: ArticleDraft) -> ArticleDraft:
    """Stage 2: RECORD.md's text cleaning on every string, the one place
    that guarantees it. Extractors clean only what they must compare or
    cut (a title's site suffix, caption forms, the post-meta line);
    cleaning is idempotent, so this pass leaves those as they are."""
    listing = draft.listing
    return replace(
        draft,
        title=clean_optional(draft.title),
        caption_copies=[clean_text(c) for c in draft.caption_copies],
        paragraphs=[clean_text(p) for p in draft.paragraphs],
        author=clean_optional(draft.author),
        categories=clean_list(draft.categories),
        tags=clean_list(draft.tags),
        image_url=clean_optional(draft.image_url),
        listing=ListingHints(
            author=clean_optional(listing.author),
            published=clean_optional(listing.published),
            categories=clean_list(listing.categories),
        ),
    )


def settle_captions(draft: ArticleDraft) -> ArticleDraft:
    """Stage 3: one caption per image, caption copies out of the body."""
    captions = dedupe_captions(draft.caption_copies)
    return replace(
        draft,
        captions=[c.best for c in captions],
        paragraphs=body_paragraphs(draft.paragraphs, captions, draft.media_id),
    )


def build_record(draft: ArticleDraft) -> ArticleRecord:
    """Stage 4: dateline, body, listing fallbacks, word count."""
    paragraphs = list(draft.paragraphs)
    dateline = None
    if paragraphs:
        dateline, first = split_dateline(paragraphs[0])
        paragraphs[0:1] = [first] if first else []
    body = "\n\n".join(paragraphs)
    listing = draft.listing
    record = ArticleRecord(
        url=draft.url,
        media_id=draft.media_id,
        title=draft.title or "",
        dateline=dateline,
        caption=draft.captions[0] if draft.captions else None,
        captions=list(draft.captions),
        body=body,
        author=draft.author or _byline(listing.author),
        published=draft.published or parse_date(listing.published),
        categories=draft.categories or list(listing.categories),
        tags=list(draft.tags),
        image_url=draft.image_url,
        word_count=count_words(body),
        fetched_at=draft.fetched_at,
    )
    record.body_source = draft.body_source
    return record


def _byline(author: str | None) -> str | None:
    return (without_by(author) if author else "") or None


def extract_record(item: PageItem, assume_article: bool = False) -> ArticleRecord:
    """All stages for one page. Raises NotAnArticle (see extract_draft)."""
    page = page_from_item(item)
    draft = extract_draft(page, item.fetched_at or "", item.listing, assume_article=assume_article)
    return build_record(settle_captions(clean_draft(draft)))

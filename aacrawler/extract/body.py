"""Body (RECORD.md "body").

The paragraphs of the article's content block, in order; left out: the
Media ID and Caption labels, every paragraph that is a copy of a
caption, furniture (see furniture.py) and empty paragraphs. The dateline
is split off the first paragraph afterwards (dateline.py).
"""

from __future__ import annotations

import re

from .captions import CAPTION_LABEL, Caption, caption_copy_test
from .furniture import is_article_aside
from .lead import lead_paragraphs
from .media_id import MEDIA_ID_LABEL
from .page import Page
from .paragraphs import Paragraph, Piece, paragraphs_of, walk, walk_with_inner

_LABEL_INITIALS = frozenset("mMcC")
_LABEL_ONLY = re.compile(r"^\s*(?:media\s*id|caption)\s*:?\s*$", re.IGNORECASE)


def extract_paragraphs(page: Page) -> list[Paragraph]:
    """Raw paragraphs of the content block (of the article region when
    the page marks no content block), after the post's lead when the
    theme prints it above the block (lead.py)."""
    return read_article(page)[1]


def read_article(page: Page) -> tuple[list[Piece], list[Paragraph]]:
    """The article's pieces (its paragraphs, caption elements and images,
    for Media ID and captions) and the body's raw paragraphs
    (extract_paragraphs), in one walk of the article when the content
    block lies in it."""
    region = page.content if page.content is not None else page.article
    pieces, paragraphs = walk_with_inner(page.article, page.not_article_text, region, is_article_aside)
    if paragraphs is None:  # the block is outside the article's walk
        paragraphs = paragraphs_of(walk(region, skip=page.not_body))
    return pieces, lead_paragraphs(page, paragraphs) + paragraphs


def is_label_paragraph(text: str, media_id: str | None) -> bool:
    """The Media ID line, a Caption line, or the Media ID's number alone
    on the line after its label."""
    # Every label starts with "media" or "caption": most paragraphs are
    # ruled out by their first letter.
    stripped = text.lstrip()
    if stripped[:1] in _LABEL_INITIALS and (
        MEDIA_ID_LABEL.match(stripped) or CAPTION_LABEL.match(text) or _LABEL_ONLY.match(text)
    ):
        return True
    return media_id is not None and text.strip() == media_id


def body_paragraphs(
    paragraphs: list[str], captions: list[Caption], media_id: str | None
) -> list[str]:
    """Cleaned paragraphs minus labels and caption copies."""
    is_copy = caption_copy_test(captions)
    return [
        text
        for text in paragraphs
        if text
        and not is_label_paragraph(text, media_id)
        and not is_copy(text)
    ]

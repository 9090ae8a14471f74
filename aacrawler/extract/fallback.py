"""The generic fallback for the body: when the site's rules cannot be
trusted on a page, the paragraphs come from trafilatura, a main-content
extractor made for markup nobody described.

When: the rules found no block of the post (a content block of
`selectors.CONTENT_BLOCKS`, else the post's entry that WordPress marks
with the page's own post id, `article#post-N` for `body.postid-N`), or
the one they found holds far less text than the page's main text:

- the rules' text is the text of the paragraphs the rules read from the
  content block (as the page has it, before labels and caption copies
  are taken out);
- the page's *main text* is the rules' text plus that of the page's other
  prose paragraphs: every other `<p>` outside page furniture and outside
  other posts' entries whose text, whitespace collapsed, is at least
  MIN_PROSE_CHARS (60) characters long (shorter ones are captions,
  bylines, link lists, buttons);
- the rules are kept when their text is at least MIN_SHARE (half) of the
  main text and not empty; otherwise the fallback runs.

On the pages the rules were written for, the content block holds nearly
all of the prose (90% and more on the sample site and fixtures), so the
fallback never runs there; the check looks only at the `<p>`s the
rules did not read, found in the walk that finds the page's entries.

Its paragraphs replace the rules' ones when the page has no block of
the post (the rules then read a whole region, menus and all), or when
they hold more text than the rules' ones; they then go through the same
stages as the rules' paragraphs (record.py): text cleaning, Media ID and
Caption labels out, caption copies out, dateline split.
"""

from __future__ import annotations

from lxml import etree

from .page import Page
from .paragraphs import Paragraph
from .tree import text_content

MIN_PROSE_CHARS = 60
MIN_SHARE = 0.5



def _length(text: str) -> int:
    return len(" ".join(text.split()))


def has_post_block(page: Page) -> bool:
    """A content block, or the entry of the page's own post id."""
    if page.content is not None:
        return True
    main, post_id = page.main_entry, page.post_id
    if main is None or post_id is None:
        return False
    name = f"post-{post_id}"
    return main.get("id") == name or name in (main.get("class") or "").split()


def needs_fallback(page: Page, paragraphs: list[Paragraph]) -> bool:
    """The rules' paragraphs cannot be trusted as the page's body."""
    if not has_post_block(page):
        return True
    # The rules' paragraphs as the page has them: their whitespace, most of
    # it the source's indentation, is too little to sway the measure and
    # not worth collapsing on every page.
    rules = sum(len(p.text) for p in paragraphs)
    if rules == 0 or not any(p.text.strip() for p in paragraphs):
        return True
    limit = rules / MIN_SHARE  # main text above this: the rules hold too little
    main = rules  # the <p>s the rules read count with the rules' text
    read = {p.owner for p in paragraphs}
    for element in page.paragraph_elements:
        if element in read:
            continue
        text = text_content(element)
        # Cheapest tests first: most <p>s need no look at their ancestors.
        if len(text) < MIN_PROSE_CHARS or page.in_furniture(element):
            continue
        size = _length(text)
        if size < MIN_PROSE_CHARS or page.in_other_post(element):
            continue
        main += size
        if main > limit:
            return True
    return False


def fallback_paragraphs(page: Page) -> list[str]:
    """The body's paragraphs as trafilatura finds them ([] when none)."""
    import trafilatura  # only pages that need it pay for the import

    source = page.html
    if source is None:
        source = etree.tostring(page.root, encoding="unicode", method="html")
    text = trafilatura.extract(source, include_comments=False)
    if not text:
        return []
    return [_unlist(line) for line in text.split("\n") if line.strip()]


def _unlist(line: str) -> str:
    # trafilatura writes a list item as "- item": the item is the paragraph.
    return line[2:] if line.startswith("- ") else line


def choose_body(page: Page, paragraphs: list[Paragraph]) -> tuple[list[str], str]:
    """(the rules' paragraphs, "rules") or, when the rules fail and
    trafilatura finds something better, (its paragraphs, "fallback")."""
    texts = [p.text for p in paragraphs]
    if not needs_fallback(page, paragraphs):
        return texts, "rules"
    generic = fallback_paragraphs(page)
    if not generic:
        return texts, "rules"
    # Without a block of the post the rules read a whole region (the main
    # area, <body>): more text is no merit there.
    if not has_post_block(page) or sum(map(_length, generic)) > sum(map(_length, texts)):
        return generic, "fallback"
    return texts, "rules"

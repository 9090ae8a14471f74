"""The post's lead (standfirst, excerpt) when the theme prints it above the
content block: many themes show the post's excerpt or an intro paragraph
in the post's header (`div.entry-excerpt`, `p.article-excerpt`,
`div.lead`, `div.intro`), outside `entry-content`, and it is the first
paragraph a reader reads (issue 13: real WordPress posts).

Read only when the page has a content block and marks such an element
inside the post's region, before the block and outside it (the innermost
such element), or, when the post's region holds no <h1> (the theme
prints the post's header outside its <article>), in the nearest
ancestor holding the <h1>, between it and the block; a lead whose
text the body already holds (themes that print the excerpt and then the
whole post) is left out. A page without these class words costs one
look at the page's words (Page.may_match), no walk.
"""

from __future__ import annotations

from .page import Page
from .paragraphs import Paragraph, paragraphs_of, walk
from .tree import Element

# Class words themes give a post's lead; `summary` is not one of them
# (card and product summaries).
LEAD_CLASSES = (
    "excerpt", "entry-excerpt", "post-excerpt", "article-excerpt",
    "lead", "entry-lead", "post-lead", "article-lead",
    "intro", "entry-intro", "post-intro", "article-intro",
    "standfirst", "chapo",
)
_LEAD_QUERY = ", ".join(f".{name}" for name in LEAD_CLASSES)
# A lead is a paragraph or two, not a section of the page.
MAX_LEAD_CHARS = 1500


def _text(paragraphs: list[Paragraph]) -> str:
    return " ".join(" ".join(p.text.split()) for p in paragraphs)


def lead_paragraphs(page: Page, body: list[Paragraph]) -> list[Paragraph]:
    """The lead's paragraphs, to go before `body` ([] when none)."""
    content = page.content
    if content is None:
        return []
    region = page.article
    if region is content or not page.may_match(_LEAD_QUERY):
        return []
    after_headline = False
    if next(region.iter("h1"), None) is None:
        # The post's header (headline and lead) printed outside the
        # post's region: look from the nearest ancestor that holds the
        # headline, between the headline and the block.
        region = next((a for a in region.iterancestors() if a.tag != "html" and next(a.iter("h1"), None) is not None),
                      None)
        if region is None:
            return []
        after_headline = True
    found = [e for e in page.find(_LEAD_QUERY, within=region) if _before(e, content, region, after_headline)]
    # The innermost: a theme's `intro` wrapper may hold the breadcrumbs,
    # the meta line and an image besides its `chapo`.
    found = [e for e in found if not any(_inside(other, e) for other in found if other is not e)]
    if not found:
        return []
    body_text = _text(body)
    lead: list[Paragraph] = []
    for element in found:
        if page.in_other_post(element):
            continue
        paragraphs = paragraphs_of(walk(element, skip=page.not_body))
        text = _text(paragraphs)
        if not text or len(text) > MAX_LEAD_CHARS or text in body_text:
            continue
        lead.extend(paragraphs)
    return lead


def _inside(element: Element, outer: Element) -> bool:
    return any(a is outer for a in element.iterancestors())


def _before(element: Element, content: Element, region: Element, after_headline: bool) -> bool:
    """Before the content block in the document (and after the first <h1>
    when `after_headline`), neither inside the block nor holding it."""
    if _inside(element, content) or _inside(content, element) or element is content:
        return False
    seen_headline = not after_headline
    for node in region.iter():
        if node.tag == "h1":
            seen_headline = True
        if node is element:
            return seen_headline
        if node is content:
            return False
    return False

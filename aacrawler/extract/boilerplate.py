"""Boilerplate inside the post's own content block (issue 13, real-world
markup): plugins and themes put their boxes in the post's text, where the
content block's rules read everything. Each rule below names a generic
convention (a well-known plugin's class names, a page-builder's, a
pattern of many themes), never one site.

- FURNITURE_FRAGMENTS: class/id fragments of boxes that are never the
  post's text, wherever they stand (furniture.py adds them to its own).
- not_body_word: class words of parts of the post that are not its body
  (meta and tag lines under other names, caption and credit containers).
- is_not_body_part: links written as paragraphs, two or more in a row (a
  list of links without the `ul`); and the heading or lead-in line of a
  list of links or of a box ("Related:", "Read also", "More on this" over
  links or an embedded post, "Share this:" over a share bar). A lead-in
  is short and does not end as a sentence does, so the post's last line
  stays.
"""

from __future__ import annotations

import re

from .tree import Element, text_content

# Never the post's text (furniture.py: matched as parts of class/id words).
# Author boxes: themes' `author-box`/`authorbox`/`author-bio`, Simple
# Author Box (`saboxplugin-wrap`), Starbox (`abh_box`), BEM-named author
# cards (`m-author__description`), Molongui, Fancier Author Box.
AUTHOR_BOX_FRAGMENTS = (
    "authorbox", "author-box", "author_box", "author-bio", "author_bio",
    "author-description", "author__description", "about-the-author",
    "saboxplugin", "abh_", "molongui", "ts-fab",
)
FURNITURE_FRAGMENTS = AUTHOR_BOX_FRAGMENTS + (
    # Tables of contents: Easy Table of Contents (`ez-toc-container`),
    # Table of Contents Plus (`toc_container`), LuckyWP (`lwptoc`), Yoast's
    # and Rank Math's blocks; a list of the post's own headings.
    "ez-toc", "toc_container", "lwptoc", "table-of-contents", "rank-math-toc",
    # Recipe cards' buttons (WP Recipe Maker's print/pin/jump links and
    # its button snippet, WPZOOM's card buttons) and print buttons.
    "wprm-recipe-link", "wprm-recipe-snippet", "recipe-card-buttons", "print-button",
    # Donation and call-to-action boxes (WPBakery's `vc_cta3`).
    "donation", "vc_cta",
    # Consent placeholders standing in for an embed (Borlabs Cookie's
    # content blocker, GDPR-gated video embeds).
    "brlbs", "content-blocker", "gdpr",
    # Other posts shown as cards in the text: WordPress's own embed of a
    # post (`wp-embedded-content`), themes' embedded-article boxes,
    # recommendation and recirculation boxes, "more posts" sections.
    "wp-embedded-content", "embedded-article", "embed-article",
    "recommend", "recirculation", "more-posts",
    # Rating widgets (WP-PostRatings, star ratings), breadcrumbs under any
    # name (`entry-crumbs`, `td-crumb-container`), affiliate and editorial
    # disclaimers/disclosures (AAWP's `aawp-disclaimer`).
    "post-ratings", "star-rating", "crumb", "disclaimer", "disclosure",
)


def fragment_search(fragments: tuple[str, ...]):
    """`search` of a regex matching any of `fragments` inside a word,
    built as a trie (`sha(?:re|ring)`...): one try per position instead
    of one per fragment, so that twice the fragments cost no more time
    (furniture.py asks it of every class word it has not seen)."""
    trie: dict = {}
    for fragment in fragments:
        node = trie
        for char in fragment:
            node = node.setdefault(char, {})
        node[""] = {}  # a fragment ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(pattern(trie)).search


# Words (whole, or as a suffix) of post parts that are not its body: the
# meta and tag lines under other themes' names (`mvp-post-tags`,
# `vw-tag-links`, `td-module-meta-info`, `PostMeta`), and the containers
# of an image and its caption or credit (`wp-caption`, `image--caption`,
# `p.credit`): captions are read apart (captions.py), never as body.
_NOT_BODY_WORDS = frozenset(
    {"wp-caption", "caption", "credit", "credits", "postmeta", "postcategory", "posttags"}
)
_NOT_BODY_SUFFIXES = (
    "-tags", "_tags", "tag-links", "-meta", "_meta", "-meta-info",
    "-caption", "_caption", "-credit", "_credit",
)

# A heading or a lead-in line ("Auch interessant:", "Read more:") is short.
MAX_HEADING_CHARS = 80
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_BOX_TAGS = frozenset({"div", "section", "aside", "blockquote", "figure"})
_LEAD_INS = frozenset({"p", "div", "strong"})
_SENTENCE_ENDS = (".", "!", "…", '"', "”", "“", "»", "«", "'", "’", ")")


def not_body_word(word: str) -> bool:
    """A class/id word (lower case, WordPress's taxonomy classes left out
    by the caller) of a part of the post that is not its body."""
    return word in _NOT_BODY_WORDS or word.endswith(_NOT_BODY_SUFFIXES)


def is_not_body_part(element: Element) -> bool:
    """A run of link paragraphs, or the heading of a list of links or of a
    box (see the module's doc; the class words: not_body_word)."""
    tag = element.tag
    if tag == "p" and _is_link_line(element) and (
        _is_link_line(_sibling(element, "next")) or _is_link_line(_sibling(element, "previous"))
    ):
        return True  # one of a run of links written as paragraphs
    if tag in _HEADINGS or tag in _LEAD_INS:
        lead = element.text
        if lead and len(lead) > MAX_HEADING_CHARS and len(lead.strip()) > MAX_HEADING_CHARS:
            return False  # most paragraphs: too long for a heading
        return _heads_a_box(element)
    return False


def _sibling(element: Element, direction: str) -> Element | None:
    """The next or previous element, comments skipped."""
    step = Element.getnext if direction == "next" else Element.getprevious
    node = step(element)
    while node is not None and not isinstance(node.tag, str):
        node = step(node)
    return node


def _is_link_line(element: Element | None) -> bool:
    """A paragraph that is links and nothing else."""
    if element is None or element.tag != "p" or not len(element):
        return False
    if element.text and not element.text.isspace():
        return False  # text before its first child: most paragraphs
    if next(element.iter("a"), None) is None:
        return False
    text = text_content(element).strip()
    links = "".join(text_content(a) for a in element.iter("a")).strip()
    return bool(text) and len(links) >= len(text)


def _heads_a_box(element: Element) -> bool:
    """The heading of a list of links or of a box: a short heading or line
    whose next element is a list of links only (a `ul`, or two or more
    link paragraphs) or a box the furniture words mark."""
    following = _sibling(element, "next")
    if following is None:
        return False
    # Cheapest tests first: asked of every paragraph of the body.
    tag = following.tag
    if tag == "p":
        boxed = _is_link_line(following) and _is_link_line(_sibling(following, "next"))
    elif tag in ("ul", "ol"):
        boxed = is_link_list(following) or _is_box(following.get("class"), following.get("id"))
    elif tag in _BOX_TAGS:
        boxed = _is_box(following.get("class"), following.get("id"))
    else:
        return False
    if not boxed:
        return False
    text = text_content(element).strip()
    if not 0 < len(text) <= MAX_HEADING_CHARS:
        return False
    # A line of the post's own text before the box ends as a sentence does
    # ("... in the near future."); a lead-in ("Read also:", "About the
    # author") does not.
    return element.tag in _HEADINGS or not text.endswith(_SENTENCE_ENDS)


def _is_box(classes: str | None, element_id: str | None) -> bool:
    """A box the furniture words mark: other posts (related, embedded,
    recommended), an author box, a share bar, a widget. Its heading
    ("More on this", "About the author", "Share this:") goes with it."""
    # furniture.py imports this module: its judge is bound on first use.
    global _is_box
    from .furniture import _furniture_words as _is_box

    return _is_box(classes, element_id)


def is_link_list(element: Element) -> bool:
    """A list whose every item (two or more) is a link and nothing else
    ("Read more", "More on this", a post's own list of related stories)."""
    items = [li for li in element if li.tag == "li"]
    if len(items) < 2:
        return False
    for li in items:
        text = text_content(li).strip()
        links = "".join(text_content(a) for a in li.iter("a")).strip()
        if not text or len(links) < len(text):
            return False
    return True


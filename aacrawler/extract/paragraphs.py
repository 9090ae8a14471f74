"""Cut a region of the page into paragraphs, in document order.

RECORD.md "body": paragraphs are `p`s, but older pages use `div`s or
`<br>`-separated lines, and list items and block quotes count too. The
walk is iterative (no recursion), so a page of deeply nested tags cannot
exhaust the stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from lxml import etree
from .tree import Element

from .furniture import is_furniture, is_not_body

# Elements that start and end a paragraph; everything else is inline.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "center", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "li", "main", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption",
    }
)
# Inside these a single <br> is a line break, not a new paragraph.
_LINE_BREAK_CONTAINERS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd"})
# Elements that are image captions: RECORD.md keeps them out of the body.
_CAPTION_CLASSES = frozenset({"wp-caption-text", "gallery-caption"})

_BR = "\ue000"  # private-use marker for a <br> inside a paragraph
_DOUBLE_BR = re.compile(_BR + r"\s*" + _BR + r"[\s" + _BR + r"]*")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph's raw text and the block element it came from."""

    text: str
    owner: Element


@dataclass(frozen=True)
class CaptionElement:
    """A `figcaption` / `.wp-caption-text` met during the walk."""

    text: str
    element: Element


@dataclass(frozen=True)
class Image:
    element: Element


Piece = Paragraph | CaptionElement | Image


def is_caption_element(element: Element) -> bool:
    if element.tag == "figcaption":
        return True
    return bool(_CAPTION_CLASSES.intersection((element.get("class") or "").split()))


def element_text(element: Element) -> str:
    """All text of an element (scripts, styles and furniture left out),
    its paragraphs joined by a space."""
    return " ".join(p.text for p in paragraphs_of(walk(element, skip=is_furniture)))


def walk(
    region: Element, skip: Callable[[Element], bool] = is_not_body
) -> list[Piece]:
    """Paragraphs, caption elements and images of `region`, in order.

    `skip` prunes whole subtrees (furniture); their tails still count.
    """
    pieces: list[Piece] = []
    buffer: list[str] = []
    # Owners: the block elements currently open; the innermost owns text.
    open_blocks: list[Element] = [region]
    line_break_depth = 0

    def flush() -> None:
        if not buffer:
            return
        text = "".join(buffer)
        buffer.clear()
        owner = open_blocks[-1]
        for part in _DOUBLE_BR.split(text):
            part = part.replace(_BR, " ")
            if part.strip():
                pieces.append(Paragraph(part, owner))

    walker = etree.iterwalk(region, events=("start", "end"))
    skipped: set[int] = set()
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else None
        if event == "start":
            if el is region:
                if el.text:
                    buffer.append(el.text)
                continue
            if tag is None:
                skipped.add(id(el))
                continue
            if tag == "br":
                if line_break_depth:
                    buffer.append(_BR)
                else:
                    flush()
                continue
            if tag == "img":
                pieces.append(Image(el))
            if is_caption_element(el):
                flush()
                pieces.append(CaptionElement(element_text(el), el))
                skipped.add(id(el))
                walker.skip_subtree()
                continue
            if skip(el):
                if tag in BLOCK_TAGS:
                    flush()
                skipped.add(id(el))
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS:
                flush()
                open_blocks.append(el)
                if tag in _LINE_BREAK_CONTAINERS:
                    line_break_depth += 1
            if el.text:
                buffer.append(el.text)
        else:  # end
            if el is region:
                break
            if id(el) in skipped:
                skipped.discard(id(el))
            elif tag in BLOCK_TAGS:
                flush()
                open_blocks.pop()
                if tag in _LINE_BREAK_CONTAINERS:
                    line_break_depth -= 1
            if el.tail:
                buffer.append(el.tail)
    flush()
    return pieces


def paragraphs_of(pieces: list[Piece]) -> list[Paragraph]:
    return [p for p in pieces if isinstance(p, Paragraph)]

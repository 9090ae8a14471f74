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


# Slotted, not frozen: a walk makes one per paragraph, and a frozen
# dataclass's __init__ costs three times as much.
@dataclass(slots=True)
class Paragraph:
    """A paragraph's raw text and the block element it came from."""

    text: str
    owner: Element


@dataclass(slots=True)
class CaptionElement:
    """A `figcaption` / `.wp-caption-text` met during the walk."""

    text: str
    element: Element


@dataclass(slots=True)
class Image:
    element: Element


Piece = Paragraph | CaptionElement | Image


def _is_caption_class(classes: str) -> bool:
    return not _CAPTION_CLASSES.isdisjoint(classes.split())


def element_text(element: Element) -> str:
    """All text of an element (scripts, styles and furniture left out),
    its paragraphs joined by a space."""
    if len(element) == 0:  # a bare link or span: its own text is all of it
        text = element.text
        return text if text and not text.isspace() else ""
    return " ".join(p.text for p in paragraphs_of(walk(element, skip=is_furniture)))


def walk(
    region: Element, skip: Callable[[Element], bool] = is_not_body
) -> list[Piece]:
    """Paragraphs, caption elements and images of `region`, in order.

    `skip` prunes whole subtrees (furniture); their tails still count.
    """
    return _walk(region, skip)[0]


def walk_with_inner(
    region: Element, skip: Callable[[Element], bool], inner: Element, inner_skip: Callable[[Element], bool]
) -> tuple[list[Piece], list[Paragraph] | None]:
    """`walk(region, skip)`, and in the same pass the paragraphs that
    `walk(inner, skip=lambda e: skip(e) or inner_skip(e))` gives for an
    element `inner` at or below `region` (the article's body inside the
    article); None for those when the walk never reaches `inner` (it is
    skipped, or not below `region`): the caller then walks it alone."""
    return _walk(region, skip, inner, inner_skip)


class _Cutter:
    """Text cut into paragraphs as a walk meets it: the text of the
    paragraph being read, the block elements open (the innermost owns the
    text), and how deep the walk is in line-break containers (where one
    <br> is a line break, not a new paragraph)."""

    __slots__ = ("out", "text", "blocks", "line_breaks")

    def __init__(self, out: list, region: Element):
        self.out = out
        self.text: list[str] = []
        self.blocks: list[Element] = [region]
        self.line_breaks = 0

    def cut(self) -> None:
        """The text read so far as paragraphs (split at double <br>s)."""
        if not self.text:
            return
        text = "".join(self.text)
        self.text.clear()
        if _BR not in text:  # most paragraphs: no <br> to split on
            if not text.isspace():
                self.out.append(Paragraph(text, self.blocks[-1]))
            return
        owner = self.blocks[-1]
        for part in _DOUBLE_BR.split(text):
            part = part.replace(_BR, " ")
            if part.strip():
                self.out.append(Paragraph(part, owner))

    def br(self) -> None:
        if self.line_breaks:
            self.text.append(_BR)
        else:
            self.cut()

    def open_block(self, element: Element, tag: str) -> None:
        self.cut()
        self.blocks.append(element)
        if tag in _LINE_BREAK_CONTAINERS:
            self.line_breaks += 1

    def close_block(self, tag: str) -> None:
        self.cut()
        self.blocks.pop()
        if tag in _LINE_BREAK_CONTAINERS:
            self.line_breaks -= 1


def _walk(
    region: Element, skip: Callable[[Element], bool],
    inner: Element | None = None, inner_skip: Callable[[Element], bool] | None = None,
) -> tuple[list[Piece], list[Paragraph] | None]:
    pieces: list[Piece] = []
    outer = _Cutter(pieces, region)
    # The inner region's walk, run alongside once the walk reaches
    # `inner`: `on` while the walk is in `inner` and not in a subtree that
    # only `inner_skip` leaves out (`paused`: the outer walk still reads it).
    inner_paragraphs: list[Paragraph] | None = None
    body = _Cutter([], region)  # replaced when the walk reaches `inner`
    on = False
    paused = None

    walker = etree.iterwalk(region, events=("start", "end"))
    # The element whose subtree was just skipped: its end event comes
    # right after its start (nothing below it is walked).
    skipped = None
    for event, el in walker:
        tag = el.tag
        if event == "start":
            if el is not region:
                if tag.__class__ is not str:  # a processing instruction
                    skipped = el
                    continue
                if tag == "br":
                    outer.br()
                    if on:
                        body.br()
                    continue
                if tag == "img":
                    pieces.append(Image(el))
                classes = el.get("class")
                if tag == "figcaption" or (classes is not None and _is_caption_class(classes)):
                    outer.cut()
                    if on:
                        body.cut()
                    pieces.append(CaptionElement(element_text(el), el))
                    skipped = el
                    walker.skip_subtree()
                    continue
                block = tag in BLOCK_TAGS
                if skip(el):
                    if block:
                        outer.cut()
                        if on:
                            body.cut()
                    skipped = el
                    walker.skip_subtree()
                    continue
                if block:
                    outer.open_block(el, tag)
            text = el.text
            if text:
                outer.text.append(text)
            if el is inner:
                inner_paragraphs, on = [], True
                body = _Cutter(inner_paragraphs, inner)
                if text:
                    body.text.append(text)
            elif on:
                if inner_skip(el):
                    if block:
                        body.cut()
                    paused, on = el, False
                elif block:
                    body.open_block(el, tag)
                    if text:
                        body.text.append(text)
                elif text:
                    body.text.append(text)
        else:  # end
            if el is region:
                break
            if el is skipped:
                skipped = None
            elif tag in BLOCK_TAGS:
                outer.close_block(tag)
                if on and el is not inner:
                    body.close_block(tag)
            tail = el.tail
            if el is inner:
                body.cut()  # the inner walk ends here, without the tail
                on = False
            elif el is paused:
                paused, on = None, True
            if tail:
                outer.text.append(tail)
                if on:
                    body.text.append(tail)
    outer.cut()
    if on:  # `inner` is `region`
        body.cut()
    return pieces, inner_paragraphs


def paragraphs_of(pieces: list[Piece]) -> list[Paragraph]:
    return [p for p in pieces if p.__class__ is Paragraph]

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


def is_caption_element(element: Element) -> bool:
    if element.tag == "figcaption":
        return True
    classes = element.get("class")
    return classes is not None and _is_caption_class(classes)


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


def _cutter(out: list, open_blocks: list[Element]) -> tuple[list[str], Callable[[], None]]:
    """A text buffer, and its flush: the buffered text, cut at double
    <br>s, into paragraphs owned by the innermost open block."""
    buffer: list[str] = []
    append = out.append

    def flush() -> None:
        text = "".join(buffer)
        buffer.clear()
        if _BR not in text:  # most paragraphs: no <br> to split on
            if text and not text.isspace():
                append(Paragraph(text, open_blocks[-1]))
            return
        owner = open_blocks[-1]
        for part in _DOUBLE_BR.split(text):
            part = part.replace(_BR, " ")
            if part.strip():
                append(Paragraph(part, owner))

    return buffer, flush


def _walk(
    region: Element, skip: Callable[[Element], bool],
    inner: Element | None = None, inner_skip: Callable[[Element], bool] | None = None,
) -> tuple[list[Piece], list[Paragraph] | None]:
    pieces: list[Piece] = []
    append_piece = pieces.append
    # Owners: the block elements currently open; the innermost owns text.
    open_blocks: list[Element] = [region]
    buffer, flush = _cutter(pieces, open_blocks)
    line_break_depth = 0
    # The inner region's walk, run alongside: `on` while the walk is in
    # `inner` and not in a subtree that only `inner_skip` leaves out
    # (`paused`, whose text the outer walk still reads).
    inner_paragraphs: list[Paragraph] | None = None
    inner_blocks: list[Element] = [inner]
    inner_buffer: list[str] = []
    inner_flush = None  # made when the walk reaches `inner`
    inner_depth = 0
    on = False
    paused = None

    walker = etree.iterwalk(region, events=("start", "end"))
    # The element whose subtree was just skipped: its end event comes
    # right after its start (nothing below it is walked).
    skipped = None
    for event, el in walker:
        tag = el.tag
        if event == "start":
            if el is region:
                if el.text:
                    buffer.append(el.text)
                if el is inner:
                    inner_paragraphs, on = [], True
                    inner_buffer, inner_flush = _cutter(inner_paragraphs, inner_blocks)
                    if el.text:
                        inner_buffer.append(el.text)
                continue
            if tag.__class__ is not str:  # a processing instruction
                skipped = el
                continue
            if tag == "br":
                if line_break_depth:
                    buffer.append(_BR)
                elif buffer:
                    flush()
                if on:
                    if inner_depth:
                        inner_buffer.append(_BR)
                    elif inner_buffer:
                        inner_flush()
                continue
            if tag == "img":
                append_piece(Image(el))
            classes = el.get("class")
            if tag == "figcaption" or (classes is not None and _is_caption_class(classes)):
                if buffer:
                    flush()
                if on and inner_buffer:
                    inner_flush()
                append_piece(CaptionElement(element_text(el), el))
                skipped = el
                walker.skip_subtree()
                continue
            if skip(el):
                if tag in BLOCK_TAGS:
                    if buffer:
                        flush()
                    if on and inner_buffer:
                        inner_flush()
                skipped = el
                walker.skip_subtree()
                continue
            block = tag in BLOCK_TAGS
            if block:
                if buffer:
                    flush()
                open_blocks.append(el)
                if tag in _LINE_BREAK_CONTAINERS:
                    line_break_depth += 1
            text = el.text
            if text:
                buffer.append(text)
            if el is inner:
                inner_paragraphs, on = [], True
                inner_buffer, inner_flush = _cutter(inner_paragraphs, inner_blocks)
                if text:
                    inner_buffer.append(text)
            elif on:
                if inner_skip(el):
                    if block and inner_buffer:
                        inner_flush()
                    paused, on = el, False
                    continue
                if block:
                    if inner_buffer:
                        inner_flush()
                    inner_blocks.append(el)
                    if tag in _LINE_BREAK_CONTAINERS:
                        inner_depth += 1
                if text:
                    inner_buffer.append(text)
        else:  # end
            if el is region:
                break
            tail = el.tail
            if el is skipped:
                skipped = None
                if tail:
                    buffer.append(tail)
                    if on:
                        inner_buffer.append(tail)
                continue
            if tag in BLOCK_TAGS:
                if buffer:
                    flush()
                open_blocks.pop()
                if tag in _LINE_BREAK_CONTAINERS:
                    line_break_depth -= 1
            if tail:
                buffer.append(tail)
            if el is inner:
                if inner_buffer:
                    inner_flush()
                on = False
            elif el is paused:
                paused, on = None, True
                if tail:
                    inner_buffer.append(tail)
            elif on:
                if tag in BLOCK_TAGS:
                    if inner_buffer:
                        inner_flush()
                    inner_blocks.pop()
                    if tag in _LINE_BREAK_CONTAINERS:
                        inner_depth -= 1
                if tail:
                    inner_buffer.append(tail)
    if buffer:
        flush()
    if on and inner_buffer:  # `inner` is `region`
        inner_flush()
    return pieces, inner_paragraphs


def paragraphs_of(pieces: list[Piece]) -> list[Paragraph]:
    return [p for p in pieces if p.__class__ is Paragraph]

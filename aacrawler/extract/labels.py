"""Values written after a label ("Media ID:", "Caption:").

RECORD.md: the value is in the same element as the label or, when the
label stands alone, in the element right after it; a label with nothing
after it in its block gives nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tree import Element, text_content

from .paragraphs import Paragraph


@dataclass(frozen=True)
class LabelValue:
    text: str
    same_element: bool  # False: taken from the element after the label


def value_after_label(
    paragraphs: list[Paragraph], index: int, label: re.Pattern[str]
) -> LabelValue | None:
    paragraph = paragraphs[index]
    match = label.search(paragraph.text)
    if match is None:
        return None
    rest = paragraph.text[match.end():]
    if rest.strip():
        return LabelValue(rest, True)
    if index + 1 < len(paragraphs):
        following = paragraphs[index + 1]
        if following.owner is paragraph.owner:  # the next <br>-separated line
            return LabelValue(following.text, False)
        # A label that is one line among others of its block ("Media ID:
        # 5535<br>Caption:") has nothing after it in its block; only a
        # label standing alone in its element reaches the next element. A
        # label that ends a box holding more ("Media ID: 5535 Caption:")
        # has nothing after it in its block either.
        stands_alone = (index == 0 or paragraphs[index - 1].owner is not paragraph.owner) and bool(
            _LABEL_ONLY.match(paragraph.text))
        if stands_alone and _is_right_after(paragraph.owner, following.owner, following.text):
            return LabelValue(following.text, False)
    return None


# The label and nothing else: "Caption:", "Media ID :".
_LABEL_ONLY = re.compile(r"^[^\d:]*:\s*$")


def _is_right_after(label_block: Element, candidate: Element, text: str) -> bool:
    """The candidate's block is the label's own (lines split by <br>) or
    the element right after the label's block, or the one text inside
    that element (not the first paragraph of a content block)."""
    if candidate is label_block:
        return True
    sibling = label_block.getnext()
    while sibling is not None and not isinstance(sibling.tag, str):
        sibling = sibling.getnext()  # comments between them do not count
    if sibling is None:
        return False
    if candidate is sibling:
        return True
    inside = any(a is sibling for a in candidate.iterancestors())
    return inside and " ".join(text_content(sibling).split()) == " ".join(text.split())

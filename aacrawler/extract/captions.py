"""Captions (RECORD.md "captions").

Sources, in document order: the text after a `Caption:` label (or the
element right after a label that stands alone), `figcaption`,
`.wp-caption-text`, and the `alt`/`title` of the article's images.

A page repeats one caption two to four times with differences that do
not make it another caption: spacing, entities, case, surrounding
quotes, a trailing period, the credit in parentheses present or not, a
copy cut short with "..." or "…". Those copies form one caption, kept in
its longest complete form without surrounding quotes (first seen on a
tie). Captions of different images stay apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from .tree import Element

from .labels import value_after_label
from .paragraphs import CaptionElement, Image, Paragraph, Piece
from .text import clean_text

CAPTION_LABEL = re.compile(r"^\s*(?:media\s*id\s*:\s*\d*\s*)?caption\s*:", re.IGNORECASE)
_QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201f\u2039\u203a"
_CUT_SHORT = re.compile(r"\s*(?:\.\.\.|\u2026)\s*$")
_CREDIT = re.compile(r"\s*\([^()]*\)\s*$")
# An image whose alt is its file name or a placeholder has no caption.
_FILE_NAME = re.compile(r"^[\w\-. ]+\.(?:jpe?g|png|gif|webp|bmp|svg)$", re.IGNORECASE)
_IGNORED_IMAGE_CLASSES = frozenset({"avatar", "emoji", "wp-smiley", "logo"})
# A cut-short copy must keep this much text to be matched by its start.
_MIN_PREFIX = 12


def strip_quotes(text: str) -> str:
    """Remove quotes that wrap the whole text ("…", “…”, '…')."""
    stripped = text.strip()
    while len(stripped) >= 2 and stripped[0] in _QUOTES and stripped[-1] in _QUOTES:
        stripped = stripped[1:-1].strip()
    return stripped


def _squash(text: str) -> str:
    # Spacing and case never make another caption.
    return "".join(text.split()).casefold()


@dataclass(frozen=True)
class CaptionForm:
    """One copy of a caption, with the keys used to compare copies."""

    text: str  # cleaned, surrounding quotes removed
    cut_short: bool
    full: str  # squashed text (credit kept)
    base: str  # squashed text without credit and trailing period

    @classmethod
    def of(cls, raw: str) -> "CaptionForm | None":
        text = strip_quotes(clean_text(raw))
        if not text:
            return None
        cut_short = bool(_CUT_SHORT.search(text))
        core = _CUT_SHORT.sub("", text) if cut_short else text
        core = strip_quotes(core)
        # "…2014. (AP Photo)." / "…2014 (AP Photo)" / "…2014.": one base.
        base = _CREDIT.sub("", core.rstrip(" .")).rstrip(" .")
        return cls(text, cut_short, _squash(core), _squash(base) or _squash(core))

    def is_copy_of(self, other: "CaptionForm") -> bool:
        if not self.cut_short and not other.cut_short:
            return self.base == other.base
        if self.cut_short and other.cut_short:
            short, long = sorted((self.full, other.full), key=len)
            return len(short) >= _MIN_PREFIX and long.startswith(short)
        short, long = (self, other) if self.cut_short else (other, self)
        return len(short.full) >= _MIN_PREFIX and (
            long.full.startswith(short.full) or long.base.startswith(short.full)
        )


@dataclass
class Caption:
    """One caption and every form in which the page shows it."""

    forms: list[CaptionForm] = field(default_factory=list)

    def matches(self, form: CaptionForm) -> bool:
        return any(form.is_copy_of(existing) for existing in self.forms)

    @property
    def best(self) -> str:
        complete = [f for f in self.forms if not f.cut_short] or self.forms
        # max() keeps the first of equal lengths: "first seen" on a tie.
        return max(complete, key=lambda f: len(f.text)).text


def dedupe_captions(copies: list[str]) -> list[Caption]:
    """Group copies into captions, in order of first appearance."""
    captions: list[Caption] = []
    for raw in copies:
        form = CaptionForm.of(raw)
        if form is None:
            continue
        for caption in captions:
            if caption.matches(form):
                caption.forms.append(form)
                break
        else:
            captions.append(Caption([form]))
    return captions


def caption_copy_test(captions: list[Caption]) -> Callable[[str], bool]:
    """A test of paragraphs: is this one a copy of one of the captions
    (cut short or not)? A complete paragraph is never taken for a caption
    merely because a cut-short caption copy is a prefix of it. What the
    captions' forms are compared by is worked out once, for every
    paragraph of the body."""
    if not captions:
        return lambda text: False
    may_be_copy = _start_test(captions)
    return lambda text: may_be_copy(text) and _is_copy(text, captions)


def _is_copy(text: str, captions: list[Caption]) -> bool:
    form = CaptionForm.of(text)
    if form is None:
        return False
    for caption in captions:
        for existing in caption.forms:
            if not form.cut_short and existing.cut_short:
                if form.full == existing.full:
                    return True
                continue
            if form.is_copy_of(existing):
                return True
    return False


# How much of a caption's squashed start any copy of it shares with it
# (a cut-short copy keeps at least _MIN_PREFIX), and how much of a
# paragraph's start is squashed to compare with that.
_HEAD = 64
# Characters whose cleaning (clean_text) changes a text's start.
_CHANGED_BY_CLEANING = re.compile("[&<\u200b\ufeff\u00ad]")


def _start_test(captions: list[Caption]) -> Callable[[str], bool]:
    """A test that is False when a paragraph cannot be a copy of any of
    the captions, judged from its start alone: every copy's squashed text
    (`full`) shares the first min(_MIN_PREFIX, len(base)) characters of
    the caption form's (a base is a prefix of its full text), and a
    paragraph's `full` is its squashed start with none, some or all of
    its leading quotes removed. Most body paragraphs are ruled out so,
    without building their form."""
    needed: dict[int, set[str]] = {}  # the starts a copy needs, by length
    for caption in captions:
        for existing in caption.forms:
            start = existing.full[:min(_MIN_PREFIX, len(existing.base))]
            needed.setdefault(len(start), set()).add(start)
    longest = max(needed)
    by_length = list(needed.items())

    def may_be_copy(text: str) -> bool:
        head = text[:_HEAD]
        if _CHANGED_BY_CLEANING.search(head):
            return True
        squashed = _squash(head)
        unquoted = squashed.lstrip(_QUOTES)
        if len(unquoted) < longest:
            return True  # too little text to rule a copy out
        for skipped in range(len(squashed) - len(unquoted) + 1):
            for length, starts in by_length:
                if squashed[skipped:skipped + length] in starts:
                    return True
        return False

    return may_be_copy


def _image_texts(image: Element) -> list[str]:
    # The walk that found the image has already left furniture out.
    classes = set((image.get("class") or "").lower().split())
    if classes & _IGNORED_IMAGE_CLASSES:
        return []
    texts = []
    for attribute in ("alt", "title"):
        value = clean_text(image.get(attribute))
        if value and not _FILE_NAME.match(value):
            texts.append(value)
    return texts


def collect_caption_copies(pieces: list[Piece]) -> list[str]:
    """Every caption copy of the article, in document order."""
    copies: list[str] = []
    paragraphs = [p for p in pieces if isinstance(p, Paragraph)]
    paragraph_index = {id(p): i for i, p in enumerate(paragraphs)}
    for piece in pieces:
        if isinstance(piece, CaptionElement):
            copies.append(piece.text)
        elif isinstance(piece, Image):
            copies.extend(_image_texts(piece.element))
        elif CAPTION_LABEL.search(piece.text):
            value = value_after_label(paragraphs, paragraph_index[id(piece)], CAPTION_LABEL)
            if value is not None and not _is_label(value.text):
                copies.append(value.text)
    return copies


def _is_label(text: str) -> bool:
    # "Caption:" followed by another label is an empty caption.
    return bool(CAPTION_LABEL.search(text)) or bool(
        re.match(r"\s*media\s*id\s*:", text, re.IGNORECASE)
    )

"""The extractor's CSS queries, answered from one index of the page.

lxml runs a CSS query as XPath, and libxml2 tests a class, rel or
itemprop word on every element of the page, each test a string
normalised and searched: about 2 ms a query on a 200 KB page, where
parsing the whole page takes 4. The extractor asks some twenty such
queries a page. One walk of the page instead files every element under
its class, rel and itemprop words, in document order; a query then looks
at the few elements filed under one of its words, and checks the rest of
the selector on them and on their ancestors.

The selectors read here are the ones selectors.py holds: compounds of a
tag, `.class` words, `[class|rel|itemprop~='word']` and
`[class|rel|itemprop='value']`, joined by the descendant combinator, and
groups of them; the result is that of lxml's query (`descendant-or-self`
of the element searched from, document order, each element once). Any
other selector (an id, `>`, `*`, a pseudo-class) runs as XPath.

Words are split on whitespace as Python splits it (as the rest of the
extractor reads class words); XPath's `normalize-space` splits on ASCII
whitespace only, which no real class attribute tells apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from lxml import etree

from .tree import Element

# The elements HTML gives a rel attribute: rel words are read from these
# only, and a rel query on another element runs as XPath.
REL_TAGS = ("a", "link", "area", "form")

_COMPOUND = re.compile(
    r"(?P<tag>[a-z][a-z0-9]*)?(?P<tests>(?:\.[\w-]+|\[(?:class|rel|itemprop)~?=(?P<q>['\"])[^'\"\s]+(?P=q)\])*)"
)
_TEST = re.compile(r"\.(?P<cls>[\w-]+)|\[(?P<attr>class|rel|itemprop)(?P<word>~?)=['\"](?P<value>[^'\"]+)['\"]\]")


@dataclass(frozen=True)
class Compound:
    """One element's part of a selector: `span.author`, `a[rel~='tag']`."""

    tag: str | None
    words: tuple[tuple[str, str], ...]  # (attribute, word): the word is among the attribute's words
    exact: tuple[tuple[str, str], ...]  # (attribute, value): the attribute is exactly the value

    @cached_property
    def key(self) -> tuple[str, str] | None:
        """An index key every match is filed under, if any."""
        keys = [*self.words, *((a, v) for a, v in self.exact if v.split() == [v])]
        for attribute, word in keys:
            if attribute != "rel" or self.tag in REL_TAGS:
                return attribute, word
        return None

    def matches(self, element: Element) -> bool:
        if self.tag is not None and element.tag != self.tag:
            return False
        for attribute, value in self.exact:
            if element.get(attribute) != value:
                return False
        for attribute, word in self.words:
            if word not in (element.get(attribute) or "").split():
                return False
        return True


Selector = tuple[Compound, ...]  # ancestors first, the element matched last


@lru_cache(maxsize=None)
def parse_selector(css: str) -> tuple[Selector, ...] | None:
    """The groups of `css` as compounds, or None for a selector this does
    not read (it then runs as XPath)."""
    alternatives = []
    for alternative in css.split(","):
        compounds = []
        for part in alternative.split():
            match = _COMPOUND.fullmatch(part)
            if match is None or not part:
                return None
            words, exact = [], []
            for test in _TEST.finditer(match.group("tests")):
                if test.group("cls"):
                    words.append(("class", test.group("cls")))
                elif test.group("word"):
                    words.append((test.group("attr"), test.group("value")))
                else:
                    exact.append((test.group("attr"), test.group("value")))
            compounds.append(Compound(match.group("tag"), tuple(words), tuple(exact)))
        if not compounds:
            return None
        alternatives.append(tuple(compounds))
    return tuple(alternatives)


class WordIndex:
    """The page's elements filed under each class, rel and itemprop word,
    in document order. Class words are filed in one walk when the index
    is made (every page's queries need them), and itemprop words in the
    same walk when the page's source has the word (schema.org markup, on
    about half of real pages; never otherwise); rel words when a query
    first needs them, from links only (the elements HTML gives a rel).

    Of the class words, the walk files only those some query of this
    process has asked for (a few dozen: the extractor's selectors), not
    the hundreds a theme prints (menu-item-123, et_pb_row_4 ...). A word
    asked for the first time is looked for in a walk of its own (once in
    the process) and filed from then on: every answer is the one filing
    every word would give."""

    def __init__(self, root: Element, source: str | bytes | None = None):
        self.root = root
        self.source = source
        classes: dict[str, list[Element]] = {}
        itemprops: dict[str, list[Element]] = {}
        self.tables: dict[str, dict[str, list[Element]]] = {"class": classes, "itemprop": itemprops}
        # The words asked before this walk are the ones it files.
        self.filed_words = len(_asked_classes)
        asked_words_of = _asked_words_of
        read_itemprop = self._in_source("itemprop")
        for element in root.iter(etree.Element):
            value = element.get("class")
            if value:
                words = asked_words_of.get(value)
                if words is None:
                    words = _asked_words(value)
                for word in words:  # _file, inlined: this loop meets every element
                    found = classes.get(word)
                    if found is None:
                        classes[word] = [element]
                    else:
                        found.append(element)
            if read_itemprop:
                value = element.get("itemprop")
                if value:
                    _file(itemprops, value, element)

    def _class(self, word: str) -> list[Element]:
        """The elements with `word` among their class words."""
        table = self.tables["class"]
        found = table.get(word)
        if found is not None:
            return found
        asked = _asked_classes.get(word)
        if asked is not None and asked < self.filed_words:
            return []  # filed by the walk: no element has it
        if asked is None:
            _ask_class(word)
        # Asked for the first time, or since this index was made (by a
        # query of another page): looked for in a walk of its own.
        found = table[word] = [
            element for element in self.root.iter(etree.Element)
            if word in (element.get("class") or "").split()
        ]
        return found

    def _in_source(self, word: str) -> bool:
        """The word may be in the page (True when the source is unknown)."""
        source = self.source
        if source is None:
            return True
        return (word.encode() if isinstance(source, bytes) else word) in source

    def table(self, attribute: str) -> dict[str, list[Element]]:
        """Word → elements for `attribute` (rel: filed on first use)."""
        table = self.tables.get(attribute)
        if table is None:
            table = self.tables[attribute] = {}
            for element in self.root.iter(*REL_TAGS):
                value = element.get(attribute)
                if value:
                    _file(table, value, element)
        return table

    def has(self, word: str) -> bool:
        """The word is a class, rel or itemprop word of some element."""
        if self._class(word):  # most words asked are class words
            return True
        return word in self.table("rel") or word in self.table("itemprop")

    def lookup(self, key: tuple[str, str]) -> list[Element]:
        attribute, word = key
        if attribute == "class":
            return self._class(word)
        return self.table(attribute).get(word, [])

    def select(self, selector: tuple[Selector, ...], within: Element | None = None) -> list[Element] | None:
        """Elements matching `selector` at or below `within` (the page),
        in document order; None when some group has no word to look up
        (the caller then runs it as XPath)."""
        within = self.root if within is None else within
        if len(selector) == 1:
            return self._select_one(selector[0], within)
        found: dict[Element, None] = {}
        for alternative in selector:
            matched = self._select_one(alternative, within)
            if matched is None:
                return None
            found.update(dict.fromkeys(matched))
        return sorted(found, key=_document_order)

    def _select_one(self, compounds: Selector, within: Element) -> list[Element] | None:
        last = compounds[-1]
        key = last.key
        if key is None and len(compounds) == 1 and last.tag and not last.exact and not last.words:
            return list(within.iter(last.tag))  # a bare tag: lxml's own walk
        if key is not None:
            filed = self.lookup(key)
            if not filed:  # most queries: no element carries the word
                return []
            candidates = [e for e in filed if last.matches(e)]
            if within is self.root and len(compounds) == 1:
                return candidates  # the whole page: nothing to check above them
            return [e for e in candidates if _ancestors_match(e, compounds[:-1], within)]
        # The element matched has no word (`span.author a`): start from the
        # nearest ancestor compound that has one, and look below it.
        for index in range(len(compounds) - 2, -1, -1):
            anchor_key = compounds[index].key
            if anchor_key is None:
                continue
            found: dict[Element, None] = {}
            for anchor in self.lookup(anchor_key):
                if not compounds[index].matches(anchor):
                    continue
                for element in anchor.iter(last.tag) if last.tag else anchor.iter(etree.Element):
                    if element is not anchor and last.matches(element) and _ancestors_match(element, compounds[:-1], within):
                        found[element] = None
            return list(found)
        return None


# The class words some query of this process has asked for, and, for
# each class attribute met, its words among them (themes print the same
# attributes on every page: split once). Emptied when a new word is
# asked, and when full.
_asked_classes: dict[str, int] = {}  # word → how many were asked before it
_asked_words_of: dict[str, tuple[str, ...]] = {}
_ATTRIBUTES_KEPT = 20_000


def _asked_words(value: str) -> tuple[str, ...]:
    if len(_asked_words_of) >= _ATTRIBUTES_KEPT:
        _asked_words_of.clear()
    # Each word once: `class="post post"` files its element once, as XPath finds it.
    words = _asked_words_of[value] = tuple(dict.fromkeys(w for w in value.split() if w in _asked_classes))
    return words


def _ask_class(word: str) -> None:
    _asked_classes[word] = len(_asked_classes)
    _asked_words_of.clear()


def _file(table: dict[str, list[Element]], value: str, element: Element) -> None:
    """File `element` under each word of its attribute's `value` (once)."""
    for word in dict.fromkeys(value.split()):
        found = table.get(word)
        if found is None:
            table[word] = [element]
        else:
            found.append(element)


def _ancestors_match(element: Element, ancestors: Selector, within: Element) -> bool:
    """`element` is at or below `within`, and its ancestors at or below
    `within` match `ancestors`, outermost first (the descendant
    combinator: the nearest matching ancestor is always the right one)."""
    pending = len(ancestors)
    if element is within:
        return pending == 0
    node = element.getparent()
    while node is not None:
        if pending and ancestors[pending - 1].matches(node):
            pending -= 1
        if node is within:
            return pending == 0
        node = node.getparent()
    return False


def _document_order(element: Element) -> list[int]:
    """Sort key: the element's path of child indexes from the root (asked
    of the few elements a group of selectors matches)."""
    path = []
    parent = element.getparent()
    while parent is not None:
        path.append(parent.index(element))
        element, parent = parent, parent.getparent()
    path.reverse()
    return path

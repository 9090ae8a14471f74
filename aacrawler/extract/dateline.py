"""Dateline (RECORD.md "dateline").

The opening of the first paragraph up to a dash: `Place, Source—`, the
dash `—`, `–`, `-` or `--`, spaced or not; Source is Asharq Al-Awsat or
a news agency; a place alone (`CAIRO—`) counts too. A first sentence
that merely has a comma or a dash early on is not a dateline, so the
place must look like a place name and the source like a news source.
"""

from __future__ import annotations

import re

_UPPER = "A-Z\u00c0-\u00de"
_LETTER = r"[^\W\d_]"
# "Beirut", "Al-Mukalla", "Sana'a", "St.", "DEIR EZ-ZOR"
_NAME = rf"[{_UPPER}](?:{_LETTER}|['\u2019.])*(?:-{_LETTER}(?:{_LETTER}|['\u2019.])*)*"
# Lower-case particles inside place names: "Sharm el-Sheikh", "Dar es Salaam".
_PARTICLE = r"(?:al|el|ad|ar|as|ash|at|az|ez|es|an|bin|ibn|de|du|la|le|of|the)(?:-{_NAME})?"
_PLACE = rf"{_NAME}(?:\s+(?:{_NAME}|{_PARTICLE})){{0,4}}".replace("{_NAME}", _NAME)

# Sources named in SITE.md and the agencies the paper used.
_KNOWN_SOURCES = (
    r"Asharq\s+Al[-\s]?Awsat", r"Asharq\s+Alawsat", r"Agence\s+France[-\s]Presse",
    r"Associated\s+Press", r"Deutsche\s+Presse[-\s]Agentur", r"Reuters", r"Xinhua",
    r"Anadolu(?:\s+Agency)?", r"Bloomberg", r"Al[-\s]Arabiya", r"Kyodo",
    r"Saudi\s+Press\s+Agency", r"Kuwait\s+News\s+Agency", r"Emirates\s+News\s+Agency",
)
# Acronyms (AFP, AP, DPA, SPA, KUNA, MENA, WAM, UPI) and "<Name> News Agency".
_SOURCE = (
    r"(?:(?i:" + "|".join(_KNOWN_SOURCES) + r")|[A-Z]{2,6}"
    rf"|{_NAME}(?:\s+{_NAME}){{0,3}}\s+(?:News\s+Agency|Agency|Press|News))"
)
# A sentence starts after the dash; "-backed" or "—who" is no dateline.
_DASH = r"(?:\s*(?:--|\u2014|\u2013)\s*|\s+-(?:\s+|$)|-(?=[\"'\u201c\u2018\d" + _UPPER + r"]))"
_SENTENCE_START = r"(?=[\"'\u201c\u2018(\d" + _UPPER + r"])"

DATELINE = re.compile(
    rf"^\s*(?P<dateline>(?P<place>{_PLACE})"
    rf"(?:\s*,\s*{_PLACE})??(?:\s*,\s*(?P<source>{_SOURCE}))?)"
    rf"\s*,?(?P<dash>{_DASH})(?:{_SENTENCE_START}|\s*$)"
)
# Without a source, only a true dash ends a dateline: "Amman-Jordan" is
# a compound, "CAIRO—" a dateline.
_TRUE_DASH = re.compile(r"--|\u2014|\u2013|\s-\s")
# An ordinary word opening a sentence: capital, then lower case.
_SENTENCE_WORD = re.compile(rf"[\"'\u201c\u2018]?[{_UPPER}][a-z\u00df-\u00ff]")

# Words that open ordinary sentences, never a place.
_NOT_PLACES = frozenset(
    """a an the in on at for from to by with as after before during since until
    when while if but and or so yet however meanwhile moreover also last this
    that these those yesterday today tomorrow earlier later now then according
    although though because despite under over amid among following it he she
    they we i you there here some many most several what who why how where
    monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december mr mrs
    ms dr president minister king prince sheikh""".split()
)


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """(dateline, rest of the paragraph); (None, paragraph) when it has none."""
    match = DATELINE.match(paragraph)
    if match is None:
        return None, paragraph
    place = match.group("place")
    first_word = place.split()[0].split("-")[0].lower()
    if first_word in _NOT_PLACES:
        return None, paragraph
    dateline = match.group("dateline").strip(" ,")
    rest = paragraph[match.end():]
    if match.group("source") is None:
        # Two places with no source ("Syria, Iraq—") are no dateline.
        if "," in dateline:
            return None, paragraph
        # A place alone ends at a true dash; at an unspaced hyphen only
        # when it is written in capitals and a sentence follows
        # ("MANAMA-The commission…"): "Amman-Jordan" stays a compound.
        if not _TRUE_DASH.search(match.group("dash")) and not (place.isupper() and _SENTENCE_WORD.match(rest)):
            return None, paragraph
    return dateline, rest.lstrip()

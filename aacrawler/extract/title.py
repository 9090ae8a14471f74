"""Title (RECORD.md "title").

The first that exists: `h1.entry-title`; the first `h1` of the article's
header or content (not of its comments); `og:title`; `<title>`. The
archive's suffix is cut from any of them; a " | " inside the headline
itself stays.
"""

from __future__ import annotations

import re

from . import selectors as S
from .page import Page
from .paragraphs import element_text
from .text import clean_text

# Both forms of SITE.md, with any spacing and dash:
#   "<headline> | ASHARQ AL-AWSAT English Archive 2005 -2017"
#   "<headline> - ASHARQ AL-AWSAT English Archive"
_SITE_SUFFIX = re.compile(
    r"\s*[|\-\u2013\u2014:]\s*ASHARQ\s+AL[-\s]?AWSAT\s+English\s+Archive"
    r"(?:\s*\d{4}\s*[-\u2013\u2014]\s*\d{4})?\s*$",
    re.IGNORECASE,
)


def strip_site_suffix(title: str) -> str:
    return _SITE_SUFFIX.sub("", title)


def _h1_candidates(page: Page):
    article = page.article
    yield from page.find(S.TITLE_ENTRY, within=article) or page.find(S.TITLE_ENTRY)
    for css in S.TITLE_HEADER_H1:
        yield from page.find(css, within=article)
    if page.content is not None:
        yield from page.find("h1", within=page.content)
    yield from page.find("h1", within=article)


def extract_title(page: Page) -> str | None:
    """The headline, site suffix cut; None when no source gives one."""
    for heading in _h1_candidates(page):
        title = strip_site_suffix(clean_text(element_text(heading)))
        if title:
            return title
    for value in (page.first(S.TITLE_OG), page.first(S.TITLE_TAG + "::text")):
        title = strip_site_suffix(clean_text(value))
        if title:
            return title
    return None

"""Byline, date, categories, tags and main image (RECORD.md).

Read from the article's post meta (`span.author`, `a[rel~=author]`,
`span.published`, `time[datetime]`, `article:published_time`,
`a[rel~=category]`, `a[rel~=tag]`), never from the sidebar, related posts
or comments. A modification date (`time.updated`,
`article:modified_time`) is never the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from . import selectors as S
from . import structured
from .furniture import marked_as_furniture
from .page import Page
from .paragraphs import element_text
from .text import clean_text
from .tree import Element

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"),
            ("apr", "april"), ("may",), ("jun", "june"), ("jul", "july"),
            ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
            ("nov", "november"), ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATE_FORMS = (
    # 2014-07-26, 2014-07-26T10:00:00+03:00: the calendar date as written.
    re.compile(r"(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})"),
    # Jul 26, 2014 / July 26, 2014
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"),
    # 26 July 2014
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})"),
)
_MODIFIED = frozenset({"updated", "modified", "date-modified", "entry-date-modified"})
_BYLINE = re.compile(r"^\s*by\s+", re.IGNORECASE)


def without_by(text: str) -> str:
    """A byline's name: "by Amir Taheri" → "Amir Taheri"."""
    return _BYLINE.sub("", text).strip()


def parse_date(text: str | None) -> str | None:
    """`YYYY-MM-DD` from any of RECORD.md's date forms, else None."""
    if not text:
        return None
    for form in _DATE_FORMS:
        for match in form.finditer(text):
            parts = match.groupdict()
            month = parts.get("mon")
            month = int(month) if month else _MONTHS.get(parts["month"].lower())
            day, year = int(parts["day"]), int(parts["year"])
            try:  # a day the month has (never Feb 30), in a year that exists
                return date(year, month, day).isoformat() if month else None
            except ValueError:
                continue
    return None


def _meta_elements(page: Page, css: str) -> list[Element]:
    """Elements of the article matching `css`, furniture and other posts'
    entries left out; the whole page is searched only when the article
    region has none."""
    return page.find_own(css)


def _is_modified(element: Element) -> bool:
    classes = set((element.get("class") or "").lower().split())
    return bool(classes & _MODIFIED) and "published" not in classes


def _post_meta_text(page: Page) -> str:
    # Read by author and published: looked for once.
    if "post_meta_text" not in page.memo:
        lines = _meta_elements(page, S.POST_META_LINE)
        page.memo["post_meta_text"] = clean_text(element_text(lines[0])) if lines else ""
    return page.memo["post_meta_text"]


def extract_author(page: Page) -> str | None:
    for css in S.AUTHOR:
        for element in _meta_elements(page, css):
            name = without_by(clean_text(element_text(element)))
            if name:
                return name
    # "by Amir Taheri | Jun 27, 2014 | Opinion" with no marked-up author.
    line = _post_meta_text(page)
    if _BYLINE.match(line):
        name = without_by(line).split("|")[0].strip()
        if name:
            return name
    # Structured data: the byline as the page's JSON-LD or meta names it.
    name = structured.author_name(page)
    return (without_by(name) or None) if name else None


def extract_published(page: Page) -> str | None:
    for css in S.PUBLISHED_TEXT:
        for element in _meta_elements(page, css):
            if not _is_modified(element):
                date = parse_date(element.get("datetime") or element_text(element))
                if date:
                    return date
    for element in _meta_elements(page, S.PUBLISHED_TIME):
        if not _is_modified(element):
            date = parse_date(element.get("datetime")) or parse_date(element_text(element))
            if date:
                return date
    for css in S.PUBLISHED_META:
        date = parse_date(page.first(css))
        if date:
            return date
    return (parse_date(_post_meta_text(page)) or parse_date(structured.published_value(page))
            or _agreed_date(page))


def _among_other_dates(page: Page, element: Element) -> bool:
    """In a part of the page whose dates are other things' dates: another
    post's entry, a footer, or a box its class/id words mark as furniture
    (comments, sidebars and widgets, related posts). A site-looking
    <header> or an <aside>, furniture by their tag alone, may hold the
    post's own date."""
    # The box first: most such dates are a comment's, found a few steps up.
    if any(a.tag == "footer" or marked_as_furniture(a) for a in element.iterancestors()):
        return True
    return page.in_other_post(element)


def _agreed_date(page: Page) -> str | None:
    """Last resort: the date marks of the page outside the article too
    (themes print the post's date in a header or an <aside> outside its
    <article>, which are furniture to the body), when they all give one
    date; never those of comments, sidebars, related posts or footers."""
    dates = set()
    for css in (*S.PUBLISHED_TEXT, S.PUBLISHED_TIME):
        for element in page.select(css):
            if not _is_modified(element) and not _among_other_dates(page, element):
                date = parse_date(element.get("datetime") or element_text(element))
                if date:
                    dates.add(date)
                    if len(dates) > 1:
                        return None
    return dates.pop() if dates else None


def extract_categories(page: Page) -> list[str]:
    return [element_text(e) for e in _meta_elements(page, S.CATEGORY_LINKS)]


def extract_tags(page: Page) -> list[str]:
    # WordPress marks category links rel="category tag": those are categories.
    return [
        element_text(e)
        for e in _meta_elements(page, S.TAG_LINKS)
        if "category" not in (e.get("rel") or "").lower().split()
    ]


def _image_source(image: Element) -> str | None:
    for attribute in ("src", "data-src", "data-lazy-src", "data-original"):
        value = (image.get(attribute) or "").strip()
        if value and not value.startswith("data:"):
            return value
    return None


def _featured_images(page: Page) -> list[Element]:
    """The article's featured image: `img.wp-post-image`, or an image in
    Divi's meta block or a featured-image/post-thumbnail wrapper. Looked
    for in the article only: elsewhere an image is not the article's."""
    region = page.article
    for css in S.FEATURED_IMAGE:
        found = [e for e in page.find(css, within=region) if not page.nested_post(e, region)]
        if found:
            return found
    return []


def extract_image_url(page: Page) -> str | None:
    """og:image, else the featured image, else the first content image."""
    candidate = next(filter(None, _image_candidates(page)), None)
    return page.absolute(candidate) if candidate else None


def _image_candidates(page: Page) -> Iterator[str | None]:
    # In order of preference, each looked for only when those before it
    # gave nothing (most pages have an og:image).
    for css in S.IMAGE_OG:
        yield page.first(css)
    for element in _featured_images(page):
        yield _image_source(element)
    content = page.content
    if content is not None:
        for element in content.iter("img"):
            if not page.in_furniture(element) and not page.nested_post(element, content):
                yield _image_source(element)

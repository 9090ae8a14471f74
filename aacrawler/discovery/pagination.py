"""A listing page's pagination, in every form WordPress themes write it:

    Divi            div.pagination: "« Older Entries" / "Next Entries »"
    WordPress core  the_posts_pagination: nav.navigation.pagination,
                    numbered a.page-numbers, a.next.page-numbers
    WP-PageNavi     div.wp-pagenavi: a.page, a.nextpostslink, a.last
    <head>          <link rel="next">
    queries         ?paged=N

Numbered links tell how far the listing goes, so a page that fails in
the middle does not end the walk (aacrawler.spiders).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..extract.listing import next_pages
from ..extract.page import Page
from .urls import listing_base, page_number

# Links that mean "the next, older page", beyond extract.listing's.
_NEXT = (
    "a.next.page-numbers::attr(href)",
    "a.nextpostslink::attr(href)",
    "head link[rel~='next']::attr(href)",
)


@dataclass
class Pagination:
    current: int
    next: list[str] = field(default_factory=list)
    # Every page of this listing the page links, by number.
    numbered: dict[int, str] = field(default_factory=dict)

    @property
    def last(self) -> int | None:
        """The highest page number shown (a.last, the numbered links), when
        it says more than where the next link goes (Divi's "« Older
        Entries" alone tells nothing of the listing's end)."""
        highest = max(self.numbered, default=0)
        return highest if highest > self.current + 1 else None


def _links(page: Page):
    for element in page.root.iter("a", "link"):
        href = element.get("href")
        if href and not href.lstrip().lower().startswith(("javascript:", "mailto:", "#")):
            url = page.absolute(href.strip()).split("#", 1)[0]
            if url.startswith(("http://", "https://")):
                yield url


def pagination(page: Page) -> Pagination:
    base = listing_base(page.url)
    current = page_number(page.url)
    result = Pagination(current)
    for url in _links(page):
        if listing_base(url) == base:
            number = page_number(url)
            if number != current:
                result.numbered.setdefault(number, url)
    found = dict.fromkeys(next_pages(page))
    for css in _NEXT:
        for href in page.selector.css(css).getall():
            found.setdefault(page.absolute(href.strip()).split("#", 1)[0], None)
    if current + 1 in result.numbered:
        found.setdefault(result.numbered[current + 1], None)
    # A "next" link that points back (a newer page) is no next page.
    result.next = [u for u in found if listing_base(u) != base or page_number(u) > current]
    return result

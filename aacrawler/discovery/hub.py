"""The start page as a hub, whatever its kind (a blog home, a static
front page, a page-builder layout, a category page, even an article):
the archives it links and the articles it shows."""

from __future__ import annotations

from ..extract.listing import ListingEntry, listing_entries
from ..extract.page import Page, compiled
from ..extract.selectors import MAIN_REGIONS
from ..items import ListingHints
from .urls import is_archive_listing, listing_base, may_be_article

# Widgets that list posts (WordPress's Recent Posts; Divi's modules).
_POST_LINKS = (
    ".widget_recent_entries a",
    ".et_pb_post a",
    ".et_pb_blog_grid a",
    ".et_pb_posts a",
    ".et_pb_slide a",
    ".et_pb_text a",
    ".et_pb_blurb a",
    ".et_pb_button",
)


def archive_links(page: Page) -> list[str]:
    """Category and tag archives linked anywhere on the page (main menu,
    secondary menu, footer, the Categories widget's li.cat-item a, a tag
    cloud), each as its first page."""
    found: dict[str, None] = {}
    for element in page.root.iter("a"):
        href = element.get("href")
        if not href:
            continue
        url = page.absolute(href.strip()).split("#", 1)[0]
        if url.startswith(("http://", "https://")) and is_archive_listing(url):
            found.setdefault(listing_base(url), None)
    return list(found)


def article_links(page: Page) -> list[ListingEntry]:
    """The articles the page shows: its post entries (with what each says
    of its article), post widgets and the links of its main content."""
    found: dict[str, ListingEntry] = {e.url: e for e in listing_entries(page)}
    regions = [compiled(css)(page.root) for css in MAIN_REGIONS]
    anchors = [a for css in _POST_LINKS for a in compiled(css)(page.root)]
    for hits in regions:  # the first main region the page has
        if hits:
            anchors += [a for region in hits for a in region.iter("a")]
            break
    for anchor in anchors:
        href = anchor.get("href")
        if not href:
            continue
        url = page.absolute(href.strip()).split("#", 1)[0]
        if url.startswith(("http://", "https://")) and may_be_article(url) and url != page.url:
            found.setdefault(url, ListingEntry(url, ListingHints()))
    return list(found.values())

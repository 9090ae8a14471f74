"""The word index (extract/query.py) answers every query the extractor
asks exactly as lxml's XPath does: same elements, same order, on every
fixture page, every page of the sample site, and on hand-made markup
for the cases the real pages may not hold."""

from pathlib import Path

import pytest

from aacrawler.extract import selectors as S
from aacrawler.extract.lead import LEAD_CLASSES
from aacrawler.extract.page import Page, compiled
from aacrawler.extract.query import parse_selector

from .helpers import FIXTURES, SAMPLE

# Every element query of the extractor (selectors.py, and those written
# where they are used), plus forms the index must read the same way.
QUERIES = sorted({
    *S.CONTENT_BLOCKS, S.TITLE_ENTRY, *S.TITLE_HEADER_H1, S.POST_META_LINE, *S.AUTHOR,
    *S.PUBLISHED_TEXT, S.PUBLISHED_TIME, S.CATEGORY_LINKS, S.TAG_LINKS, *S.FEATURED_IMAGE,
    ".et_pb_post, .type-post, .hentry", "p.post-meta, .post-meta", "h1", "span.published, time",
    "div.entry-content p", "article .entry-title a", "[class~='hentry']", "a[rel='tag']",
    ".author.vcard a", "ul li a", "p, .post-meta", "#main-content", "span[rel~='tag']", "[rel~='tag']",
    "[itemprop='author'] a", "link[rel~='canonical']", ", ".join(f".{name}" for name in LEAD_CLASSES),
})

PAGES = sorted(FIXTURES.glob("*/page.html")) + sorted(SAMPLE.rglob("*.html"))


def _page(path: Path) -> Page:
    return Page.from_bytes(path.read_bytes(), "https://eng-archive.aawsat.com/x/")


def _same(page: Page, css: str, within=None):
    expected = compiled(css)(within if within is not None else page.root)
    got = page.select(css, within)
    assert [id(e) for e in got] == [id(e) for e in expected], css


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(p.parents[2])))
def test_every_query_gives_what_xpath_gives(path):
    page = _page(path)
    regions = [None, page.article, page.content, page.root.find("body")]
    for css in QUERIES:
        for within in regions:
            if within is not None or regions[0] is None:
                _same(page, css, within)


HAND_MADE = b"""<html><body class="x">
<div class="post-meta outer"><span class="author"><a href="/a">A</a>
  <span class="author"><a href="/b">B</a></span></span></div>
<article class="hentry post-1"><header><h1 class="entry-title">T</h1></header>
  <div class="entry-content" itemprop="articleBody"><p class="post-meta">m</p>
    <header><h1>Inner</h1></header>
    <a rel="category tag">c</a><a rel="tag">t</a><span rel="tag">s</span><img class="wp-post-image" src="i"></div>
</article>
<div class="hentry"><div class="hentry"><a rel="tag">u</a></div></div>
<span class="author	vcard"><a>tab</a></span>
</body></html>"""


@pytest.mark.parametrize("css", [
    "span.author a", "header h1", ".hentry a", "p.post-meta, .post-meta", ".hentry .hentry a",
    "a[rel~='tag']", "a[rel='tag']", "[itemprop='articleBody'] img", ".author.vcard a", "h1",
    ".entry-content header h1", "article h1, .post-meta", "[rel~='tag']", "span[rel~='tag']",
])
def test_hand_made_markup(css):
    page = Page.from_bytes(HAND_MADE, "https://eng-archive.aawsat.com/x/")
    article = page.root.find(".//article")
    for within in (None, article, article.find(".//header"), page.root.find(".//div")):
        _same(page, css, within)


def test_the_element_searched_from_counts_and_ancestors_above_it_do_not():
    page = Page.from_bytes(HAND_MADE, "https://eng-archive.aawsat.com/x/")
    content = page.root.find(".//div[@itemprop]")
    assert page.select(".entry-content", content) == [content]
    # The <article> holding the content block is above it: not searched.
    assert page.select("article img", content) == []


def test_selectors_the_index_does_not_read_run_as_xpath():
    for css in ("#main-content", "div > p", "p:first-child", "*", "a[href]", "[itemprop='a b']"):
        assert parse_selector(css) is None, css


REPEATED_WORDS = b"""<html><body>
<div class="box  box fresh-word-1 fresh-word-1"><span class="author author"><a rel="tag tag">t</a></span></div>
<p class="fresh-word-1">p</p><span class="fresh-word-2 x">s</span>
</body></html>"""


@pytest.mark.parametrize("css", [
    ".box", "span.author", "span.author a", "a[rel~='tag']", ".fresh-word-1", ".fresh-word-2",
    ".fresh-word-1 .author", "p.fresh-word-1, .fresh-word-2",
])
def test_a_word_written_twice_and_a_word_asked_for_the_first_time(css):
    # Two pages: on the first a word may be asked for the first time in
    # this process (found among the class attributes the walk kept), on the
    # second it is filed by the walk; both answer as XPath does, each
    # element once however often its attribute repeats the word.
    for _ in range(2):
        page = Page.from_bytes(REPEATED_WORDS, "https://eng-archive.aawsat.com/x/")
        _same(page, css)
        _same(page, css, page.root.find(".//div"))


def test_a_word_first_asked_of_another_page_after_this_index_was_made():
    # Two pages open at once (a pipeline holds one while the next is read):
    # a word first asked of the second page is still found on the first.
    markup = b'<html><body><p class="only-asked-here x">p</p><p class="x">q</p></body></html>'
    first = Page.from_bytes(markup, "https://eng-archive.aawsat.com/a/")
    first.index  # made before the word is asked
    second = Page.from_bytes(markup, "https://eng-archive.aawsat.com/b/")
    assert [e.text for e in second.select(".only-asked-here")] == ["p"]
    assert [e.text for e in first.select(".only-asked-here")] == ["p"]
    third = Page.from_bytes(markup, "https://eng-archive.aawsat.com/c/")
    assert [e.text for e in third.select("p.only-asked-here")] == ["p"]  # filed by its walk

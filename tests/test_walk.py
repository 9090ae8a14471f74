"""One walk of the article gives what two gave (extract/paragraphs.py
walk_with_inner): the article's pieces exactly as `walk(article)` finds
them, and the body's paragraphs exactly as `walk(content)` with the
body's skip finds them, on every fixture page, every page of the sample
site, and on hand-made markup for the cases real pages may not hold."""

from pathlib import Path

import pytest

from aacrawler.extract.furniture import is_article_aside
from aacrawler.extract.page import Page
from aacrawler.extract.paragraphs import CaptionElement, paragraphs_of, walk, walk_with_inner

from .helpers import FIXTURES, SAMPLE

PAGES = sorted(FIXTURES.glob("*/page.html")) + sorted(SAMPLE.rglob("*.html"))


def _shape(pieces):
    """Each piece's kind, text and element, compared by identity."""
    return [
        (type(p).__name__, getattr(p, "text", None), id(p.owner if hasattr(p, "owner") else p.element))
        for p in pieces
    ]


def _check(page: Page, region, inner) -> bool:
    """Asserts the one walk equals the two; True when it reached `inner`."""
    pieces, body = walk_with_inner(region, page.not_article_text, inner, is_article_aside)
    assert _shape(pieces) == _shape(walk(region, skip=page.not_article_text))
    if body is None:
        return False
    assert _shape(body) == _shape(paragraphs_of(walk(inner, skip=page.not_body)))
    return True


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(p.parents[2])))
def test_one_walk_equals_two_on_real_layouts(path: Path):
    page = Page.from_bytes(path.read_bytes(), "https://eng-archive.aawsat.com/x/")
    body = page.root.find("body")
    content = page.content if page.content is not None else page.article
    _check(page, page.article, content)
    # Any block as the inner region, below <body> and as the region itself.
    for element in list(page.root.iter("div", "section", "article", "p", "li"))[:40]:
        _check(page, body, element)
        assert _check(page, element, element)


HAND_MADE = """<html><body class="single postid-7"><article id="post-7" class="post-7 type-post">
<h1 class="entry-title">Headline <b>bold</b></h1>lead tail
<div class="entry-content">First <span class="post-meta">By A | Jan 1</span> line<br>second
line<br><br>third<p>Para <em>one</em><br>line two</p>
<p class="post-meta">meta</p>after meta
<figure><img src="a.jpg" alt="Alt"><figcaption>Cap <i>x</i></figcaption></figure>fig tail
<div class="sharedaddy">Share this: <a href="#">X</a></div>share tail
<ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul>
<div class="widget">widget</div>widget tail
<p>Tags: <a rel="tag" href="/t/x">X</a></p>
<td>cell<br>line</td>
<div class="sharedaddy"><p>nested <span class="post-meta">m</span> text</p></div>
Last words</div>
<footer class="entry-footer">foot</footer>end</article>
<aside class="sidebar"><p>side</p></aside></body></html>"""


def test_one_walk_equals_two_on_asides_breaks_and_captions():
    page = Page.from_html(HAND_MADE, "https://eng-archive.aawsat.com/x/")
    content = page.content
    assert content is not None and content.get("class") == "entry-content"
    assert _check(page, page.article, content)
    pieces, body = walk_with_inner(page.article, page.not_article_text, content, is_article_aside)
    texts = [" ".join(p.text.split()) for p in body]
    # The body's own view: the meta line, the share box and the link list
    # are left out of it, while the article's pieces keep their text.
    assert "First line" in texts and "Last words" in texts
    assert not any("By A" in t or "Share this" in t or "meta" == t for t in texts)
    assert any("By A" in " ".join(p.text.split()) for p in paragraphs_of(pieces))
    assert [p.text for p in pieces if isinstance(p, CaptionElement)] == ["Cap x"]
    for element in page.root.iter():
        if isinstance(element.tag, str):
            _check(page, page.root, element)


def test_an_inner_region_outside_the_walk_is_not_reached():
    page = Page.from_html(HAND_MADE, "https://eng-archive.aawsat.com/x/")
    sidebar = page.root.find(".//aside")
    # Skipped by the outer walk (furniture), and not below the article.
    assert walk_with_inner(page.root, page.not_article_text, sidebar, is_article_aside)[1] is None
    assert walk_with_inner(page.article, page.not_article_text, sidebar, is_article_aside)[1] is None

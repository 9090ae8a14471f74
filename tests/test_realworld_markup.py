"""Markup nobody here described (issue 13): single posts that show other
posts, custom post types, page-builder bodies; the generic fallback for
the body, where it comes from, and the alarm when most pages need it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aacrawler.runs.summary import fallback_alarm
from aacrawler.extract.body import extract_paragraphs
from aacrawler.extract.classify import page_kind
from aacrawler.extract.fallback import needs_fallback
from aacrawler.extract.page import Page
from aacrawler.extract.record import NotAnArticle, extract_record
from aacrawler.extract.tree import text_content
from aacrawler.items import PageItem

from .helpers import FIXTURES, fixture_cases, load_case
from .pages import ARCHIVE, article_page, extract

ROOT = Path(__file__).resolve().parent.parent
PAGE_BUILDER = "realworld-page-builder-no-entry-content"


def record_of(case):
    page, meta, _ = load_case(case)
    item = PageItem(url=meta["url"], body=page.read_bytes(), fetched_at="2026-11-25T10:00:00Z")
    return extract_record(item)


def kind_of(html, url=f"{ARCHIVE}/theaawsat/news/a-story"):
    return page_kind(Page.from_html(html, url))


# ---- where the body comes from -------------------------------------------

def test_every_page_the_rules_know_keeps_the_rules():
    """No fixture written for the rules runs the fallback: their records
    (tests/test_fixtures.py) are the rules' ones."""
    articles = [c for c in fixture_cases() if load_case(c)[2] is not None]
    sources = {case: record_of(case).body_source for case in articles}
    assert sources.pop(PAGE_BUILDER) == "fallback"
    assert set(sources.values()) == {"rules"}, [c for c, s in sources.items() if s != "rules"]


def test_the_sample_site_never_needs_the_fallback():
    sample = ROOT / "data" / "sample_site" / "eng-archive.aawsat.com"
    sources = []
    for path in sorted(sample.rglob("index.html")):
        item = PageItem(url=f"https://eng-archive.aawsat.com/{path.parent.relative_to(sample)}/",
                        body=path.read_bytes(), fetched_at="2026-11-25T10:00:00Z")
        try:
            sources.append(extract_record(item).body_source)
        except NotAnArticle:
            continue
    assert len(sources) >= 30 and set(sources) == {"rules"}


TEASER_IN_BLOCK = """<p>Parliament meets again after three years.</p>"""
IMAGE_ONLY_BLOCK = """<p><img src="/wp-content/uploads/2016/01/parliament.jpg" alt=""></p>"""

# A theme that prints a teaser (or only the picture) in div.entry-content
# and the article's text in a block of its own, outside it.
FULL_TEXT_OUTSIDE = """
<div class="story-text">
<p>Media ID: 55340001</p>
<p>Cairo, Asharq Al-Awsat&#8212;Egypt&#8217;s parliament met on Sunday for the first time in three years, with 596 members taking the oath in a session that lasted until late in the evening.</p>
<p>The speaker, elected in a second round of voting, promised that the chamber would review the hundreds of laws passed by decree since the last parliament was dissolved in 2012.</p>
<p>Opposition members, a small minority, walked out briefly when a member refused to read the oath as written, before returning for the vote on the speaker.</p>
<p>The parliament has fifteen days to approve or reject the decrees, a task that members of every bloc called impossible in the time allowed by the constitution.</p>
</div>"""
LAST_WORDS = "in the time allowed by the constitution."


def rules_and_measure(html):
    page = Page.from_html(html, f"{ARCHIVE}/theaawsat/news/a-story")
    paragraphs = extract_paragraphs(page)
    return [p.text for p in paragraphs], needs_fallback(page, paragraphs)


def test_a_content_block_holding_far_less_than_the_prose_falls_back():
    paragraphs, needed = rules_and_measure(article_page(TEASER_IN_BLOCK, after_content=FULL_TEXT_OUTSIDE))
    assert paragraphs == ["Parliament meets again after three years."] and needed
    record = extract(article_page(TEASER_IN_BLOCK, after_content=FULL_TEXT_OUTSIDE))
    assert record["body"].endswith(LAST_WORDS)


def test_the_site_rules_apply_to_the_fallback_text():
    record = extract(article_page(IMAGE_ONLY_BLOCK, after_content=FULL_TEXT_OUTSIDE))
    paragraphs = record["body"].split("\n\n")
    # The Media ID line out (its number still the record's), the
    # dateline split off the first paragraph.
    assert record["media_id"] == "55340001"
    assert record["dateline"] == "Cairo, Asharq Al-Awsat"
    assert paragraphs[0].startswith("Egypt’s parliament met on Sunday for the first time in three years")
    assert paragraphs[-1].endswith(LAST_WORDS)
    assert len(paragraphs) == 4


def test_a_content_block_holding_the_text_keeps_the_rules():
    page = article_page(TEASER_IN_BLOCK + FULL_TEXT_OUTSIDE)
    assert not rules_and_measure(page)[1]
    item = PageItem(url=f"{ARCHIVE}/theaawsat/news/a-story", body=page.encode(), fetched_at="2026-11-25T10:00:00Z")
    record = extract_record(item)
    assert record.body_source == "rules"
    assert record.body.startswith("Parliament meets again") and record.body.endswith(LAST_WORDS)


def test_a_block_of_the_page_builder_fixture_comes_from_the_fallback():
    record = record_of(PAGE_BUILDER)
    assert record.body_source == "fallback"
    assert record.body == load_case(PAGE_BUILDER)[2]["body"]


# ---- classification: singular signals first ------------------------------

OTHER_POSTS = """
<div class="more-stories"><h3>More stories</h3>
<article class="post-11 post type-post hentry"><h2 class="entry-title"><a href="/x/one/">One</a></h2>
<div class="entry-content"><p>An excerpt of another story, long enough to read like prose of a post...</p></div></article>
<article class="post-12 post type-post hentry"><h2 class="entry-title"><a href="/x/two/">Two</a></h2>
<div class="entry-content"><p>The excerpt of a second story, long enough to read like prose too...</p></div></article>
</div>"""
TEXT = "<p>The article's own text, one paragraph of it, which is the whole body of this post.</p>"


def listing_page(body_class="", head=""):
    entries = "".join(
        f'<article class="post-{n} post type-post hentry"><h2 class="entry-title"><a href="/x/s{n}/">Story {n}</a></h2>'
        f'<div class="entry-content"><p>Excerpt of story {n}, as a listing shows it to readers...</p></div></article>'
        for n in range(1, 5)
    )
    return f'<html><head>{head}</head><body class="{body_class}"><div id="main-content"><h1>Latest</h1>{entries}</div></body></html>'


def test_a_single_post_with_other_posts_below_is_an_article_and_only_its_own_text_is_body():
    html = article_page(TEXT, after_content=OTHER_POSTS)
    assert kind_of(html) == "article"
    record = extract(html)
    assert record["body"] == "The article's own text, one paragraph of it, which is the whole body of this post."


@pytest.mark.parametrize("body_class", [
    "single single-podcast postid-7712",
    "stories-template-default single-stories postid-88",  # a theme that drops `single`
    "promo-template-default single single-promo postid-9",
])
def test_a_custom_post_type_single_is_an_article(body_class):
    head = '<meta property="og:type" content="website" />'
    assert kind_of(article_page(TEXT, body_class=body_class, head=head)) == "article"


@pytest.mark.parametrize("body_class, kind", [
    ("home page-template-default page page-id-5", "page"),
    ("attachment single single-attachment attachmentid-77 postid-77", "page"),
    ("archive category category-opinion", "listing"),
    ("home blog", "listing"),
    ("search search-results", "listing"),
    ("error404", "error"),
])
def test_wordpress_says_what_a_page_is(body_class, kind):
    # Every page has the marks of an article; the body classes decide.
    assert kind_of(article_page(TEXT, body_class=body_class, after_content=OTHER_POSTS)) == kind


def test_several_posts_without_a_singular_signal_are_a_listing():
    assert kind_of(listing_page()) == "listing"


def test_several_posts_with_a_singular_signal_are_an_article():
    head = '<meta property="og:type" content="article" />'
    assert kind_of(listing_page(head=head)) == "article"
    html = listing_page().replace('<h2 class="entry-title"><a href="/x/s1/">Story 1</a></h2>', "<h1>Story 1</h1>")
    html = html.replace("<h1>Latest</h1>", "")
    page = Page.from_html(html, f"{ARCHIVE}/x/s1/")
    assert page_kind(page) == "article"
    assert page.main_entry is page.entries[0]


def test_the_main_post_is_the_one_with_the_body_post_id():
    html = listing_page(body_class="single single-post postid-3")
    page = Page.from_html(html, f"{ARCHIVE}/x/s3/")
    assert page_kind(page) == "article"
    assert page.main_entry.get("class").startswith("post-3 ")
    assert "Excerpt of story 3" in text_content(page.content)


# ---- provenance in a crawl, and the alarm ---------------------------------

def test_fallback_alarm_needs_most_pages_and_a_few_of_them():
    assert fallback_alarm({"aacrawler/body_source/rules": 40, "aacrawler/body_source/fallback": 3}) is None
    assert fallback_alarm({"aacrawler/body_source/rules": 0, "aacrawler/body_source/fallback": 4}) is None
    assert fallback_alarm({"aacrawler/body_source/rules": 5, "aacrawler/body_source/fallback": 5}) is None
    line = fallback_alarm({"aacrawler/body_source/rules": 2, "aacrawler/body_source/fallback": 6})
    assert "6 of 8 article pages" in line and "fallback" in line


def _mirror_with_page_builder_articles(root: Path, count: int) -> list[str]:
    """Home → one category → `count` Elementor articles and one Divi article."""
    site = root / "eng-archive.aawsat.com"
    template = (FIXTURES / PAGE_BUILDER / "page.html").read_text("utf-8")
    old_url = load_case(PAGE_BUILDER)[1]["url"]
    paths = []
    for n in range(count):
        path = f"theaawsat/news-middle-east/builder-story-{n}"
        html = template.replace(old_url, f"{ARCHIVE}/{path}").replace("55380214", f"5538{n:04d}")
        html = html.replace("women&#8217;s driving school</h1>", f"women&#8217;s driving school, part {n}</h1>")
        (site / path).mkdir(parents=True)
        (site / path / "index.html").write_text(html, "utf-8")
        paths.append(path)
    rules_page, rules_meta, _ = load_case("seed-raqqa")
    rules_path = rules_meta["url"].removeprefix(ARCHIVE + "/")
    (site / rules_path).mkdir(parents=True)
    (site / rules_path / "index.html").write_bytes(rules_page.read_bytes())
    paths.append(rules_path)
    entries = "".join(
        f'<article class="et_pb_post post type-post"><h2 class="entry-title"><a href="{ARCHIVE}/{p}">Story {i}</a></h2></article>'
        for i, p in enumerate(paths)
    )
    (site / "category" / "middle-east").mkdir(parents=True)
    (site / "category" / "middle-east" / "index.html").write_text(
        f'<html><body class="archive category category-middle-east"><div id="main-content">{entries}</div></body></html>', "utf-8")
    (site / "index.html").write_text(
        f'<html><body class="home blog"><nav><ul id="top-menu"><li><a href="{ARCHIVE}/category/middle-east/">Middle East</a></li></ul></nav>'
        f'<div id="main-content"><p>Home</p></div></body></html>', "utf-8")
    return paths


def test_a_crawl_records_each_body_source_counts_them_and_reports_a_fallback_crawl(tmp_path):
    mirror = tmp_path / "mirror"
    paths = _mirror_with_page_builder_articles(mirror, 5)
    out = tmp_path / "out.jsonl"
    aacrawler = Path(sys.executable).parent / "aacrawler"
    result = subprocess.run([str(aacrawler), "crawl", "--replay", str(mirror), "-o", str(out)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(records) == len(paths) == 6
    assert all("body_source" not in r for r in records), "not a record field"
    pages = [json.loads(line) for line in out.with_name(out.name + ".pages.jsonl").read_text("utf-8").splitlines()]
    by_url = {p["url"].rstrip("/"): p["body_source"] for p in pages}
    assert sorted(by_url.values()) == ["fallback"] * 5 + ["rules"]
    assert by_url[f"{ARCHIVE}/{paths[-1]}".rstrip("/")] == "rules"
    [summary] = [json.loads(line) for line in out.with_name(out.name + ".runs.jsonl").read_text("utf-8").splitlines()]
    assert summary["body_source"] == {"rules": 1, "fallback": 5}
    assert "5 of 6 article pages (83%) got their body from the generic fallback" in result.stderr


DIVI_THEME_BUILDER = """<!DOCTYPE html><html><head><title>A story | Site</title></head>
<body class="post-template-default single single-post postid-77 et_pb_pagebuilder_layout">
<div id="page-container"><div id="et-boc">
<div class="et-l et-l--body"><div class="et_pb_section et_pb_section_0_tb_body">
 <div id="social-scroll-past-this" class="et_pb_row et_pb_row_1_tb_body">
  <div class="et_pb_column et_pb_column_4_4"><div class="et_pb_module et_pb_post_title"><h1 class="entry-title">A story</h1></div>
   <div class="et_pb_module et_pb_post_content et_pb_post_content_0_tb_body">
    <p>The first paragraph of a post laid out with Divi's Theme Builder, long enough to be prose.</p>
    <p>The second paragraph, in a row whose id the site's builder chose for a share bar's scrolling.</p>
   </div></div></div>
 <div id="more-stories" class="et_pb_row"><div class="et_pb_column"><div class="et_pb_module et_pb_blog_grid">
  <article class="et_pb_post post-78 post type-post"><h2 class="entry-title"><a href="/other/">Another post</a></h2>
   <div class="post-content"><p>The excerpt of another post, shown by a blog module under the story.</p></div></article>
 </div></div></div>
</div></div></div></div></body></html>"""


def test_a_layout_row_id_of_the_site_builder_never_hides_the_post():
    # A Divi Theme Builder row whose CSS id the site chose (a scroll target
    # of its share bar) is not a share bar: its classes judge it, and the
    # post's content module in it is the body, not the other post's excerpt
    # in the blog module below.
    record = extract(DIVI_THEME_BUILDER, url="https://example.com/a-story/")
    assert record["body"] == (
        "The first paragraph of a post laid out with Divi's Theme Builder, long enough to be prose.\n\n"
        "The second paragraph, in a row whose id the site's builder chose for a share bar's scrolling.")
    assert record["title"] == "A story"


def test_body_classes_survive_text_before_the_html_tag():
    # A plugin's PHP warning printed before <!DOCTYPE>: the parser opens a
    # body there and drops the page's own <body class="...">.
    warning = "<br />\n<b>Warning</b>:  mysql_get_server_info(): Access denied in <b>plugin.php</b> on line <b>299</b><br />\n"
    html = warning + article_page(TEXT, after_content=OTHER_POSTS, body_class="single single-post postid-4242")
    page = Page.from_bytes(html.encode("utf-8"), f"{ARCHIVE}/theaawsat/news/a-story")
    assert page.body_classes() >= {"single", "single-post", "postid-4242"}
    assert page_kind(page) == "article"

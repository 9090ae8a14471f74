"""Boilerplate inside the post's content block, the post's lead above it,
and schema.org's singular signals (issue 13, real WordPress markup):
small pages in the styles of well-known plugins and themes, each with
the body a reader would call the article's, written by hand."""

import pytest

from aacrawler.extract.classify import page_kind
from aacrawler.extract.page import Page

from .pages import ARCHIVE, article_page, extract

FIRST = "<p>The council voted on Tuesday to close the old harbour bridge to all heavy traffic.</p>"
LAST = "<p>Repairs are expected to take most of next year, the council said.</p>"
FIRST_TEXT = "The council voted on Tuesday to close the old harbour bridge to all heavy traffic."
LAST_TEXT = "Repairs are expected to take most of next year, the council said."


def body_of(content: str, **page) -> str:
    return extract(article_page(content, **page))["body"]


# ---- boxes of plugins and themes inside the content block -----------------

@pytest.mark.parametrize("box", [
    # Simple Author Box
    '<div class="saboxplugin-wrap"><div class="saboxplugin-authorname">Jane Doe</div>'
    '<div class="saboxplugin-desc"><p>Jane Doe has written about cities and their bridges for twenty years.</p></div></div>',
    # Starbox
    '<div class="abh_box abh_box_down"><section class="abh_about_tab"><div class="abh_text">'
    '<div class="abh_description note">My blog is full of things about bridges, ferries and much more.</div></div></section></div>',
    # A theme's own box, BEM-named
    '<div class="m-author"><div class="m-author__header">Jane Doe</div>'
    '<div class="m-author__description">Jane is the co-founder of a bridge consultancy.</div></div>',
])
def test_an_author_box_in_the_content_block_is_not_body(box):
    assert body_of(FIRST + LAST + box) == f"{FIRST_TEXT}\n\n{LAST_TEXT}"


def test_the_sentence_before_an_author_box_stays():
    # A short last sentence is not the heading of the box below it.
    content = FIRST + "<p>The case may go to a higher court.</p>" + (
        '<div class="abh_box"><p>About the author: Jane writes on law.</p></div>')
    assert body_of(content) == f"{FIRST_TEXT}\n\nThe case may go to a higher court."


def test_a_table_of_contents_is_not_body_and_its_anchors_leave_the_headings_alone():
    toc = ('<div id="ez-toc-container" class="ez-toc-v2_0_17 counter-hierarchy">'
           '<div class="ez-toc-title-container"><p class="ez-toc-title">Contents</p></div>'
           '<nav><ul class="ez-toc-list"><li><a href="#why">Why the bridge closes</a></li>'
           '<li><a href="#when">When it reopens</a></li></ul></nav></div>')
    heading = '<h2><span class="ez-toc-section" id="why"></span>Why the bridge closes<span class="ez-toc-section-end"></span></h2>'
    assert body_of(FIRST + toc + heading + LAST) == f"{FIRST_TEXT}\n\nWhy the bridge closes\n\n{LAST_TEXT}"


def test_recipe_card_buttons_are_not_body():
    buttons = ('<div class="wprm-recipe wprm-recipe-snippet"><a href="#recipe" class="wprm-recipe-jump wprm-recipe-link">'
               'Jump to Recipe</a> <a href="/print/1" class="wprm-recipe-print wprm-recipe-link">Print Recipe</a></div>')
    assert body_of(buttons + FIRST + LAST) == f"{FIRST_TEXT}\n\n{LAST_TEXT}"


@pytest.mark.parametrize("box", [
    # Borlabs Cookie's placeholder for a blocked embed
    '<div class="BorlabsCookie"><div class="_brlbs-content-blocker"><div class="_brlbs-default">'
    '<p>Click the button below to load the content of www.maps.example.</p><p><a class="_brlbs-btn">Load content</a></p></div></div></div>',
    # A donation box
    '<div id="donation" class="mollie-donation-form-holder"><p>Your support helps us keep reporting on the harbour.</p></div>',
    # WPBakery's call to action
    '<section class="vc_cta3-container"><div class="vc_general vc_cta3"><h4>In our seminar you learn to build bridges.</h4></div></section>',
    # An affiliate disclaimer (AAWP)
    '<p class="aawp-disclaimer">Last updated on 2.02.2022 / Affiliate links / Images from the Amazon Product Advertising API.</p>',
    # A rating widget (WP-PostRatings)
    '<span id="post-ratings-90871" class="post-ratings">(No ratings yet)</span>',
])
def test_plugin_boxes_in_the_content_block_are_not_body(box):
    assert body_of(FIRST + box + LAST) == f"{FIRST_TEXT}\n\n{LAST_TEXT}"


# ---- lists of other posts and their headings -------------------------------

LINKS = '<ul><li><a href="/a/">Ten bridges worth a visit</a></li><li><a href="/b/">The ferry is back</a></li></ul>'


@pytest.mark.parametrize("heading", [
    "<p>Read also:</p>",
    "<p><strong>More on this story</strong></p>",
    "<h3>Related coverage on the harbour</h3>",
    "<h4>Lesen Sie auch</h4>",
])
def test_the_heading_of_a_list_of_links_goes_with_the_list(heading):
    assert body_of(FIRST + heading + LINKS + LAST) == f"{FIRST_TEXT}\n\n{LAST_TEXT}"


def test_a_lead_in_over_an_embedded_post_goes_with_it():
    # WordPress's own embed of another post: a card, not the post's text.
    embed = ('<p>Auch interessant:</p><blockquote class="wp-embedded-content">'
             '<a href="/c/">The old bridge and its history</a></blockquote>')
    assert body_of(FIRST + embed + LAST) == f"{FIRST_TEXT}\n\n{LAST_TEXT}"


def test_links_written_as_paragraphs_are_a_list_of_links_and_their_heading_goes_too():
    run = ('<h2 class="wp-block-heading">Weiterlesen:</h2>'
           '<p class="wp-block-paragraph"><a href="/d/">A road trip along the old coast road</a></p>'
           '<p class="wp-block-paragraph"><a href="/e/">An autumn weekend by the lakes</a></p>')
    assert body_of(FIRST + run + LAST) == f"{FIRST_TEXT}\n\n{LAST_TEXT}"


def test_one_paragraph_that_is_a_link_stays():
    # A source or a document the post points to, alone: the post's text.
    source = '<p><a href="/report.pdf">The council\'s report on the bridge (PDF)</a></p>'
    assert body_of(FIRST + source + LAST) == (
        f"{FIRST_TEXT}\n\nThe council's report on the bridge (PDF)\n\n{LAST_TEXT}")


def test_the_lead_in_of_a_share_bar_goes_with_it_the_last_sentence_stays():
    share = ('<div class="sharedaddy sd-sharing-enabled"><div class="sd-block sd-social">'
             '<a class="share-twitter" href="/s/">Twitter</a></div></div>')
    assert body_of(FIRST + LAST + "<p><strong>Share this:</strong></p>" + share) == f"{FIRST_TEXT}\n\n{LAST_TEXT}"
    assert body_of(FIRST + "<p>The bridge closes in March.</p>" + share) == f"{FIRST_TEXT}\n\nThe bridge closes in March."


def test_a_heading_over_prose_and_a_sentence_over_links_stay():
    content = (FIRST + "<h3>What happens next</h3>" + LAST
               + "<p>The council published the plans and the list of roads it will use.</p>" + LINKS)
    assert body_of(content) == (f"{FIRST_TEXT}\n\nWhat happens next\n\n{LAST_TEXT}\n\n"
                                "The council published the plans and the list of roads it will use.")


# ---- parts of the post that are not its body -------------------------------

def test_a_tags_box_under_a_theme_name_is_not_body():
    tags = ('<div class="mvp-post-tags"><span class="mvp-post-tags-header">Related Topics</span>'
            '<span><a href="/tag/bridges/">bridges</a><a href="/tag/harbour/">harbour</a></span></div>')
    assert body_of(FIRST + LAST + tags) == f"{FIRST_TEXT}\n\n{LAST_TEXT}"


def test_an_image_credit_is_neither_body_nor_caption():
    figure = ('<div id="attachment_1" class="wp-caption alignnone"><img src="/bridge.jpg" alt="">'
              '<p class="credit">Photo: Jahr Media</p><p class="wp-caption-text">The old harbour bridge at dusk.</p></div>')
    record = extract(article_page(FIRST + figure + LAST))
    assert record["body"] == f"{FIRST_TEXT}\n\n{LAST_TEXT}"
    assert record["captions"] == ["The old harbour bridge at dusk."]


# ---- the lead above the content block --------------------------------------

LEAD = "Heavy lorries will have to take the ring road from March, when the works begin."


@pytest.mark.parametrize("lead", [
    f'<div class="entry-excerpt"><p>{LEAD}</p></div>',
    f'<p class="article-excerpt">{LEAD}</p>',
    f'<div class="lead"><p>{LEAD}</p></div>',
    # The innermost: a theme's intro wrapper also holds the breadcrumbs.
    f'<div class="intro"><p class="arbo"><a href="/">Home</a> » News</p><div class="chapo"><p>{LEAD}</p></div></div>',
])
def test_the_lead_above_the_content_block_opens_the_body(lead):
    assert body_of(FIRST + LAST, before_content=lead) == f"{LEAD}\n\n{FIRST_TEXT}\n\n{LAST_TEXT}"


def header_outside_the_post(header: str) -> str:
    """The theme prints the post's header (headline, lead) above and
    outside the post's <article>."""
    return ('<html><head><title>Harbour bridge to close</title></head><body class="single single-post postid-7">'
            f'<main id="main"><header class="entry-header">{header}</header>'
            f'<article id="post-7" class="post-7 post type-post"><div class="entry-content">{FIRST}{LAST}</div>'
            "</article></main></body></html>")


def test_a_lead_in_a_header_outside_the_post_follows_the_headline():
    html = header_outside_the_post(f'<h1 class="entry-title">Harbour bridge to close</h1><div class="lead"><p>{LEAD}</p></div>')
    assert extract(html)["body"] == f"{LEAD}\n\n{FIRST_TEXT}\n\n{LAST_TEXT}"


def test_outside_the_post_nothing_before_the_headline_is_its_lead():
    teaser = '<div class="excerpt"><p>Yesterday: the ferry timetable for the winter, in full.</p></div>'
    html = header_outside_the_post(f'{teaser}<h1 class="entry-title">Harbour bridge to close</h1>')
    assert extract(html)["body"] == f"{FIRST_TEXT}\n\n{LAST_TEXT}"


def test_a_lead_the_body_repeats_is_read_once():
    content = f"<p>{LEAD}</p>" + FIRST
    assert body_of(content, before_content=f'<div class="entry-excerpt"><p>{LEAD}</p></div>') == f"{LEAD}\n\n{FIRST_TEXT}"


def test_an_excerpt_below_the_content_block_is_not_a_lead():
    after = '<div class="excerpt"><p>Another story, as the box under the post shows it.</p></div>'
    assert body_of(FIRST + LAST, after_content=after) == f"{FIRST_TEXT}\n\n{LAST_TEXT}"


# ---- schema.org's singular signals (pages outside WordPress) ---------------

def plain_page(head: str = "", body: str = "") -> str:
    """A page with no WordPress body class, no content block, no Open
    Graph article marks."""
    return (f"<html><head><title>Harbour bridge to close</title>{head}</head><body>"
            f'<div class="site"><h1>Harbour bridge to close</h1>{body or FIRST + LAST}</div></body></html>')


def kind_of(html: str) -> str:
    return page_kind(Page.from_html(html, f"{ARCHIVE}/x/a-story/"))


NEWS_ARTICLE = '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour bridge to close"}</script>'
YOAST_GRAPH = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
               '{"@type": "WebPage", "@id": "https://example.com/a/"}, {"@type": ["Article", "BlogPosting"], "headline": "x"}]}</script>')
WEB_PAGE = '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "WebPage", "name": "About us"}</script>'
COLLECTION = ('<script type="application/ld+json">{"@type": "CollectionPage", "mainEntity": {"@type": "ItemList", '
              '"itemListElement": [{"@type": "NewsArticle", "headline": "a"}, {"@type": "NewsArticle", "headline": "b"}]}}</script>')
OG_WEBSITE = '<meta property="og:type" content="website">'


def test_without_any_signal_a_page_is_not_recorded():
    assert kind_of(plain_page()) == "unknown"


@pytest.mark.parametrize("head", [NEWS_ARTICLE, YOAST_GRAPH, OG_WEBSITE + NEWS_ARTICLE])
def test_a_json_ld_article_is_an_article(head):
    assert kind_of(plain_page(head)) == "article"


@pytest.mark.parametrize("head, kind", [(OG_WEBSITE + WEB_PAGE, "page"), (COLLECTION, "unknown"),
                                        (OG_WEBSITE + '<script type="application/ld+json">{broken</script>', "page")])
def test_json_ld_of_a_page_a_collection_or_broken_says_no_article(head, kind):
    assert kind_of(plain_page(head)) == kind


def test_one_microdata_article_is_an_article_several_are_not():
    one = f'<div itemscope itemtype="http://schema.org/Article">{FIRST}{LAST}</div>'
    assert kind_of(plain_page(OG_WEBSITE, one)) == "article"
    two = one + '<div itemscope itemtype="http://schema.org/Article"><p>Another story.</p></div>'
    assert kind_of(plain_page(OG_WEBSITE, two)) == "page"


def test_a_single_article_element_holding_the_h1_is_an_article():
    html = ("<html><head><title>t</title></head><body><div class='site'>"
            f"<article><h1>Harbour bridge to close</h1>{FIRST}{LAST}</article></div></body></html>")
    assert kind_of(html) == "article"
    # Recorded: a crawl writes it (its body, with no block of the post to
    # read, comes from the fallback).
    record = extract(html, url=f"{ARCHIVE}/x/a-story/")
    assert record["title"] == "Harbour bridge to close"
    assert record["body"].endswith(f"{FIRST_TEXT}\n\n{LAST_TEXT}")


# ---- the fragment search furniture.py asks of every class word -------------

@pytest.mark.parametrize("word, found", [
    ("sharedaddy", True), ("post-sharing", True), ("shar", False), ("ez-toc-container", True),
    ("abh_box", True), ("ab", False), ("wp-block-rank-math-toc-block", True), ("entry-content", False),
])
def test_the_fragment_search_finds_a_fragment_anywhere_in_a_word(word, found):
    from aacrawler.extract.boilerplate import fragment_search

    search = fragment_search(("share", "sharing", "ez-toc", "abh_", "rank-math-toc", "toc_container"))
    assert bool(search(word)) is found

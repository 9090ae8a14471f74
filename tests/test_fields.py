"""Media ID, title, body, meta, image and URL rules (RECORD.md), one
variant per test, through the real pipelines."""

import pytest

from .pages import ARCHIVE, SUFFIX, article_page, extract

BODY = "<p>The first paragraph of the story.</p><p>The second paragraph.</p>"


# --- media_id ---------------------------------------------------------------

@pytest.mark.parametrize(
    "markup",
    [
        "<p>Media ID: 55334015</p>",
        "<p><strong>Media ID:</strong> 55334015</p>",
        "<p><b>Media ID</b>:55334015</p>",
        "<div>Media ID :\u00a055334015</div>",
        "<span>Media ID:\u00a0\u00a0 55334015</span>",
        "<ul><li>Media ID: 55334015</li></ul>",
        "<table><tr><td>Media ID: 55334015</td></tr></table>",
        "<p><strong>Media ID:</strong>&nbsp;<br>55334015</p>",
        "<div>Media ID:<br/>55334015</div>",
        "<table><tr><td>Media ID:</td><td>55334015</td></tr></table>",
    ],
)
@pytest.mark.parametrize("where", ["before", "after"])
def test_media_id_variants(markup, where):
    content = markup + BODY if where == "before" else BODY + markup
    record = extract(article_page(content))
    assert record["media_id"] == "55334015"
    assert record["body"] == "The first paragraph of the story.\n\nThe second paragraph."


def test_media_id_outside_the_content_block():
    record = extract(article_page(BODY, before_content='<div class="media-box"><p>Media ID: 55334015</p></div>'))
    assert record["media_id"] == "55334015"


@pytest.mark.parametrize("label, charset", [
    ("Media ID:", "utf-8"), ("MEDIA <b>ID</b>:", "utf-8"), ("Media&nbsp;ID:", "utf-8"),
    ("Media\u00a0ID:", "utf-8"), ("Media\u00a0ID:", "windows-1252"),
])
def test_media_id_outside_the_article_whatever_the_label_bytes(label, charset):
    # Outside the article the page's source is first searched for the label
    # (as bytes): a no-break space between its words, as one byte or two.
    page = article_page(BODY, charset=charset).replace(
        "</article>", f'</article><div class="media-box"><p>{label} 55334015</p></div>')
    assert extract(page.encode(charset))["media_id"] == "55334015"


@pytest.mark.parametrize(
    "content",
    [
        BODY,  # no label: the sidebar's, comments' and script's numbers are not it
        "<p>Media ID:</p><p>2014 was a hard year for Syria.</p>" + BODY,
        "<p>Media ID: </p>" + BODY + "<p>55334015</p>",
    ],
)
def test_no_media_id_is_never_another_number(content):
    record = extract(article_page(content))
    assert record["media_id"] is None


# --- title ------------------------------------------------------------------

def test_title_prefers_entry_title():
    html = article_page(BODY, title="Headline &amp; more", head='<meta property="og:title" content="OG title">')
    assert extract(html)["title"] == "Headline & more"


def test_title_from_og_title_with_suffix_cut():
    html = article_page(BODY, title=None, head=f'<meta property="og:title" content="Iran deal signed{SUFFIX}">')
    assert extract(html)["title"] == "Iran deal signed"


@pytest.mark.parametrize("suffix", [SUFFIX, " - ASHARQ AL-AWSAT English Archive"])
def test_title_from_title_tag_keeps_inner_pipe(suffix):
    html = article_page(BODY, title=None).replace(f"<title>Untitled{SUFFIX}</title>", f"<title>Iran talks | The view from Tehran{suffix}</title>")
    assert extract(html)["title"] == "Iran talks | The view from Tehran"


def test_title_first_h1_of_the_article_not_of_comments_or_site_header():
    html = article_page('<h1>Content headline</h1>' + BODY, title=None)
    html = html.replace('<div id="page-container">', '<div id="page-container"><h1 class="site-title">Asharq Al-awsat</h1>')
    assert extract(html)["title"] == "Content headline"


def test_no_title_anywhere_drops_the_page():
    html = article_page(BODY, title=None).replace(f"<title>Untitled{SUFFIX}</title>", "")
    assert extract(html) is None


# --- body -------------------------------------------------------------------

def test_body_from_divs_and_br_lines_and_lists_and_quotes():
    content = (
        "<div>First div paragraph.</div><div>&nbsp;</div><p></p>"
        "Loose line one<br>Loose line two<br><br>"
        "<ul><li>Item one</li><li>Item <em>two</em></li></ul>"
        "<blockquote><p>A quoted line.</p></blockquote>"
        "<p>Inside a paragraph<br>a line break is a space.</p>"
    )
    record = extract(article_page(content))
    assert record["body"].split("\n\n") == [
        "First div paragraph.", "Loose line one", "Loose line two", "Item one", "Item two",
        "A quoted line.", "Inside a paragraph a line break is a space.",
    ]


def test_body_leaves_out_furniture_inside_the_content_block():
    content = (
        BODY
        + "<script>var x = 'not text';</script><style>p{}</style>"
        + '<form class="newsletter"><p>Subscribe to our newsletter</p></form>'
        + '<iframe src="https://www.youtube.com/embed/x"></iframe>'
        + '<div class="sharedaddy"><h3>Share this:</h3><a href="#">Twitter</a></div>'
        + '<div class="related-posts"><p>Related: Another story</p></div>'
        + '<div class="ad-slot"><p>Advertisement</p></div>'
        + "<p>   </p><p>Last <a href='/x'>linked</a> words.</p>"
    )
    record = extract(article_page(content))
    assert record["body"].split("\n\n") == [
        "The first paragraph of the story.", "The second paragraph.", "Last linked words.",
    ]


def test_cleaning_entities_unicode_spaces_keep_typography():
    content = "<p>\u201cQuoted\u201d\u00a0text\u2009with\u2003spaces &amp; an em dash\u2014kept\u200b.</p>"
    record = extract(article_page(content))
    assert record["body"] == "\u201cQuoted\u201d text with spaces & an em dash\u2014kept ."


def test_empty_content_block_drops_the_page():
    assert extract(article_page("<p>&nbsp;</p><p>Media ID: 55334015</p>")) is None


def test_word_count_is_whitespace_tokens():
    record = extract(article_page("<p>One two three.</p><p>Four — five.</p>"))
    assert record["word_count"] == 6


# --- author / published / categories / tags / image --------------------------

META = ('by <span class="author vcard"><a href="/author/amir-taheri/" rel="author">Amir Taheri</a></span>'
        ' | <span class="published">{date}</span> | '
        '<a href="/category/opinion/" rel="category tag">Opinion</a>, <a href="/category/features/" rel="category tag">Features</a>')


@pytest.mark.parametrize("date", ["Jul 26, 2014", "July 26, 2014", "26 July 2014", "2014-07-26T23:30:00-04:00"])
def test_meta_line_and_date_forms(date):
    record = extract(article_page(BODY, meta_line=META.format(date=date)))
    assert record["author"] == "Amir Taheri"
    assert record["published"] == "2014-07-26"
    assert record["categories"] == ["Opinion", "Features"]
    assert record["tags"] == []


def test_time_datetime_and_never_the_modified_date():
    meta = ('<time class="updated" datetime="2016-01-02T00:00:00+00:00">Jan 2, 2016</time>'
            '<time class="entry-date published" datetime="2015-03-02T23:45:00+03:00">2 March 2015</time>')
    head = '<meta property="article:modified_time" content="2016-01-02T00:00:00+00:00">'
    record = extract(article_page(BODY, meta_line=meta, head=head))
    assert record["published"] == "2015-03-02"


def test_published_from_article_published_time_only():
    head = ('<meta property="article:modified_time" content="2017-05-05T10:00:00+00:00">'
            '<meta property="article:published_time" content="2013-11-30T22:10:00+03:00">')
    assert extract(article_page(BODY, head=head))["published"] == "2013-11-30"


# Yoast's graph, as it prints it for a post: the Article names its author
# by @id, the Person node holds the name; the WebPage has the dates too.
YOAST_GRAPH = """<script type="application/ld+json" class="yoast-schema-graph">{"@context":"https://schema.org","@graph":[
{"@type":"Article","@id":"https://eng-archive.aawsat.com/x/#article","author":{"@id":"https://eng-archive.aawsat.com/#/schema/person/1"},
 "headline":"A headline","datePublished":"2014-07-26T23:30:00+03:00","dateModified":"2016-01-01T00:00:00+00:00",
 "publisher":{"@id":"https://eng-archive.aawsat.com/#organization"}},
{"@type":"WebPage","@id":"https://eng-archive.aawsat.com/x/","datePublished":"2014-07-26T23:30:00+03:00"},
{"@type":"Organization","@id":"https://eng-archive.aawsat.com/#organization","name":"Asharq Al-Awsat"},
{"@type":"Person","@id":"https://eng-archive.aawsat.com/#/schema/person/1","name":"Amir Taheri"}]}</script>"""


def test_structured_data_gives_what_the_post_meta_line_does_not():
    record = extract(article_page(BODY, head=YOAST_GRAPH))
    assert (record["author"], record["published"]) == ("Amir Taheri", "2014-07-26")


def test_the_post_meta_line_wins_over_structured_data():
    meta = ('by <span class="author vcard"><a href="/author/eyad/">Eyad Abu Shakra</a></span> | '
            '<span class="published">Jun 27, 2014</span>')
    record = extract(article_page(BODY, head=YOAST_GRAPH, meta_line=meta))
    assert (record["author"], record["published"]) == ("Eyad Abu Shakra", "2014-06-27")


@pytest.mark.parametrize("ld, author", [
    ('{"@type":"NewsArticle","author":[{"@type":"Person","name":"Amir Taheri"},{"name":"Eyad Abu Shakra"}]}',
     "Amir Taheri, Eyad Abu Shakra"),
    ('{"@type":"https://schema.org/BlogPosting","author":"Amir Taheri"}', "Amir Taheri"),
    ('{"@type":"BlogPosting","author":{"@type":"Person","name":"admin"}}', None),
    ('{"@type":"Organization","name":"Amir Taheri"}', None),  # not the article's author
    ('{"@type":"NewsArticle","author":{"name":"Amir', None),  # a broken block says nothing
])
def test_json_ld_author_forms(ld, author):
    head = f'<script type="application/ld+json">{ld}</script>'
    assert extract(article_page(BODY, head=head))["author"] == author


@pytest.mark.parametrize("meta_author, og_site, author", [
    ("Amir Taheri", "Asharq Al-Awsat", "Amir Taheri"),
    ("Asharq Al-Awsat", "Asharq Al-Awsat", None),  # the site, not a byline
    ("eng-archive.aawsat.com", "", None),
    ("No Author", "", None),
])
def test_meta_author_is_a_byline_unless_it_names_the_site(meta_author, og_site, author):
    head = f'<meta name="author" content="{meta_author}">'
    if og_site:
        head += f'<meta property="og:site_name" content="{og_site}">'
    assert extract(article_page(BODY, head=head))["author"] == author


def test_a_date_printed_outside_the_article_is_taken_when_it_is_the_only_one():
    # The theme prints the post's header (title, date) above its <article>:
    # a site-looking <header> the body rightly leaves out.
    page = article_page(BODY).replace(
        '<div id="main-content">',
        '<header class="header"><div class="post-info">'
        '<time class="entry-date published" datetime="2015-03-02T09:00:00+01:00">2 March 2015</time></div></header>'
        '<div id="main-content">')
    assert extract(page)["published"] == "2015-03-02"


def test_dates_outside_the_article_that_disagree_give_no_date():
    page = article_page(BODY).replace(
        '<div id="main-content">',
        '<aside class="meta"><span class="date">2 March 2015</span></aside>'
        '<aside class="meta"><span class="date">3 March 2015</span></aside><div id="main-content">')
    assert extract(page)["published"] is None


def test_tags_are_rel_tag_links_that_are_not_categories():
    after = ('<div class="post-tags">Tags: <a href="/tag/iran/" rel="tag">Iran</a>, '
             '<a href="/tag/nuclear-talks/" rel="tag">Nuclear talks</a></div>')
    record = extract(article_page(BODY, meta_line=META.format(date="Jul 26, 2014"), after_content=after))
    assert record["tags"] == ["Iran", "Nuclear talks"]
    assert record["categories"] == ["Opinion", "Features"]
    assert "Tags" not in record["body"]


def test_no_meta_gives_nulls_not_guesses():
    content = "<p>Caption: Protesters in Cairo on July 26, 2014. (AP)</p>" + BODY
    record = extract(article_page(content))
    assert (record["author"], record["published"], record["categories"], record["tags"]) == (None, None, [], [])


def test_listing_hints_fill_what_the_page_lacks():
    from aacrawler.items import ListingHints

    hints = ListingHints(author="by Eyad Abu Shakra", published="Jun 27, 2014", categories=["Opinion"])
    record = extract(article_page(BODY), listing=hints)
    assert (record["author"], record["published"], record["categories"]) == ("Eyad Abu Shakra", "2014-06-27", ["Opinion"])
    # The page's own meta wins over the listing's.
    record = extract(article_page(BODY, meta_line=META.format(date="Jul 26, 2014")), listing=hints)
    assert (record["author"], record["published"]) == ("Amir Taheri", "2014-07-26")


def test_image_og_then_featured_then_content():
    og = '<meta property="og:image" content="https://eng-archive.aawsat.com/wp-content/uploads/og.jpg">'
    featured = '<img class="wp-post-image" src="/wp-content/uploads/featured.jpg">'
    content = '<p><img src="uploads/first.jpg" alt="x"></p>' + BODY
    url = f"{ARCHIVE}/theaawsat/news/story/"
    assert extract(article_page(content, head=og, before_content=featured), url=url)["image_url"].endswith("/og.jpg")
    assert extract(article_page(content, before_content=featured), url=url)["image_url"] == f"{ARCHIVE}/wp-content/uploads/featured.jpg"
    assert extract(article_page(content), url=url)["image_url"] == f"{ARCHIVE}/theaawsat/news/story/uploads/first.jpg"
    assert extract(article_page(BODY), url=url)["image_url"] is None


# --- url --------------------------------------------------------------------

@pytest.mark.parametrize(
    "canonical, expected",
    [
        ("/theaawsat/news/canonical-slug/", f"{ARCHIVE}/theaawsat/news/canonical-slug/"),
        ("http://eng-archive.aawsat.com/x/#comments", "http://eng-archive.aawsat.com/x/"),
        ("https://other.example.com/x/", f"{ARCHIVE}/theaawsat/news/a-story"),
        (None, f"{ARCHIVE}/theaawsat/news/a-story"),
    ],
)
def test_url_rule(canonical, expected):
    head = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    assert extract(article_page(BODY, head=head), url=f"{ARCHIVE}/theaawsat/news/a-story#top")["url"] == expected


def test_url_canonical_of_another_host_wins_for_a_local_file():
    head = '<link rel="canonical" href="https://eng-archive.aawsat.com/x/">'
    record = extract(article_page(BODY, head=head), url="file:///tmp/page.html")
    assert record["url"] == "https://eng-archive.aawsat.com/x/"


# --- encoding ---------------------------------------------------------------

TEXT = "\u201cIt\u2019s over\u201d\u2014caf\u00e9"


@pytest.mark.parametrize(
    "charset, encoding",
    [("utf-8", "utf-8"), ("windows-1252", "cp1252"), (None, "utf-8"), (None, "cp1252")],
)
def test_encodings(charset, encoding):
    html = article_page(f"<p>{TEXT}</p>", charset=charset).encode(encoding)
    assert extract(html)["body"] == TEXT


def test_transport_charset_wins_over_a_missing_declaration():
    html = article_page(f"<p>{TEXT}</p>", charset=None).encode("cp1252")
    assert extract(html, encoding="windows-1252")["body"] == TEXT


# --- pages with no article ----------------------------------------------------

@pytest.mark.parametrize(
    "body_class",
    ["home blog", "archive category category-opinion", "archive tag tag-sunnis", "search search-results",
     "error404", "page-template-default page page-id-2"],
)
def test_non_article_pages_give_no_record(body_class):
    assert extract(article_page(BODY, body_class=body_class)) is None


def test_listing_without_body_classes_gives_no_record():
    entries = "".join(
        f'<article class="et_pb_post post"><h2 class="entry-title"><a href="/a{i}/">Story {i}</a></h2>'
        f'<div class="post-content"><p>Excerpt {i}...</p></div></article>' for i in range(3)
    )
    html = f"<html><head><title>Opinion{SUFFIX}</title></head><body><div id='main-content'>{entries}</div></body></html>"
    assert extract(html) is None


def test_error_page_without_classes_gives_no_record():
    html = "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>"
    assert extract(html) is None

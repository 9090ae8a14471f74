"""How an article is known (keys.py, RECORD.md: "an article is known by
its media_id, or by its url where it has none"; http and https, with and
without trailing slash, are one page) and how archive URLs map to the
copy a crawl fetches from (sites.py)."""

import pytest

from aacrawler.keys import article_key, normalize_url
from aacrawler.sites import ARCHIVE_URL, Site, SiteError, check_http_url

PAGE = "eng-archive.aawsat.com/theaawsat/news/a-story"


@pytest.mark.parametrize("url", [
    "https://eng-archive.aawsat.com/theaawsat/news/a-story/",
    "https://eng-archive.aawsat.com/theaawsat/news/a-story",            # trailing slash
    "http://eng-archive.aawsat.com/theaawsat/news/a-story/",            # scheme
    "https://ENG-ARCHIVE.AAWSAT.COM/theaawsat/news/a-story/",           # host case
    "https://www.eng-archive.aawsat.com/theaawsat/news/a-story/",       # www.
    "https://eng-archive.aawsat.com/theaawsat/news/a-story/#comments",  # fragment
    "https://eng-archive.aawsat.com:443/theaawsat/news/a-story/",       # the default ports
    "http://eng-archive.aawsat.com:80/theaawsat/news/a-story",
])
def test_forms_of_one_page_normalize_alike(url):
    assert normalize_url(url) == PAGE


@pytest.mark.parametrize("url, normalized", [
    ("https://eng-archive.aawsat.com/", "eng-archive.aawsat.com/"),
    ("https://eng-archive.aawsat.com", "eng-archive.aawsat.com/"),
    ("https://eng-archive.aawsat.com/?p=123", "eng-archive.aawsat.com/?p=123"),      # an old ?p= link
    ("https://eng-archive.aawsat.com/news/x/?p=1#top", "eng-archive.aawsat.com/news/x?p=1"),
    ("http://127.0.0.1:8080/news/x/", "127.0.0.1:8080/news/x"),                    # another port stays
    ("https://eng-archive.aawsat.com/News/X/", "eng-archive.aawsat.com/News/X"),    # paths keep their case
])
def test_what_makes_another_page_is_kept(url, normalized):
    assert normalize_url(url) == normalized


def test_query_and_path_differences_are_other_pages():
    assert normalize_url("https://eng-archive.aawsat.com/?p=1") != normalize_url("https://eng-archive.aawsat.com/?p=2")
    assert normalize_url("https://eng-archive.aawsat.com/a/") != normalize_url("https://eng-archive.aawsat.com/b/")


def test_article_key_is_the_media_id_else_the_url():
    assert article_key({"media_id": "55334015", "url": "https://eng-archive.aawsat.com/x/"}) == "media:55334015"
    # One article under two URLs, known by its Media ID: one key.
    assert article_key({"media_id": "55334015", "url": "https://eng-archive.aawsat.com/y/"}) == "media:55334015"
    for media_id in (None, ""):
        assert article_key({"media_id": media_id, "url": "http://www.eng-archive.aawsat.com/x/#c"}) == \
            "url:eng-archive.aawsat.com/x"
    assert article_key({"url": "https://eng-archive.aawsat.com/x"}) == "url:eng-archive.aawsat.com/x"


# --- sites.py ---------------------------------------------------------------------

@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "https://staging.example.org/copy/"])
def test_check_http_url_accepts_http_urls(url):
    assert check_http_url(url, "--site") == url


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/", "not-a-url", "http:///no-host", "127.0.0.1:8000", ""])
def test_check_http_url_names_the_option_and_the_value(url):
    with pytest.raises(SiteError) as raised:
        check_http_url(url, "--start")
    assert str(raised.value) == f"--start {url!r} is not an http(s) URL"


def test_canonical_archive_urls():
    site = Site()
    assert site.archive == ARCHIVE_URL == "https://eng-archive.aawsat.com/"
    assert site.canonical("http://eng-archive.aawsat.com/news/x/") == "https://eng-archive.aawsat.com/news/x/"
    assert site.canonical("https://ENG-ARCHIVE.aawsat.com/news/x/#c") == "https://eng-archive.aawsat.com/news/x/"
    assert site.canonical("https://eng-archive.aawsat.com") == "https://eng-archive.aawsat.com/"
    assert site.canonical("http://eng-archive.aawsat.com/?p=12") == "https://eng-archive.aawsat.com/?p=12"
    assert site.canonical("http://elsewhere.example/x#y") == "http://elsewhere.example/x#y", "other hosts untouched"


def test_without_a_copy_urls_are_fetched_as_they_are():
    site = Site()
    assert site.to_fetch("https://eng-archive.aawsat.com/news/x/") == "https://eng-archive.aawsat.com/news/x/"
    assert site.to_archive("https://eng-archive.aawsat.com/news/x/") == "https://eng-archive.aawsat.com/news/x/"


COPY = Site(fetch_from="http://127.0.0.1:8000/copy/")


@pytest.mark.parametrize("archive, fetched", [
    ("https://eng-archive.aawsat.com/news/x/", "http://127.0.0.1:8000/copy/news/x/"),
    ("https://eng-archive.aawsat.com/?p=12", "http://127.0.0.1:8000/copy/?p=12"),
    ("https://eng-archive.aawsat.com/", "http://127.0.0.1:8000/copy/"),
    ("https://eng-archive.aawsat.com/category/opinion/page/2/", "http://127.0.0.1:8000/copy/category/opinion/page/2/"),
])
def test_a_copy_under_a_prefix_path_maps_both_ways(archive, fetched):
    assert COPY.to_fetch(archive) == fetched
    assert COPY.to_archive(fetched) == archive


def test_mapping_drops_fragments_and_leaves_other_hosts_alone():
    assert COPY.to_fetch("https://eng-archive.aawsat.com/news/x/#c") == "http://127.0.0.1:8000/copy/news/x/"
    assert COPY.to_fetch("https://elsewhere.example/x") == "https://elsewhere.example/x"
    assert COPY.to_archive("http://127.0.0.1:9999/copy/x") == "http://127.0.0.1:9999/copy/x", "another port"
    assert COPY.to_archive("http://127.0.0.1:8000/copy") == "https://eng-archive.aawsat.com/"
    # On the copy's host, outside its prefix: the path as it is.
    assert COPY.to_archive("http://127.0.0.1:8000/other/x/") == "https://eng-archive.aawsat.com/other/x/"


def test_a_copy_at_the_root():
    site = Site(fetch_from="http://127.0.0.1:8000")
    assert site.to_fetch("http://eng-archive.aawsat.com/news/x/") == "http://127.0.0.1:8000/news/x/"
    assert site.to_archive("http://127.0.0.1:8000/news/x/") == "https://eng-archive.aawsat.com/news/x/"
    assert site.is_archive("https://Eng-Archive.aawsat.com/x") and not site.is_archive("http://127.0.0.1:8000/x")


def test_a_path_that_only_starts_like_the_prefix_is_not_under_it():
    assert COPY.to_archive("http://127.0.0.1:8000/copyright/") == "https://eng-archive.aawsat.com/copyright/"

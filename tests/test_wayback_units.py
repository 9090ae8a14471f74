"""The Wayback source's parts, one rule at a time: the CDX answer, the
choice of a capture, the content check, the listing kept beside OUT."""

import json

import pytest

from aacrawler.wayback.captures import Capture, CaptureMap, Window, fold, is_article_path
from aacrawler.wayback.cdx import CdxError, listing_url, parse_answer
from aacrawler.wayback.listing import CaptureListing
from aacrawler.wayback.middleware import original_url
from aacrawler.wayback.quality import capture_problem

from .helpers import SAMPLE
from .wayback_double import PARKED, SOFT_404

ARTICLE = "https://eng-archive.aawsat.com/amir-taheri/opinion/tehrans-new-friends-in-moscow/"
PAGE = (SAMPLE / "eng-archive.aawsat.com/amir-taheri/opinion/tehrans-new-friends-in-moscow/index.html").read_bytes()


def test_listing_query_asks_one_prefix_in_json_with_resume_keys():
    url = listing_url("https://web.archive.org/", "eng-archive.aawsat.com", 5000, "com%2Caawsat+2017!")
    assert url.startswith("https://web.archive.org/cdx/search/cdx?url=eng-archive.aawsat.com%2F%2A&output=json")
    assert "fl=timestamp%2Coriginal%2Cmimetype%2Cstatuscode%2Cdigest" in url
    assert "showResumeKey=true" in url and "limit=5000" in url
    assert "filter=%21mimetype%3A%28image%7Caudio%7Cvideo%7Cfont%29%2F.%2A" in url  # assets left out
    # The key comes URL-encoded and goes back encoded once more, as a
    # parameter value (as edgi's `wayback` sends it through requests).
    assert url.endswith("resumeKey=com%252Caawsat%2B2017%21")


def test_answer_with_and_without_resume_key():
    header = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest"]
    row = ["com,aawsat,eng-archive)/", "20170101000000", "http://eng-archive.aawsat.com:80/", "text/html", "200", "ABC"]
    rows, key = parse_answer(json.dumps([header, row, [], ["com%2Caawsat%29%2F+20170101000000%21"]]).encode())
    assert rows == [["20170101000000", "http://eng-archive.aawsat.com:80/", "text/html", "200", "ABC"]]
    assert key == "com%2Caawsat%29%2F+20170101000000%21"
    assert parse_answer(json.dumps([header, row]).encode())[1] is None
    assert parse_answer(b"") == ([], None)  # nothing captured


def test_an_answer_that_is_not_a_listing_is_an_error():
    with pytest.raises(CdxError, match="not a JSON CDX listing"):
        parse_answer(b"<html>AdministrativeAccessControlException: Blocked Site Error</html>")
    with pytest.raises(CdxError, match="unexpected CDX fields"):
        parse_answer(b'[["urlkey", "timestamp"], ["a", "b"]]')


def capture(timestamp, status="200", mimetype="text/html", digest=None, original=ARTICLE):
    return Capture(timestamp, original, mimetype, status, digest or f"D{timestamp}")


def test_variants_of_a_url_fold_together():
    assert fold("http://www.eng-archive.aawsat.com:80/a/b") == fold("https://eng-archive.aawsat.com/a/b/")
    assert fold("https://eng-archive.aawsat.com/a/b/?replytocom=1") != fold("https://eng-archive.aawsat.com/a/b/")


def test_newest_page_first_then_older_then_one_redirect():
    captures = CaptureMap()
    for c in (capture("20150101000000"), capture("20170101000000"), capture("20190101000000", "302"),
              capture("20180101000000", "404"), capture("20200101000000", "301"),
              capture("20160101000000", mimetype="image/jpeg")):
        captures.add(c)
    chosen = captures.candidates("http://www.eng-archive.aawsat.com/amir-taheri/opinion/tehrans-new-friends-in-moscow")
    assert [c.timestamp for c in chosen] == ["20170101000000", "20150101000000", "20200101000000"]


def test_a_revisit_counts_as_the_capture_it_repeats():
    captures = CaptureMap()
    captures.add(capture("20150101000000", digest="SAME"))
    captures.add(capture("20170101000000", digest="OTHER"))
    captures.add(capture("20210101000000", status="-", mimetype="warc/revisit", digest="SAME"))
    captures.add(capture("20220101000000", status="-", mimetype="warc/revisit", digest="UNKNOWN"))
    # The 2021 revisit vouches for the 2015 bytes: they come first, played at 2015.
    assert [c.timestamp for c in captures.candidates(ARTICLE)] == ["20150101000000", "20170101000000"]


def test_the_window_bounds_the_choice():
    captures = CaptureMap(Window.from_dates("2016-01-01", "2018-12-31"))
    for c in (capture("20150101000000"), capture("20170101000000"), capture("20190101000000")):
        captures.add(c)
    assert [c.timestamp for c in captures.candidates(ARTICLE)] == ["20170101000000"]
    assert Window.from_dates(None, "2017-12-31").holds("20171231235959")


def test_robots_txt_is_a_text_file():
    captures = CaptureMap()
    captures.add(capture("20170101000000", mimetype="text/plain", original="http://eng-archive.aawsat.com/robots.txt"))
    captures.add(capture("20170101000000", mimetype="text/plain", original="http://eng-archive.aawsat.com/notes.txt"))
    assert len(captures.candidates("https://eng-archive.aawsat.com/robots.txt")) == 1
    assert "https://eng-archive.aawsat.com/notes.txt" not in captures


@pytest.mark.parametrize("url, article", [
    (ARTICLE, True),
    ("https://eng-archive.aawsat.com/amir-taheri/opinion/tehrans-new-friends-in-moscow", True),
    (ARTICLE + "?replytocom=12", False),
    (ARTICLE + "amp/", False),
    (ARTICLE + "feed/", False),
    ("https://eng-archive.aawsat.com/category/opinion/page/2/", False),
    ("https://eng-archive.aawsat.com/tag/isis/page/2/", False),
    ("https://eng-archive.aawsat.com/wp-content/uploads/2014/07/x.jpg", False),
    ("https://eng-archive.aawsat.com/about/", False),
])
def test_article_looking_urls(url, article):
    assert is_article_path(url) is article


def test_map_articles_are_the_archives_own_urls():
    captures = CaptureMap()
    captures.add(capture("20170101000000", original="http://www.eng-archive.aawsat.com:80/a/b/c"))
    captures.add(capture("20170101000000", original="http://eng-archive.aawsat.com/category/opinion/"))
    assert captures.article_urls("https://eng-archive.aawsat.com/") == ["https://eng-archive.aawsat.com/a/b/c/"]


def test_a_real_page_passes_and_the_traps_do_not():
    assert capture_problem(PAGE, ARTICLE) is None
    assert capture_problem(SOFT_404, ARTICLE) == "soft 404"
    assert capture_problem(b"", ARTICLE) == "empty page"
    assert capture_problem(b" \n", ARTICLE) == "empty page"
    assert capture_problem(PARKED, ARTICLE) == "not a page of the archive (no archive title)"
    assert capture_problem(b"\x89PNG\r\n\x1a\n" + bytes(200), ARTICLE) == "not an HTML page"


@pytest.mark.parametrize("location, target", [
    ("https://web.archive.org/web/20170101000000id_/https://eng-archive.aawsat.com/a/", "https://eng-archive.aawsat.com/a/"),
    ("/web/20170101000000id_/http://eng-archive.aawsat.com:80/a/?p=1", "http://eng-archive.aawsat.com:80/a/?p=1"),
    ("https://web.archive.org/web/20170101000000id_/http:/eng-archive.aawsat.com/a/", "http://eng-archive.aawsat.com/a/"),
    ("https://eng-archive.aawsat.com/a/", None),
])
def test_redirect_targets_are_read_back_to_the_original_url(location, target):
    assert original_url(location) == target


def test_a_killed_listing_is_cut_back_to_what_its_state_vouches_for(tmp_path):
    out = tmp_path / "articles.jsonl"
    listing = CaptureListing(out, "http://127.0.0.1:1", "eng-archive.aawsat.com")
    listing.append([capture("20170101000000").row()], "KEY1", CaptureMap())
    # Killed after writing the next answer's rows, before its state.
    with (tmp_path / "articles.jsonl.cdx.jsonl").open("ab") as rows:
        rows.write(b'["20180101000000", "http://x/", "text/html", "200", "D"]\n')
    again = CaptureListing(out, "http://127.0.0.1:1", "eng-archive.aawsat.com")
    captures = CaptureMap()
    assert again.read_into(captures) == 1 and again.resume_key == "KEY1" and not again.complete
    assert captures.rows == 1
    # Another archive: the listing starts over; --refresh-captures too.
    assert CaptureListing(out, "http://127.0.0.1:2", "eng-archive.aawsat.com").resume_key is None
    assert CaptureListing(out, "http://127.0.0.1:1", "eng-archive.aawsat.com", refresh=True).read_into(CaptureMap()) == 0

"""`aacrawler extract` as INTERFACE.md fixes it: files and folders, --url,
-o, URLs from mirror paths; bad files named with a reason, the others
still extracted, exit status 1."""

import io
import json
import os
import subprocess
import sys

import pytest

from aacrawler.cli import main

from .pages import article_page

BODY = "<p>The first paragraph.</p><p>The second paragraph.</p>"


@pytest.fixture
def good_page(tmp_path):
    page = tmp_path / "good.html"
    page.write_text(article_page(BODY, title="Good page"), "utf-8")
    return page


def records(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_bad_files_are_named_and_skipped(tmp_path, good_page, capsys):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "text.html").write_text("Just some words, no markup at all.\n")
    unreadable = tmp_path / "locked.html"
    unreadable.write_text(article_page(BODY))
    unreadable.chmod(0)
    out = tmp_path / "out.jsonl"
    paths = ["empty.html", "binary.html", "text.html", "missing.html", "locked.html", "good.html"]
    status = main(["extract", "-o", str(out), *(str(tmp_path / p) for p in paths)])
    *err, summary = capsys.readouterr().err.splitlines()
    assert status == 1
    assert summary.startswith("aacrawler: ") and "unreadable files " in summary
    readable_by_us = os.geteuid() == 0  # root reads a file whatever its mode
    expected_titles = ["A headline", "Good page"] if readable_by_us else ["Good page"]
    assert [r["title"] for r in records(out)] == expected_titles
    reasons = {line.split(": ", 2)[1]: line.split(": ", 2)[2] for line in err}
    assert reasons[str(tmp_path / "empty.html")] == "empty file"
    assert reasons[str(tmp_path / "binary.html")] == "binary data, not an HTML page"
    assert reasons[str(tmp_path / "text.html")] == "not HTML (no markup found)"
    assert reasons[str(tmp_path / "missing.html")] == "no such file or folder"
    if not readable_by_us:
        assert reasons[str(unreadable)].startswith("cannot be read")
    assert all("Traceback" not in line for line in err)


def test_all_good_exits_zero_and_writes_stdout(good_page, capsys):
    assert main(["extract", str(good_page)]) == 0
    [line] = capsys.readouterr().out.splitlines()
    record = json.loads(line)
    assert record["title"] == "Good page"
    assert record["url"] == good_page.resolve().as_uri()


def test_non_ascii_is_written_as_itself(tmp_path, capsys):
    page = tmp_path / "p.html"
    page.write_text(article_page("<p>الشرق الأوسط — “quoted”</p>"), "utf-8")
    main(["extract", str(page)])
    out = capsys.readouterr().out
    assert "الشرق الأوسط — “quoted”" in out and "\\u" not in out


def test_url_option_and_its_limit(good_page, tmp_path, capsys):
    assert main(["extract", "--url", "https://eng-archive.aawsat.com/x/y", str(good_page)]) == 0
    assert json.loads(capsys.readouterr().out)["url"] == "https://eng-archive.aawsat.com/x/y"
    assert main(["extract", "--url", "https://eng-archive.aawsat.com/x", str(good_page), str(good_page)]) == 2
    assert "exactly one file" in capsys.readouterr().err


def test_url_from_mirror_path(tmp_path, capsys):
    page = tmp_path / "mirror" / "eng-archive.aawsat.com" / "theaawsat" / "story-slug" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(article_page(BODY))
    assert main(["extract", str(tmp_path / "mirror")]) == 0
    assert json.loads(capsys.readouterr().out)["url"] == "https://eng-archive.aawsat.com/theaawsat/story-slug/"


def test_existing_output_is_replaced_only_when_complete(tmp_path, good_page):
    out = tmp_path / "out.jsonl"
    out.write_text('{"old": true}\n')
    # An output path inside a missing folder is created; a folder is refused.
    assert main(["extract", "-o", str(tmp_path / "new" / "o.jsonl"), str(good_page)]) == 0
    assert main(["extract", "-o", str(tmp_path), str(good_page)]) == 2
    assert out.read_text() == '{"old": true}\n'
    assert main(["extract", "-o", str(out), str(good_page)]) == 0
    assert [r["title"] for r in records(out)] == ["Good page"]
    assert not list(tmp_path.glob("*.part"))


def test_article_like_page_without_body_is_dropped_with_reason(tmp_path, capsys):
    page = tmp_path / "nobody.html"
    page.write_text(article_page("<p>Media ID: 55334015</p>"))
    assert main(["extract", str(page)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no body" in captured.err and "aacrawler: 0 records;" in captured.err


def test_console_script_runs(good_page):
    result = subprocess.run([sys.executable, "-m", "aacrawler.cli", "extract", str(good_page)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and json.loads(result.stdout)["title"] == "Good page"


LISTING = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>News | ASHARQ AL-AWSAT</title></head>
<body class="archive category category-news"><div id="main-content"><div id="left-area">
<article id="post-4242" class="et_pb_post post-4242 post type-post hentry category-news">
<h2 class="entry-title"><a href="https://eng-archive.aawsat.com/a-story/">A headline</a></h2>
<p class="post-meta">by <span class="author vcard"><a href="/author/amir-taheri/">Amir Taheri</a></span>
| <span class="published">Jun 27, 2014</span> | <a href="/category/news/" rel="category tag">News</a></p>
<div class="post-content"><p>The first paragraph...</p></div></article>
<article id="post-4243" class="et_pb_post post-4243 post type-post hentry category-news">
<h2 class="entry-title"><a href="https://eng-archive.aawsat.com/another/">Another</a></h2></article>
</div></div></body></html>"""


def test_a_listing_read_after_its_article_still_fills_it_and_each_page_is_parsed_once(tmp_path, monkeypatch, capsys):
    from aacrawler.extract.page import Page

    site = tmp_path / "eng-archive.aawsat.com"
    # Files are read in name order: the article (a-story/) before the listing (category/).
    (site / "a-story").mkdir(parents=True)
    (site / "a-story" / "index.html").write_text(article_page(BODY, meta_line=None), "utf-8")
    (site / "category" / "news").mkdir(parents=True)
    (site / "category" / "news" / "index.html").write_text(LISTING, "utf-8")
    parsed = []
    from_bytes = Page.from_bytes.__func__
    monkeypatch.setattr(Page, "from_bytes", classmethod(
        lambda cls, body, url, *args, **kwargs: parsed.append(url) or from_bytes(cls, body, url, *args, **kwargs)))
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(tmp_path), "-o", str(out)]) == 0
    [record] = records(out)
    assert record["url"] == "https://eng-archive.aawsat.com/a-story/"
    assert (record["author"], record["published"], record["categories"]) == ("Amir Taheri", "2014-06-27", ["News"])
    assert sorted(parsed) == ["https://eng-archive.aawsat.com/a-story/", "https://eng-archive.aawsat.com/category/news/"]
    assert "1 records" in capsys.readouterr().err


class _FullFolderFile(io.BytesIO):
    """A temporary file on a full disk: every write fails."""

    def write(self, data):
        raise OSError(28, "No space left on device")


def test_a_full_temporary_folder_stops_the_run_with_one_line_and_no_output(tmp_path, good_page, monkeypatch, capsys):
    from aacrawler.commands import extract

    monkeypatch.setattr(extract.tempfile, "TemporaryFile", _FullFolderFile)
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(good_page), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "temporary folder" in err[0] and "No space left on device" in err[0], err
    assert not out.exists()


@pytest.mark.parametrize("stage", ["extract_title", "settle_captions", "listing_entries"])
def test_a_page_the_extractor_fails_on_is_named_and_the_run_goes_on(tmp_path, monkeypatch, capsys, stage):
    # An exception no page should cause (a bug of ours on markup nobody
    # foresaw), raised for one page only, at the page's first stage, at a
    # later one (after the listings are read), or reading a listing: that
    # page is named with the exception, every other page is extracted.
    from aacrawler import pipelines
    from aacrawler.commands import extract
    from aacrawler.extract import record as record_module

    module = {"listing_entries": extract, "settle_captions": pipelines}.get(stage, record_module)
    original = getattr(module, stage)

    def failing(arg, *args, **kwargs):
        text = json.dumps(str(getattr(arg, "title", "")) + str(getattr(arg, "url", "")))
        if "b-doomed" in text or "category/news" in text:
            raise TypeError("an unforeseen page")
        return original(arg, *args, **kwargs)

    monkeypatch.setattr(module, stage, failing)
    site = tmp_path / "eng-archive.aawsat.com"
    for name, title in (("a-good", "Good page"), ("b-doomed", "Doomed page"), ("c-good", "Other page")):
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(article_page(BODY, title=title), "utf-8")
    (site / "category" / "news").mkdir(parents=True)
    (site / "category" / "news" / "index.html").write_text(LISTING, "utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(tmp_path), "-o", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    titles = [r["title"] for r in records(out)]
    failed = [line for line in err if "extraction failed" in line]
    assert len(failed) == 1 and "TypeError: an unforeseen page" in failed[0], err
    if stage == "listing_entries":
        assert str(site / "category" / "news" / "index.html") in failed[0]
        assert titles == ["Good page", "Doomed page", "Other page"]
    else:
        assert str(site / "b-doomed" / "index.html") in failed[0]
        assert titles == ["Good page", "Other page"]
    assert "pages the extractor failed on 1" in err[-1]
    assert all("Traceback" not in line for line in err)

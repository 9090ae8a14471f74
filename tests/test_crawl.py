"""The crawl end to end: the sample archive replayed, served over HTTP on
127.0.0.1, and crawled the Scrapy way, each writing exactly the records
written by hand in tests/expected/sample_site.jsonl."""

import json
import os
import sys

import pytest

from .helpers import MISSING, SAMPLE, aacrawler, assert_expected_records, expected_records, read_jsonl, run
from .servers import serve_mirror



@pytest.fixture(scope="module")
def replay_crawl(tmp_path_factory):
    out = tmp_path_factory.mktemp("replay") / "articles.jsonl"
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out))
    return result, out


def test_replay_crawl_writes_the_expected_records(replay_crawl):
    result, out = replay_crawl
    assert result.returncode == 0, result.stderr
    assert_expected_records(out)


def test_replay_crawl_summary_counts_the_missing_page(replay_crawl):
    result, out = replay_crawl
    [summary] = read_jsonl(out.with_name(out.name + ".runs.jsonl"))
    assert summary["finish_reason"] == "finished"
    assert summary["articles_written"] == len(expected_records())
    # The missing article, and the discovery sources the mirror lacks:
    # three sitemap places, the feed, the REST API (counted, not failed).
    assert summary["responses_by_status"]["404"] == 1 + 5
    assert summary["discovery"]["sitemaps"]["probe"] == summary["discovery"]["api"]["probe"] == "HTTP 404"
    # home + 4 categories x 3 pages + 9 tag archives (13 pages)
    assert summary["listing_pages"] == 1 + 4 * 3 + 13
    # Every article the listings list, the missing one too: 36 of 37.
    assert summary["expected_articles"] == 37 and summary["coverage"] == round(36 / 37, 4)
    assert summary["status"] == "ok"
    assert summary["duplicates_skipped"] >= 1  # one article under two URLs
    assert summary["options"]["replay"] == str(SAMPLE)
    for key in ("started_at", "finished_at", "requests", "article_pages", "dropped", "errors"):
        assert key in summary
    failed = read_jsonl(out.with_name(out.name + ".failed.jsonl"))
    assert failed == [{"url": MISSING, "reason": "HTTP 404", "status": 404, "at": failed[0]["at"]}]
    # Progress and a closing summary line on standard error.
    assert "articles 36" in result.stderr and "[finished]" in result.stderr


def test_crawl_of_a_local_server_gives_the_same_records(tmp_path, replay_crawl):
    out = tmp_path / "site.jsonl"
    with serve_mirror(SAMPLE) as (base, requested):
        # Politeness is for live servers: lifted here with -s, as a user would.
        result = aacrawler("crawl", "--site", base, "-o", str(out), "--contact", "research@example.org",
                           "-s", "DOWNLOAD_DELAY=0",
                           "-s", "AUTOTHROTTLE_ENABLED=false", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8")
    assert result.returncode == 0, result.stderr
    assert_expected_records(out)
    [summary] = read_jsonl(out.with_name(out.name + ".runs.jsonl"))
    # Every request the crawl made reached our 127.0.0.1 server: none went
    # to the archive's real host or to the other hosts the pages link.
    assert summary["requests"] == len(requested)
    paths = [path for path, _ in requested]
    assert "/story" not in paths and "/robots.txt" in paths
    # Polite: robots.txt first, and a User-Agent that names us and a contact.
    assert paths[0] == "/robots.txt"
    assert {agent for _, agent in requested} == {
        "aacrawler/0.1.0 (+https://pypi.org/project/aacrawler/) contact: research@example.org"}


def test_transient_server_errors_are_retried_after_a_wait(tmp_path):
    path = "/theaawsat/news-middle-east/syrian-troops-isis-face-off-in-raqqa/"
    faults = {path: [(503, {"Retry-After": "1"}), (429, {})]}
    out = tmp_path / "retry.jsonl"
    with serve_mirror(SAMPLE, faults=faults) as (base, requested):
        result = aacrawler("crawl", "--site", base, "-o", str(out), "--start",
                           f"https://eng-archive.aawsat.com{path}", "-s", "DOWNLOAD_DELAY=0",
                           "-s", "AACRAWLER_RETRY_BACKOFF_BASE=0.1")
    assert result.returncode == 0, result.stderr
    assert [p for p, _ in requested].count(path) == 3
    [record] = read_jsonl(out)
    assert record["title"] == "Syrian troops, ISIS face off in Raqqa"
    [summary] = read_jsonl(out.with_name(out.name + ".runs.jsonl"))
    # robots.txt and the page's last answer; the two transient failures.
    assert summary["responses_by_status"] == {"200": 2, "429": 1, "503": 1}


def test_scrapy_crawl_is_the_same_crawl(tmp_path):
    out = tmp_path / "scrapy.jsonl"
    result = run(sys.executable, "-m", "scrapy", "crawl", "archive", "-a", f"replay={SAMPLE}", "-O", str(out))
    assert result.returncode == 0, result.stderr
    assert_expected_records(out)


def test_start_at_a_tag_archive(tmp_path):
    out = tmp_path / "tag.jsonl"
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out),
                       "--start", "https://eng-archive.aawsat.com/tag/isis/")
    assert result.returncode == 0, result.stderr
    records = read_jsonl(out)
    assert len(records) == 5
    expected = expected_records()
    for record in records:
        record.pop("fetched_at")
        assert expected[record["url"]] == record


@pytest.mark.parametrize(
    "args, message",
    [
        (["--replay", "/nonexistent/mirror"], "/nonexistent/mirror: no such folder"),
        (["--replay", "tests"], "not a mirror folder"),
        (["--start", "not-a-url"], "is not an http(s) URL"),
        (["--site", "ftp://127.0.0.1/"], "is not an http(s) URL"),
        (["-s", "NOEQUALS"], "expected NAME=VALUE"),
    ],
)
def test_bad_options_give_one_line_and_write_nothing(tmp_path, args, message):
    out = tmp_path / "out.jsonl"
    result = aacrawler("crawl", "-o", str(out), *(["--replay", str(SAMPLE)] if "--replay" not in args else []), *args)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert not out.exists()


def test_unusable_output_path(tmp_path):
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(tmp_path))
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [f"aacrawler: error: cannot write the output: {tmp_path}: is a folder"]
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(locked / "out.jsonl"))
        assert result.returncode != 0 and "not writable" in result.stderr


def test_validate_command(tmp_path, replay_crawl):
    _, out = replay_crawl
    result = aacrawler("validate", str(out))
    assert result.returncode == 0 and "36 records, valid" in result.stdout
    lines = out.read_text("utf-8").splitlines()
    broken = json.loads(lines[1])
    broken["published"] = "26 July 2014"
    del broken["word_count"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([lines[0], json.dumps(broken), "{not json", lines[0]]) + "\n", "utf-8")
    result = aacrawler("validate", str(bad))
    assert result.returncode == 1
    problems = result.stderr.splitlines()
    assert any(p.startswith(f"{bad}:2: published:") for p in problems)
    assert any(p.startswith(f"{bad}:2: record: 'word_count' is a required property") for p in problems)
    assert any(p.startswith(f"{bad}:3: not a JSON record") for p in problems)
    assert any(p.startswith(f"{bad}:4: same article as line 1") for p in problems)


# The crawl, with an extractor that raises on one page: what a bug of ours
# on markup nobody foresaw does to a run.
FAULTY_EXTRACTOR = """
import sys
from aacrawler.extract import record
original = record.extract_title
def failing(page):
    if page.url == sys.argv[1]:
        raise TypeError("an unforeseen page")
    return original(page)
record.extract_title = failing
from aacrawler.cli import main
sys.exit(main(sys.argv[2:]))
"""
FAILING_PAGE = "https://eng-archive.aawsat.com/amir-taheri/opinion/tehrans-new-friends-in-moscow/"


def test_a_page_the_extractor_fails_on_is_given_up_counted_and_fetched_again_next_run(tmp_path):
    out = tmp_path / "articles.jsonl"
    first = run(sys.executable, "-c", FAULTY_EXTRACTOR, FAILING_PAGE, "crawl", "--replay", SAMPLE, "-o", out)
    # 35 of the 37 articles the listings name: below --min-coverage (0.95).
    assert first.returncode == 4, first.stderr
    expected = expected_records()
    assert {r["url"] for r in read_jsonl(out)} == set(expected) - {FAILING_PAGE}
    failed = read_jsonl(out.with_name(out.name + ".failed.jsonl"))
    assert sorted((f["url"], f["reason"], f["status"]) for f in failed) == sorted([
        (MISSING, "HTTP 404", 404), (FAILING_PAGE, "extraction failed (TypeError)", 200)])
    [summary] = read_jsonl(out.with_name(out.name + ".runs.jsonl"))
    assert summary["given_up_by_reason"] == {"HTTP 404": 1, "extraction failed (TypeError)": 1}
    assert summary["errors"] == 2  # the page counted once, though Scrapy also logs it as an error
    assert summary["status"] == "incomplete"
    # One line naming the page, then the traceback for the bug report; never the page's bytes.
    assert f"Extraction failed on {FAILING_PAGE}: given up" in first.stderr
    assert "TypeError: an unforeseen page" in first.stderr and "PageItem(" not in first.stderr
    # The next run (the extractor fixed) fetches the page again and writes it.
    again = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out))
    assert again.returncode == 0, again.stderr
    assert {r["url"] for r in read_jsonl(out)} == set(expected)
    assert len(read_jsonl(out)) == len(expected)

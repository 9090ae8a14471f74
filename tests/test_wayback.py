"""Crawling from the Wayback Machine (`--source wayback`), end to end,
against the test double of tests/wayback_double.py on 127.0.0.1: the
records are the replay crawl's, every capture trap avoided, provenance
recorded, the listing made once and resumed, 429s obeyed."""

import json
import math
import signal
import subprocess
import sys

import pytest
from warcio.archiveiterator import ArchiveIterator

from .helpers import EXPECTED, FIXTURES, ROOT, SAMPLE, aacrawler, assert_expected_records, line_count, read_jsonl, wait_for
from .wayback_double import HOST, OTHER_ROWS, real_capture_time, serve_wayback


# The double answers at once: the archive's politeness is lifted with -s,
# as a user would for a local copy (the defaults are tested elsewhere).
FAST = ("-s", "AACRAWLER_WAYBACK_CDX_PER_MINUTE=60000", "-s", "AACRAWLER_WAYBACK_PLAYBACK_PER_MINUTE=60000")


def wayback(double, out, *args, timeout=180):
    return aacrawler("crawl", "--source", "wayback", "--archive-url", double.base, "-o", str(out), *args,
                     timeout=timeout)


def start_wayback(double, out, *args):
    return subprocess.Popen(
        [sys.executable, "-m", "aacrawler.cli", "crawl", "--source", "wayback", "--archive-url", double.base,
         "-o", str(out), *args],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)




def beside(out, suffix):
    return out.with_name(out.name + suffix)


def without_fetched_at(records):
    return {r["url"]: {k: v for k, v in r.items() if k != "fetched_at"} for r in records}


def cdx_pages(double):
    """How many answers a complete listing takes at the double's row cap
    (images and stylesheets are filtered out on the server)."""
    listed = [c for c in double.captures if not c.mimetype.startswith(("image/", "text/css"))]
    return math.ceil(len(listed) / double.row_cap)


def iso(timestamp):
    return f"{timestamp[:4]}-{timestamp[4:6]}-{timestamp[6:8]}T{timestamp[8:10]}:{timestamp[10:12]}:{timestamp[12:14]}Z"


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    """One Wayback crawl of the double, recorded as WARC."""
    folder = tmp_path_factory.mktemp("wayback")
    out, warc = folder / "articles.jsonl", folder / "crawl.warc.gz"
    with serve_wayback(SAMPLE) as double:
        result = wayback(double, out, "--warc", str(warc), "--contact", "research@example.org", *FAST)
        yield result, out, warc, double


@pytest.fixture(scope="module")
def replay_records(tmp_path_factory):
    out = tmp_path_factory.mktemp("replay") / "articles.jsonl"
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out))
    assert result.returncode == 0, result.stderr
    return read_jsonl(out)


def test_wayback_crawl_gives_the_records_of_the_replay_crawl(crawl, replay_records):
    result, out, _, _ = crawl
    assert result.returncode == 0, result.stderr
    records = assert_expected_records(out)  # the hand-written records, schema, one per article
    assert without_fetched_at(records) == without_fetched_at(replay_records)
    assert len(records) == len(read_jsonl(EXPECTED)) == 36


def test_each_record_comes_from_the_real_capture_and_says_so(crawl):
    """fetched_at is the capture's time (RECORD.md); OUT.captures.jsonl
    names the capture: the newest real page, never a trap in front of it."""
    _, out, _, double = crawl
    records = {r["url"]: r for r in read_jsonl(out)}
    provenance = read_jsonl(beside(out, ".captures.jsonl"))
    assert sorted(p["url"] for p in provenance) == sorted(records)
    for line in provenance:
        path = line["fetched_from"].split(HOST, 1)[1]
        timestamp = real_capture_time(double.captures, path)
        assert line["timestamp"] == timestamp, path
        assert line["captured_at"] == iso(timestamp) == records[line["url"]]["fetched_at"]
        assert line["archive_url"] == f"{double.base}/web/{timestamp}id_/{line['original']}"
        assert line["fetched_from"].startswith(f"https://{HOST}/")  # the spider never saw an archive URL
    # The traps were played back and refused, each for its reason.
    by_path = {line["fetched_from"].split(HOST, 1)[1]: line for line in provenance}
    raqqa = by_path["/theaawsat/news-middle-east/syrian-troops-isis-face-off-in-raqqa/"]
    assert raqqa["timestamp"].startswith("2017")  # not the 2018 soft 404, not the 2019 revisit of it


def test_only_original_bytes_were_asked_for_and_the_listing_once(crawl):
    _, out, _, double = crawl
    assert double.log.of("wrapped") == []  # never a playback without id_
    playbacks = [e["path"] for e in double.log.of("playback")]
    assert playbacks and all("id_/" in p for p in playbacks)
    assert not any(path in p for p in playbacks for path, _ in OTHER_ROWS)  # images, CSS, feeds
    assert not any("replytocom" in p or "/amp/" in p for p in playbacks)
    cdx = double.log.of("cdx")
    assert len(cdx) == cdx_pages(double) > 1  # paged with resumeKey, each page once
    assert all("resumeKey=" in e["path"] for e in cdx[1:]) and "resumeKey=" not in cdx[0]["path"]
    assert {e["agent"] for e in double.log.entries} == {
        "aacrawler/0.1.0 (+https://pypi.org/project/aacrawler/) contact: research@example.org"}
    [summary] = read_jsonl(beside(out, ".runs.jsonl"))
    assert summary["options"]["source"] == "wayback"
    # The site's figures read like a replay crawl's (tests/test_crawl.py: the
    # listings with the tag archives, the one missing article and the five
    # discovery probes answered 404); the archive's are apart.
    assert summary["listing_pages"] == 1 + 4 * 3 + 13 and summary["responses_by_status"]["404"] == 1 + 5
    assert summary["archive_requests"] == len(double.log.entries)
    assert summary["requests"] < summary["archive_requests"]
    state = json.loads(beside(out, ".cdx.json").read_text())
    assert state["complete"] and state["resume_key"] is None and state["pages"] == len(cdx)


def test_the_warc_holds_the_pages_under_their_own_urls_and_replays_without_the_archive(crawl, tmp_path):
    _, out, warc, double = crawl
    responses = []
    with warc.open("rb") as file:
        for record in ArchiveIterator(file):
            if record.rec_type == "response":
                headers = record.rec_headers
                responses.append((headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Source-URI"),
                                  headers.get_header("WARC-Date")))
    assert responses
    for target, source, date in responses:
        assert target.startswith(f"https://{HOST}/")
        if source:  # a capture: its archive URL, its time
            timestamp = source.split("/web/", 1)[1][:14]
            assert source.startswith(f"{double.base}/web/") and date == iso(timestamp)
    assert sum(1 for _, source, _ in responses if source) >= 36 + 13  # articles and listings
    # Re-extracted from the WARC: the crawl's records, fetched_at included.
    extracted = tmp_path / "extracted.jsonl"
    result = aacrawler("extract", str(warc), "-o", str(extracted))
    assert result.returncode == 0, result.stderr
    crawl_records = {r["url"]: r for r in read_jsonl(out)}
    assert {r["url"]: r for r in read_jsonl(extracted)} == crawl_records
    # Replayed: the same records, and nothing asked of the archive.
    asked = len(double.log.entries)
    replayed = tmp_path / "replayed.jsonl"
    result = aacrawler("crawl", "--replay", str(warc), "-o", str(replayed))
    assert result.returncode == 0, result.stderr
    assert_expected_records(replayed)
    assert len(double.log.entries) == asked


def test_an_article_only_the_capture_map_knows_is_crawled_too(tmp_path):
    case = FIXTURES / "dateline-em-dash-strong"
    expected = json.loads((case / "expected.json").read_text("utf-8"))
    path = "/theaawsat/news-middle-east/uk-police-appeal-to-muslim-families-over-syria-travel/"
    out = tmp_path / "articles.jsonl"
    with serve_wayback(SAMPLE, orphans={path: (case / "page.html").read_bytes()}) as double:
        result = wayback(double, out, *FAST)
    assert result.returncode == 0, result.stderr
    records = {r["url"]: r for r in read_jsonl(out)}
    assert len(records) == 37
    orphan = {k: v for k, v in records[expected["url"]].items() if k != "fetched_at"}
    assert orphan == {k: v for k, v in expected.items() if k != "fetched_at"}
    assert records[expected["url"]]["fetched_at"] == iso(real_capture_time(double.captures, path))


def test_captured_window_bounds_the_captures_read(tmp_path):
    out = tmp_path / "until.jsonl"
    with serve_wayback(SAMPLE) as double:
        result = wayback(double, out, "--captured-until", "2017-12-31", *FAST)
        assert result.returncode == 0, result.stderr
        assert_expected_records(out)
        # The later traps are outside the window: never played back.
        assert all(e["path"].split("/web/", 1)[1][:4] <= "2017" for e in double.log.of("playback"))
        late = tmp_path / "from.jsonl"
        result = wayback(double, late, "--captured-from", "2030-01-01", "--max-error-rate", "0.2", *FAST)
        assert not [e for e in double.log.of("playback") if e["path"].split("/web/", 1)[1] >= "2030"]
    # Nothing captured then: the home page is given up (robots.txt is
    # merely absent), as on a site that is gone, and the crawl that found
    # nothing is incomplete (exit 4), which says more than its error rate.
    assert result.returncode == 4, result.stderr
    assert "incomplete: no article exported" in result.stderr
    assert line_count(late) == 0


def test_cdx_requests_keep_to_their_rate(tmp_path):
    """The CDX slot: one request at a time, at least 60/rate seconds apart
    (a lower bound, checked at the double; no timing of the crawl)."""
    out = tmp_path / "one.jsonl"
    start = f"https://{HOST}/amir-taheri/opinion/tehrans-new-friends-in-moscow/"
    with serve_wayback(SAMPLE, row_cap=12) as double:
        result = wayback(double, out, "--start", start, "-s", "AACRAWLER_WAYBACK_CDX_PER_MINUTE=150",
                         "-s", "AACRAWLER_WAYBACK_PLAYBACK_PER_MINUTE=600")
    assert result.returncode == 0, result.stderr
    times = [e["time"] for e in double.log.of("cdx")]
    assert len(times) == cdx_pages(double) >= 5
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.4 * 0.95  # 60/150 s
    assert line_count(out) == 1


def test_killed_then_resumed_same_records_and_no_second_listing(tmp_path):
    out = tmp_path / "articles.jsonl"
    with serve_wayback(SAMPLE) as double:
        process = start_wayback(double, out, "-s", "AACRAWLER_WAYBACK_CDX_PER_MINUTE=60000",
                                "-s", "AACRAWLER_WAYBACK_PLAYBACK_PER_MINUTE=600")
        try:
            wait_for(lambda: line_count(out) >= 5, 60, "5 records written")
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        assert line_count(out) < 36, "killed mid-crawl"
        listed = len(double.log.of("cdx"))
        assert listed == cdx_pages(double)
        result = wayback(double, out, *FAST)
        assert result.returncode == 0, result.stderr
        assert_expected_records(out)  # each article once
        assert len(double.log.of("cdx")) == listed  # the listing was reused
        assert read_jsonl(beside(out, ".runs.jsonl"))[-1]["mode"] == "resume"
        # --refresh-captures lists them again.
        result = wayback(double, out, "--refresh-captures", *FAST)
        assert result.returncode == 0, result.stderr
        assert len(double.log.of("cdx")) == 2 * listed


def test_a_listing_killed_midway_resumes_from_its_resume_key(tmp_path):
    out = tmp_path / "articles.jsonl"
    state = beside(out, ".cdx.json")

    def pages_listed():
        try:
            return json.loads(state.read_text())["pages"]
        except (OSError, ValueError):
            return 0

    with serve_wayback(SAMPLE, row_cap=5) as double:
        process = start_wayback(double, out, "-s", "AACRAWLER_WAYBACK_CDX_PER_MINUTE=300")
        try:
            wait_for(lambda: pages_listed() >= 3, 60, "3 CDX answers kept")
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        first_run = len(double.log.of("cdx"))
        assert not json.loads(state.read_text())["complete"]
        result = wayback(double, out, *FAST)
        assert result.returncode == 0, result.stderr
        assert_expected_records(out)
        second_run = double.log.of("cdx")[first_run:]
        assert "resumeKey=" in second_run[0]["path"]  # not from the start
        # Each page listed once (one more if an answer was in flight at the kill).
        assert cdx_pages(double) <= len(double.log.of("cdx")) <= cdx_pages(double) + 1
        rows = [tuple(json.loads(line)) for line in beside(out, ".cdx.jsonl").read_text().splitlines()]
        assert len(rows) == len(set(rows))  # no row kept twice


def test_a_429_storm_stops_the_crawl_with_one_line_and_it_resumes(tmp_path):
    out = tmp_path / "articles.jsonl"
    with serve_wayback(SAMPLE, limits={"playback": (8, 600.0)}) as double:
        result = wayback(double, out, "-s", "AACRAWLER_WAYBACK_PAUSE=0.5", "-s", "AACRAWLER_WAYBACK_MAX_429=3", *FAST,
                         timeout=120)
        assert result.returncode == 1, result.stderr
        lines = [line for line in result.stderr.splitlines() if "429" in line]
        assert len(lines) == 1 and lines[0].startswith("aacrawler: "), result.stderr
        assert "Traceback" not in result.stderr
        # The archive heard exactly MAX_429 429s, each followed by a pause.
        playbacks = double.log.of("playback")
        refused = [i for i, e in enumerate(playbacks) if e["status"] == 429]
        assert len(refused) == 3
        for i in refused[:-1]:
            assert playbacks[i + 1]["time"] - playbacks[i]["time"] >= 0.5 * 0.95
        assert json.loads(beside(out, ".state.json").read_text())["status"] == "stopped"
        [summary] = read_jsonl(beside(out, ".runs.jsonl"))
        assert summary["finish_reason"] == "wayback_rate_limited" and summary["status"] == "cut short"
        listed = len(double.log.of("cdx"))
        double.limits.clear()  # the archive lets us in again
        result = wayback(double, out, *FAST)
        assert result.returncode == 0, result.stderr
        assert_expected_records(out)
        assert len(double.log.of("cdx")) == listed


def test_a_rate_limited_listing_stops_and_resumes_where_it_was(tmp_path):
    out = tmp_path / "articles.jsonl"
    with serve_wayback(SAMPLE, row_cap=10, limits={"cdx": (2, 600.0)}) as double:
        result = wayback(double, out, "-s", "AACRAWLER_WAYBACK_PAUSE=0.3", *FAST, timeout=120)
        assert result.returncode == 1, result.stderr
        assert len([line for line in result.stderr.splitlines() if "429" in line]) == 1, result.stderr
        assert double.log.of("playback") == []  # no page before the map is complete
        state = json.loads(beside(out, ".cdx.json").read_text())
        assert state["pages"] == 2 and state["resume_key"] and not state["complete"]
        double.limits.clear()
        result = wayback(double, out, *FAST)
        assert result.returncode == 0, result.stderr
        assert_expected_records(out)
        served = [e for e in double.log.of("cdx") if e["status"] == 200]
        assert len(served) == cdx_pages(double)


def test_archive_errors_are_retried_and_a_lasting_one_is_named(tmp_path):
    """Playbacks go through Scrapy's retries; a capture the archive keeps
    failing is given up as the archive's error, not as a missing page."""
    flaky = "/amir-taheri/opinion/tehrans-new-friends-in-moscow/"
    broken = "/karim-haddad/opinion/syria-the-cost-of-waiting/"
    out = tmp_path / "articles.jsonl"
    with serve_wayback(SAMPLE) as double:
        double.faults = {flaky: [503], broken: [503] * 4}
        result = wayback(double, out, "-s", "AACRAWLER_RETRY_BACKOFF_BASE=0.05", *FAST)
        assert [e["status"] for e in double.log.of("playback") if broken in e["path"]] == [503] * 4  # 1 + 3 retries
    # 35 of the 37 articles listed (the sample's deliberate 404 and the
    # broken capture): coverage 0.9459 is under the default 0.95.
    assert result.returncode == 4, result.stderr
    assert "incomplete: 35 articles exported of 37 expected (coverage 0.945 < 0.95)" in result.stderr
    records = {r["url"] for r in read_jsonl(out)}
    assert f"https://{HOST}{flaky}" in records and f"https://{HOST}{broken}" not in records
    failed = {line["url"]: line for line in read_jsonl(beside(out, ".failed.jsonl"))}
    assert failed[f"https://{HOST}{broken}"]["reason"] == "HTTP 503"


@pytest.mark.parametrize("args, message", [
    (["--source", "wayback", "--replay", str(SAMPLE)], "--replay and --source wayback are two sources"),
    (["--source", "wayback", "--archive-url", "ftp://example.org/"], "--archive-url 'ftp://example.org/' is not an http(s) URL"),
    (["--captured-from", "2016-01-01"], "--captured-from needs --source wayback"),
    (["--source", "wayback", "--captured-from", "2017-01-01", "--captured-until", "2016-01-01"], "is after --captured-until"),
    (["--source", "wayback", "--captured-until", "2016-02-30"], "not a date"),
])
def test_bad_wayback_options_give_one_line(tmp_path, args, message):
    result = aacrawler("crawl", "-o", str(tmp_path / "out.jsonl"), *args, timeout=60)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.jsonl").exists()

"""A crawl against a misbehaving server (tests/faults.py, 127.0.0.1 only):
transient faults are retried and their articles exported, permanent ones
are given up, counted by reason and listed; nothing leaves the server's
host; replay stays inside its source; the output is never half-written."""

import json
import random
import resource
import subprocess
import sys

import pytest

from aacrawler.replay.mirror import MirrorFolder

from .faults import serve_faults, url_path
from .helpers import ROOT, SAMPLE, aacrawler, expected_records, read_jsonl

# An article whose page gives all its fields (no listing hints needed).
ARTICLE = "https://eng-archive.aawsat.com/theaawsat/news-middle-east/iraqi-forces-push-into-ramadis-outskirts/"
PATH = url_path(ARTICLE)
# Live-crawl settings, made quick: short timeouts, small limits, short waits.
QUICK = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=false", "-s", "DOWNLOAD_TIMEOUT=1",
         "-s", "DOWNLOAD_MAXSIZE=1000000", "-s", "DOWNLOAD_WARNSIZE=0", "-s", "RETRY_TIMES=2",
         "-s", "AACRAWLER_RETRY_BACKOFF_BASE=0.05", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
         "--max-error-rate", "0.1"]


def crawl_with_faults(tmp_path, faults, start=(ARTICLE,), extra=()):
    out = tmp_path / "out.jsonl"
    with serve_faults(SAMPLE, faults) as (base, requested):
        starts = [arg for url in start for arg in ("--start", url)] if start else []
        result = aacrawler("crawl", "--site", base, "-o", str(out), *starts, *QUICK, *extra, timeout=180)
        host = base.split("/")[2]
    summary = read_jsonl(out.with_name(out.name + ".runs.jsonl"))[-1]
    failed = read_jsonl(out.with_name(out.name + ".failed.jsonl"))
    assert "Traceback" not in result.stderr, result.stderr
    assert {h for _, h in requested} == {host}, "every request went to the served host"
    return result, read_jsonl(out), summary, failed, requested


def expected(url=ARTICLE):
    return {k: v for k, v in expected_records()[url].items()}


def strip_time(records):
    return [{k: v for k, v in r.items() if k != "fetched_at"} for r in records]


@pytest.mark.parametrize("fault", [
    ("status", 500, 2), ("status", 502, 2), ("status", 503, 2),
    ("retry-after", 429, 1), ("retry-after", 503, 1),
    ("reset", 1), ("short", 1),
    ("no-content-type",), ("content-type", "application/octet-stream"), ("content-type", "image/png"),
    ("charset", "iso-8859-1"),
], ids=str)
def test_transient_or_harmless_faults_still_export_the_article(fault, tmp_path):
    result, records, summary, failed, requested = crawl_with_faults(tmp_path, {PATH: fault})
    assert result.returncode == 0, result.stderr
    assert strip_time(records) == [expected()]
    assert failed == [] and summary["given_up"] == 0
    tries = [p for p, _ in requested].count(PATH)
    assert tries == (fault[2] + 1 if fault[0] == "status" else 2 if fault[0] in ("retry-after", "reset", "short") else 1)


def test_retry_after_is_honoured(tmp_path):
    with serve_faults(SAMPLE, {PATH: ("retry-after", 503, 2)}) as (base, requested):
        result = aacrawler("crawl", "--site", base, "-o", str(tmp_path / "out.jsonl"), "--start", ARTICLE, *QUICK)
        times = requested.arrivals(PATH)  # stamped by the server as each request came in
    assert result.returncode == 0, result.stderr
    assert len(times) == 2
    # A lower bound only: a slow machine makes the gap longer, never shorter.
    assert times[1] - times[0] >= 1.8, "the retry waited for the server's Retry-After: 2"


@pytest.mark.parametrize("fault, reason, status", [
    (("status", 503, 10), "HTTP 503", 503),
    (("status", 404, 10), "HTTP 404", 404),
    (("hang", 5), "timeout", None),
    (("trickle", 6), "timeout", None),
    # A reset or a short body: "incomplete body" or "connection lost", as
    # the HTTP client happens to see it.
    (("reset", 10), None, None),
    (("short", 10), None, None),
    (("huge", 5_000_000), "too large", None),
    (("redirect-loop",), "too many redirects", None),
    (("redirect-offsite",), "redirect to another host", None),
    (("garbage",), "not an HTML page", 200),
], ids=str)
def test_permanent_faults_are_given_up_with_their_reason(fault, reason, status, tmp_path):
    result, records, summary, failed, _ = crawl_with_faults(tmp_path, {PATH: fault}, extra=["-s", "REDIRECT_MAX_TIMES=5"])
    assert records == []
    [entry] = failed
    assert entry["url"] == ARTICLE
    if reason is None:
        assert entry["reason"] in ("incomplete body", "connection lost")
    else:
        assert entry["reason"] == reason
    assert entry["status"] == status
    assert summary["given_up"] == 1 and summary["given_up_by_reason"] == {entry["reason"]: 1}
    # One URL of two (robots.txt aside) failed: past the 0.1 threshold.
    assert result.returncode == 3 and summary["status"] == "too many errors"


def test_a_gzip_bomb_is_stopped_at_the_size_limit(tmp_path):
    result, records, summary, failed, _ = crawl_with_faults(tmp_path, {PATH: ("gzip-bomb", 300_000_000)})
    assert records == [] and [f["reason"] for f in failed] == ["too large"]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 250, f"decompression was not bounded: {peak_mb:.0f} MB"


def test_a_page_of_deeply_nested_tags(tmp_path):
    result, records, summary, failed, _ = crawl_with_faults(tmp_path, {PATH: ("deep", 30_000)})
    # libxml2 stops at its nesting limit, so the article below it is lost:
    # the crawl goes on, and the page is a counted, logged drop. A crawl
    # that exported no article at all is "incomplete" (exit 4).
    assert result.returncode == 4 and summary["finished"] and summary["status"] == "incomplete"
    assert records == [] and failed == []
    assert summary["dropped"] == {"no body": 1}
    assert "Dropped: no body" in result.stderr


def test_mixed_faults_every_transient_article_exported_once(tmp_path):
    rng = random.Random(20261125)
    transient = [("status", 503, 1), ("status", 500, 1), ("retry-after", 429, 0), ("reset", 1), ("short", 1)]
    articles = sorted(expected_records())
    faulty = rng.sample(articles, k=len(articles) * 3 // 10)
    faults = {url_path(url): rng.choice(transient) for url in faulty}
    faults["/category/opinion/page/2/"] = ("status", 502, 1)  # a listing too
    result, records, summary, failed, requested = crawl_with_faults(tmp_path, faults, start=())
    assert result.returncode == 0, result.stderr
    got = {r["url"]: r for r in strip_time(records)}
    assert len(got) == len(records), "exactly once"
    assert got == expected_records()
    # Only the sample's deliberately missing page is given up.
    assert [f["reason"] for f in failed] == ["HTTP 404"]


def test_retry_failed_crawls_just_those_urls(tmp_path):
    out = tmp_path / "out.jsonl"
    with serve_faults(SAMPLE, {PATH: ("status", 503, 3)}) as (base, requested):
        first = aacrawler("crawl", "--site", base, "-o", str(out), "--start", ARTICLE, *QUICK)
        assert first.returncode == 3 and read_jsonl(out) == []
        requested.clear()
        again = aacrawler("crawl", "--site", base, "-o", str(out), "--retry-failed", *QUICK)
    assert again.returncode == 0, again.stderr
    assert strip_time(read_jsonl(out)) == [expected()]
    assert [p for p, _ in requested] == ["/robots.txt", PATH]
    assert read_jsonl(out.with_name(out.name + ".failed.jsonl")) == []


# --- replay stays inside its source -----------------------------------------

@pytest.fixture
def guarded_mirror(tmp_path):
    secret = tmp_path / "secret.html"
    secret.write_text("<html><body><p>secret</p></body></html>")
    mirror = tmp_path / "mirror"
    host = mirror / "eng-archive.aawsat.com"
    (host / "inside").mkdir(parents=True)
    (host / "inside" / "index.html").write_text("<html><body><p>inside</p></body></html>")
    (host / "link").symlink_to(tmp_path)  # a symlink leading out
    (host / "page.html").symlink_to(secret)
    return mirror


@pytest.mark.parametrize("path", [
    "/../secret.html", "/%2e%2e/secret.html", "/%2E%2E/%2e%2e/etc/passwd", "//etc/passwd",
    "/inside/..%2f..%2fsecret.html", "/inside\\..\\..\\secret.html", "/inside%5c..%5csecret.html",
    "/secret.html%00.html", "/link/secret.html", "/page.html",
])
def test_replay_never_reads_outside_the_mirror(guarded_mirror, path):
    mirror = MirrorFolder(guarded_mirror)
    assert mirror.retrieve("https://eng-archive.aawsat.com" + path) is None
    assert mirror.retrieve("https://eng-archive.aawsat.com/inside/").body.startswith(b"<html>")


def test_a_replayed_crawl_answers_escapes_with_404(guarded_mirror, tmp_path):
    out = tmp_path / "out.jsonl"
    starts = ["https://eng-archive.aawsat.com/%2e%2e/secret.html", "https://eng-archive.aawsat.com/link/secret.html",
              "https://eng-archive.aawsat.com/page.html"]
    result = aacrawler("crawl", "--replay", str(guarded_mirror), "-o", str(out), *[a for s in starts for a in ("--start", s)])
    summary = read_jsonl(out.with_name(out.name + ".runs.jsonl"))[-1]
    assert summary["responses_by_status"].get("200", 0) == 0
    assert summary["given_up_by_reason"] == {"HTTP 404": 3}
    assert result.returncode == 3 and read_jsonl(out) == []


# --- output safety -------------------------------------------------------------

def test_output_that_is_not_a_regular_file_is_refused():
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", "/dev/full")
    assert result.returncode == 2
    assert result.stderr.strip() == "aacrawler: error: cannot write the output: /dev/full: not a regular file"


def test_a_disk_filling_up_mid_crawl_stops_it_with_whole_lines(tmp_path):
    out = tmp_path / "out.jsonl"
    first = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out), "--start",
                      "https://eng-archive.aawsat.com/tag/isis/")
    assert first.returncode == 0
    before = out.read_bytes()
    limit = len(before) + 20_000  # room for a few more records, then "disk full"

    def small_disk():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run([sys.executable, "-m", "aacrawler.cli", "crawl", "--replay", str(SAMPLE), "-o", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, preexec_fn=small_disk)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if "ERROR" in line]
    assert len(errors) == 1 and "Cannot write the output" in errors[0] and "stopping the crawl" in errors[0]
    data = out.read_bytes()
    assert data.startswith(before) and data.endswith(b"\n")
    records = [json.loads(line) for line in data.splitlines()]
    assert len(records) > 5
    # The next run, with room again, completes the set.
    assert aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out)).returncode == 0
    assert {r["url"] for r in read_jsonl(out)} == set(expected_records())

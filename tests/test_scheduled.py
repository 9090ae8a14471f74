"""Scheduled crawls: resume after SIGKILL and SIGTERM, incremental runs,
--refresh, --since/--until, and the exit status a scheduler acts on."""

import json
import random
import signal

import pytest
from warcio.archiveiterator import ArchiveIterator

from aacrawler.testing import generate_mirror

from .helpers import (SAMPLE, aacrawler, content, expected_records, finish, generated_mirror, line_count,
                      read_jsonl, sample_copy, start_aacrawler, wait_for, wait_for_records)
from .servers import serve_mirror

ARTICLES = 500


def start_crawl(*args, log):
    return start_aacrawler("crawl", *args, log=log)


def summaries(out):
    path = out.with_name(out.name + ".runs.jsonl")
    return read_jsonl(path) if path.exists() else []


def wait_until_running(out, process, timeout=60):
    """Until this process's run has started (OUT.state.json names it)."""
    state = out.with_name(out.name + ".state.json")

    def started():
        assert process.poll() is None, f"the crawl ended (status {process.returncode}) before it started"
        try:
            status = json.loads(state.read_text("utf-8"))
        except (OSError, ValueError):  # not there yet (it is replaced whole, never half-written)
            return False
        return status.get("status") == "running" and status.get("pid") == process.pid

    wait_for(started, timeout, f"the run (pid {process.pid}) to mark {state} running")


@pytest.fixture(scope="module")
def mirror(tmp_path_factory):
    return generated_mirror(tmp_path_factory.mktemp("generated") / "mirror", ARTICLES)


@pytest.fixture(scope="module")
def reference(mirror, tmp_path_factory):
    """The records of one uninterrupted crawl of the generated mirror."""
    out = tmp_path_factory.mktemp("reference") / "articles.jsonl"
    assert aacrawler("crawl", "--replay", str(mirror), "-o", str(out)).returncode == 0
    records = content(read_jsonl(out))
    assert len(records) == ARTICLES
    return records


def fetched_articles(warc):
    """Article URLs whose pages a run fetched (from its WARC)."""
    if not warc.exists():
        return []
    with warc.open("rb") as file:
        return [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(file)
                if r.rec_type == "response" and "/generated/" in (r.rec_headers.get_header("WARC-Target-URI") or "")]


def exported_pages(out):
    pages = out.with_name(out.name + ".pages.jsonl")
    return {entry["url"] for entry in read_jsonl(pages)} if pages.exists() else set()


@pytest.mark.parametrize("seed", [1, 2])
def test_sigkill_at_any_moment_then_resume(seed, mirror, reference, tmp_path):
    out = tmp_path / "articles.jsonl"
    # Each run is killed once it has written a number of new records drawn
    # from the seed: a quarter of the time 0 (killed as soon as it has
    # started up), else 1 to ARTICLES // 4. The kills land from start-up to
    # well into the crawl whatever the machine's speed, and three runs
    # never finish it. (Seed 1: 0, 98, 0; seed 2: 122, 12, 0.)
    rng = random.Random(seed)
    new_records = [rng.randint(1, ARTICLES // 4) if rng.random() >= 0.25 else 0 for _ in range(3)]
    exported_before = set()
    for run, count in enumerate(new_records):
        warc = tmp_path / f"run{run}.warc.gz"
        process = start_crawl("--replay", mirror, "-o", out, "--warc", warc, log=tmp_path / f"run{run}.log")
        wait_until_running(out, process)
        wait_for_records(out, line_count(out) + count, process=process)
        process.kill()
        process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL, "the run was killed, not finished"
        # This run fetched no article page that an earlier run exported.
        assert not exported_before & set(fetched_articles(warc)), f"run {run} refetched exported articles"
        exported_before = exported_pages(out)
        # Every line on disk is a whole record, even right after the kill
        # (a torn last line would be repaired by the next run).
        lines = out.read_bytes().split(b"\n") if out.exists() else [b""]
        assert all(json.loads(line) for line in lines[:-1])
    # The records on disk, not the pages sidecar: a kill between a record's
    # line and its OUT.pages.jsonl line leaves the sidecar one behind.
    records_before = line_count(out)
    final_warc = tmp_path / "final.warc.gz"
    done = aacrawler("crawl", "--replay", str(mirror), "-o", str(out), "--warc", str(final_warc))
    assert done.returncode == 0, done.stderr
    assert not exported_before & set(fetched_articles(final_warc))
    assert content(read_jsonl(out)) == reference
    summary = summaries(out)[-1]  # killed runs leave no summary; the last one does
    assert summary["finished"] is True
    assert summary["mode"] == ("resume" if len(summaries(out)) == 1 else "incremental")
    assert summary["article_pages"] == len(set(fetched_articles(final_warc)))
    assert summary["articles_written"] == ARTICLES - records_before


def test_a_torn_last_line_is_repaired(mirror, reference, tmp_path):
    out = tmp_path / "articles.jsonl"
    process = start_crawl("--replay", mirror, "-o", out, log=tmp_path / "killed.log")
    wait_for_records(out, 50, process=process)
    process.kill()
    process.wait(timeout=30)
    kept = out.read_bytes()
    with out.open("ab") as file:  # what a kill in the middle of a write leaves
        file.write(b'{"url": "https://eng-archive.aawsat.com/generated/half-writ')
    result = aacrawler("crawl", "--replay", str(mirror), "-o", str(out))
    assert result.returncode == 0
    assert "last line was cut off" in result.stderr
    assert out.read_bytes().startswith(kept)
    assert content(read_jsonl(out)) == reference


def test_sigterm_stops_cleanly_and_the_next_run_resumes(mirror, reference, tmp_path):
    out = tmp_path / "articles.jsonl"
    # One request at a time, so the stop lands mid-crawl.
    process = start_crawl("--replay", mirror, "-o", out, "-s", "CONCURRENT_REQUESTS=1",
                          "-s", "DOWNLOAD_DELAY=0.002", log=tmp_path / "stopped.log")
    wait_for_records(out, 20, process=process)
    process.send_signal(signal.SIGTERM)
    stderr = finish(process, tmp_path / "stopped.log", timeout=60)
    assert process.returncode == 1, stderr
    [stopped] = summaries(out)
    assert (stopped["finish_reason"], stopped["status"], stopped["finished"]) == ("shutdown", "cut short", False)
    assert json.loads(out.with_name(out.name + ".state.json").read_text())["status"] == "stopped"
    written = len(read_jsonl(out))
    assert 0 < written < ARTICLES
    result = aacrawler("crawl", "--replay", str(mirror), "-o", str(out))
    assert result.returncode == 0
    assert content(read_jsonl(out)) == reference
    resumed = summaries(out)[-1]
    assert resumed["mode"] == "resume" and resumed["article_pages"] == ARTICLES - written


def test_incremental_runs_fetch_only_what_is_new(tmp_path):
    # The sample site, unchanged: nothing fetched again, nothing written.
    out = tmp_path / "sample.jsonl"
    assert aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out)).returncode == 0
    assert aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out)).returncode == 0
    first, second = summaries(out)
    assert (first["mode"], second["mode"]) == ("fresh", "incremental")
    assert second["article_pages"] == 0 and second["articles_written"] == 0
    assert second["requests"] < first["requests"] / 3
    assert len(read_jsonl(out)) == len(expected_records())

    # A generated archive, then ten articles published on top of it.
    mirror = tmp_path / "mirror"
    generate_mirror(SAMPLE, mirror, 200)
    out = tmp_path / "generated.jsonl"
    assert aacrawler("crawl", "--replay", str(mirror), "-o", str(out)).returncode == 0
    new_urls = generate_mirror(SAMPLE, mirror, 210)[:10]
    assert aacrawler("crawl", "--replay", str(mirror), "-o", str(out)).returncode == 0
    third = summaries(out)[-1]
    assert third["mode"] == "incremental"
    assert third["article_pages"] == 10 and third["articles_written"] == 10
    records = read_jsonl(out)
    assert len(records) == 210 and {r["url"] for r in records[-10:]} == set(new_urls)
    # Each category walked its first pages only (new entries, then the margin).
    assert third["listing_pages"] <= 1 + 4 * 3


def test_incremental_run_over_a_local_server_fetches_only_what_is_new(tmp_path):
    out = tmp_path / "site.jsonl"
    with serve_mirror(SAMPLE) as (base, _):
        crawl = ("crawl", "--site", base, "-o", str(out), "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=false",
                 "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8")
        assert aacrawler(*crawl).returncode == 0
        assert aacrawler(*crawl).returncode == 0
    first, second = summaries(out)
    assert (first["mode"], second["mode"]) == ("fresh", "incremental")
    assert first["articles_written"] == len(expected_records())
    assert second["articles_written"] == 0
    assert second["article_pages"] == 0, "exported articles fetched again"


def test_refresh_replaces_changed_records_in_place(tmp_path):
    mirror = sample_copy(tmp_path / "mirror")
    out = tmp_path / "articles.jsonl"
    assert aacrawler("crawl", "--replay", str(mirror), "-o", str(out)).returncode == 0
    before = read_jsonl(out)
    page = mirror / "eng-archive.aawsat.com/theaawsat/news-middle-east/syrian-troops-isis-face-off-in-raqqa/index.html"
    page.write_text(page.read_text("utf-8").replace("The base is home to 900", "The base is home to 950"), "utf-8")
    result = aacrawler("crawl", "--replay", str(mirror), "-o", str(out), "--refresh")
    assert result.returncode == 0, result.stderr
    after = read_jsonl(out)
    assert [r["url"] for r in after] == [r["url"] for r in before], "same records, same order"
    changed = [a for b, a in zip(before, after) if b["body"] != a["body"]]
    assert len(changed) == 1 and "home to 950" in changed[0]["body"]
    summary = summaries(out)[-1]
    assert summary["mode"] == "refresh" and summary["articles_written"] == 1
    assert summary["article_pages"] == len(expected_records()) + 1  # everything fetched again


def test_since_until_window(tmp_path):
    out = tmp_path / "window.jsonl"
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out), "--since", "2015-01-01", "--until", "2015-12-31")
    assert result.returncode == 0, result.stderr
    expected = {u: r for u, r in expected_records().items() if r["published"] and "2015-01-01" <= r["published"] <= "2015-12-31"}
    assert 0 < len(expected) < len(expected_records())
    got = content(read_jsonl(out))
    assert got == expected
    summary = summaries(out)[-1]
    assert summary["article_pages"] < len(expected_records())  # listing dates spared fetches
    bad = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out), "--since", "2015-13-01")
    assert bad.returncode == 2 and "is not a date as YYYY-MM-DD" in bad.stderr


def test_error_rate_sets_the_exit_status(tmp_path):
    out = tmp_path / "errors.jsonl"
    # The sample has one missing page: above a zero threshold, exit 3.
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out), "--max-error-rate", "0")
    assert result.returncode == 3
    summary = summaries(out)[-1]
    assert summary["status"] == "too many errors" and summary["error_rate"] > 0

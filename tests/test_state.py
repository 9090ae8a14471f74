"""The crawl state, module by module (no crawl): runs/state.py (the
run's mode from OUT and its sidecars, admit verdicts, exported pages,
torn-line repair, compaction), runs/store.py and runs/window.py. The
expected values follow the rules in runs/state.py's docstring and
RECORD.md ("an article is known by its media_id, or by its url")."""

import json
import os

import pytest
from scrapy.settings import Settings

from aacrawler.output.ours import NotOurs
from aacrawler.runs.state import FRESH, INCREMENTAL, REFRESH, RESUME, CrawlState, compact
from aacrawler.runs.store import FileStateStore, NoStateStore, state_store
from aacrawler.runs.window import DateWindow

ARCHIVE = "https://eng-archive.aawsat.com"


def record(slug, media_id=None, body="Body text.", **fields):
    """A record with the fields the state reads (the rest do not matter)."""
    return {"url": f"{ARCHIVE}/news/{slug}/", "media_id": media_id, "title": slug, "body": body,
            "fetched_at": "2026-11-25T10:00:00Z", **fields}


def write_lines(path, *items):
    """Lines as given: dicts as JSON, bytes as they are. An `out.jsonl`
    is a crawl's output: unless a test says otherwise, the run that wrote
    it was killed (its state still says running), as output/ours.py
    requires of a file a crawl may repair or append to."""
    with path.open("wb") as file:
        for item in items:
            file.write(item if isinstance(item, bytes) else (json.dumps(item) + "\n").encode())
    if path.name == "out.jsonl" and not path.with_name(path.name + ".state.json").exists():
        write_status(path, "running")
    return path


def write_status(out, status):
    state = {"status": status, "started_at": "2026-11-25T09:00:00Z"}
    out.with_name(out.name + ".state.json").write_text(json.dumps(state))


def status_of(out):
    return json.loads(out.with_name(out.name + ".state.json").read_text())


# --- the mode -------------------------------------------------------------------

def test_no_output_yet_is_a_fresh_run(tmp_path):
    assert CrawlState.load(tmp_path / "out.jsonl").mode == FRESH


@pytest.mark.parametrize("status, mode", [
    ("finished", INCREMENTAL),  # the last run finished: fetch only what is new
    ("stopped", RESUME),        # stopped (SIGTERM, an error): finish its work
    ("running", RESUME),        # it says running, but it is gone: killed
])
def test_the_last_runs_status_decides_the_mode(tmp_path, status, mode):
    out = write_lines(tmp_path / "out.jsonl", record("a"))
    write_status(out, status)
    state = CrawlState.load(out)
    assert (state.mode, state.previous_status) == (mode, status)


def test_records_without_a_status_file_are_not_ours(tmp_path):
    # A crawl writes its state before its first record: records without
    # one are someone else's file, refused whole (output/ours.py).
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps(record("a")) + "\n")
    with pytest.raises(NotOurs):
        CrawlState.load(out)
    assert out.read_text() == json.dumps(record("a")) + "\n"


def test_an_unreadable_status_file_is_not_ours(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps(record("a")) + "\n")
    out.with_name(out.name + ".state.json").write_text("{not json")
    with pytest.raises(NotOurs):
        CrawlState.load(out)


def test_refresh_asked_for_wins(tmp_path):
    out = write_lines(tmp_path / "out.jsonl", record("a"))
    write_status(out, "finished")
    assert CrawlState.load(out, refresh=True).mode == REFRESH


def test_overwrite_starts_over_whatever_is_there(tmp_path):
    out = write_lines(tmp_path / "out.jsonl", record("a"))
    write_status(out, "finished")
    state = CrawlState.load(out, overwrite=True)
    assert state.mode == FRESH and state.exported == {} and not state.is_exported(record("a")["url"])


# --- what was exported ------------------------------------------------------------

def test_articles_are_known_by_media_id_else_by_url(tmp_path):
    out = write_lines(tmp_path / "out.jsonl", record("a", media_id="55334015"), record("b"))
    state = CrawlState.load(out)
    assert set(state.exported) == {"media:55334015", "url:eng-archive.aawsat.com/news/b"}


@pytest.mark.parametrize("url", [
    f"{ARCHIVE}/news/a/",
    "http://eng-archive.aawsat.com/news/a",
    "https://www.eng-archive.aawsat.com/news/a/#comments",
    "https://ENG-ARCHIVE.aawsat.com/news/a/",
])
def test_an_exported_record_url_is_known_in_all_its_forms(tmp_path, url):
    out = write_lines(tmp_path / "out.jsonl", record("a"))
    assert CrawlState.load(out).is_exported(url)


def test_the_page_a_record_came_from_is_known_only_once_the_record_is_on_disk(tmp_path):
    out = write_lines(tmp_path / "out.jsonl", record("a", media_id="111111"))
    # Fetched under other URLs than the record's own (its canonical): the
    # first record made it into OUT, the second did not (killed in between).
    write_lines(out.with_name(out.name + ".pages.jsonl"),
                {"url": f"{ARCHIVE}/old/a-old-link/", "key": "media:111111"},
                {"url": f"{ARCHIVE}/old/b-old-link/", "key": "media:222222"})
    state = CrawlState.load(out)
    assert state.is_exported(f"{ARCHIVE}/old/a-old-link/")
    assert not state.is_exported(f"{ARCHIVE}/old/b-old-link/")
    assert not state.is_exported(f"{ARCHIVE}/news/never-seen/")


def test_a_refresh_run_fetches_everything_again(tmp_path):
    out = write_lines(tmp_path / "out.jsonl", record("a"))
    assert not CrawlState.load(out, refresh=True).is_exported(record("a")["url"])


def test_lines_that_are_not_records_are_skipped(tmp_path):
    out = write_lines(tmp_path / "out.jsonl", record("a"), b"{not json\n", b'{"title": "no url"}\n', b"[1, 2]\n",
                      record("b"))
    state = CrawlState.load(out)
    assert set(state.exported) == {"url:eng-archive.aawsat.com/news/a", "url:eng-archive.aawsat.com/news/b"}


# --- admit ----------------------------------------------------------------------

def test_admit_verdicts(tmp_path):
    old = record("a", media_id="111111", body="First version.")
    out = write_lines(tmp_path / "out.jsonl", old)
    write_status(out, "finished")
    again = CrawlState.load(out)
    assert again.admit("media:222222", record("b", media_id="222222")) == "new"
    assert again.admit("media:111111", old) == "exported by an earlier run"

    refresh = CrawlState.load(out, refresh=True)
    assert refresh.admit("media:222222", record("b", media_id="222222")) == "new"
    # Fetched again later: only fetched_at differs, which is not content.
    assert refresh.admit("media:111111", dict(old, fetched_at="2027-01-01T00:00:00Z")) == "unchanged"
    assert refresh.admit("media:111111", dict(old, body="Second version.")) == "changed"


# --- torn lines and duplicates ------------------------------------------------------

def test_a_torn_last_line_is_removed_on_load(tmp_path):
    torn = b'{"url": "https://eng-archive.aawsat.com/news/c/", "media_id": nu'
    out = write_lines(tmp_path / "out.jsonl", record("a"), record("b"), torn)
    whole = out.read_bytes()[: -len(torn)]
    state = CrawlState.load(out)
    assert state.repaired_bytes == len(torn)
    assert out.read_bytes() == whole
    assert len(state.exported) == 2 and not state.is_exported(f"{ARCHIVE}/news/c/")


def test_a_torn_pages_line_is_removed_on_load(tmp_path):
    out = write_lines(tmp_path / "out.jsonl", record("a"))
    pages = write_lines(out.with_name(out.name + ".pages.jsonl"),
                        {"url": f"{ARCHIVE}/news/a/", "key": "url:eng-archive.aawsat.com/news/a"}, b'{"url": "htt')
    CrawlState.load(out)
    assert pages.read_bytes().endswith(b"}\n") and pages.read_bytes().count(b"\n") == 1


def test_versions_of_one_article_count_as_duplicates_and_the_last_counts(tmp_path):
    first, second = record("a", body="First version."), record("a", body="Second version.")
    out = write_lines(tmp_path / "out.jsonl", first, record("b"), second)
    state = CrawlState.load(out, refresh=True)
    assert state.duplicate_lines == 1
    assert state.admit("url:eng-archive.aawsat.com/news/a", second) == "unchanged"
    assert state.admit("url:eng-archive.aawsat.com/news/a", first) == "changed"


# --- compaction -------------------------------------------------------------------

def test_compact_keeps_the_last_version_of_each_article_in_first_seen_order(tmp_path):
    a1, b1, c1 = record("a", body="A one."), record("b", media_id="222222", body="B one."), record("c", body="C one.")
    a2 = record("a", body="A two.")
    # The same article by media_id under another URL is the same article.
    b2 = record("b-moved", media_id="222222", body="B two.")
    out = write_lines(tmp_path / "out.jsonl", a1, b1, a2, c1, b2)
    assert compact(out) == 2
    assert [json.loads(line) for line in out.read_text().splitlines()] == [a2, b2, c1]


def test_compact_keeps_lines_that_are_not_records_and_ends_every_line(tmp_path):
    a1, a2 = record("a", body="A one."), record("a", body="A two.")
    out = write_lines(tmp_path / "out.jsonl", a1, b"{not json\n", (json.dumps(a2)).encode())  # no final newline
    assert compact(out) == 1
    assert out.read_bytes() == (json.dumps(a2) + "\n{not json\n").encode()


def test_compact_leaves_a_file_without_duplicates_alone(tmp_path):
    out = write_lines(tmp_path / "out.jsonl", record("a"), record("b"))
    before = out.read_bytes()
    inode = out.stat().st_ino
    assert compact(out) == 0
    assert out.read_bytes() == before and out.stat().st_ino == inode, "not rewritten"
    assert compact(tmp_path / "missing.jsonl") == 0


# --- status file ------------------------------------------------------------------

def test_mark_running_then_done(tmp_path):
    out = tmp_path / "out.jsonl"
    state = CrawlState.load(out)
    state.mark_running("2026-11-25T10:00:00Z")
    assert status_of(out) == {"status": "running", "started_at": "2026-11-25T10:00:00Z", "mode": FRESH,
                              "pid": os.getpid()}
    state.mark_done(False, "2026-11-25T10:00:00Z", "2026-11-25T10:05:00Z", "shutdown")
    assert status_of(out)["status"] == "stopped" and status_of(out)["finish_reason"] == "shutdown"
    state.mark_done(True, "2026-11-25T10:00:00Z", "2026-11-25T10:05:00Z", "finished")
    assert status_of(out)["status"] == "finished"


# --- the stores -------------------------------------------------------------------

class FakeCrawler:
    """What the stores read of a crawler: its settings."""

    def __init__(self, **settings):
        self.settings = Settings({"AACRAWLER_STATE_STORE": "aacrawler.runs.store.FileStateStore", **settings})


def test_no_state_store_knows_nothing_and_keeps_nothing():
    store = NoStateStore()
    store.open()
    assert store.mode == FRESH
    assert not store.is_exported(f"{ARCHIVE}/news/a/")
    assert store.admit("media:1", record("a")) == "new"
    store.mark_exported("media:1", f"{ARCHIVE}/news/a/")
    assert not store.is_exported(f"{ARCHIVE}/news/a/")
    store.close("finished")
    assert store.finish() is None


def test_a_crawl_with_no_output_file_gets_no_state_store():
    assert isinstance(state_store(FakeCrawler()), NoStateStore)
    assert isinstance(state_store(FakeCrawler(FEEDS={"s3://bucket/out.jsonl": {"format": "jsonlines"}})), NoStateStore)


def test_state_store_is_one_per_crawler(tmp_path):
    crawler = FakeCrawler(AACRAWLER_OUTPUT=str(tmp_path / "out.jsonl"))
    store = state_store(crawler)
    assert isinstance(store, FileStateStore) and state_store(crawler) is store
    assert state_store(FakeCrawler(AACRAWLER_OUTPUT=str(tmp_path / "out.jsonl"))) is not store


def test_file_state_store_through_two_runs(tmp_path):
    out = tmp_path / "runs" / "out.jsonl"
    crawler = FakeCrawler(AACRAWLER_OUTPUT=str(out))
    first = FileStateStore.from_crawler(crawler)
    assert first.mode == FRESH
    first.open()
    assert status_of(out)["status"] == "running"
    a = record("a", media_id="111111")
    assert first.admit("media:111111", a) == "new"
    write_lines(out, a)  # what the feed does before the store hears of it
    first.mark_exported("media:111111", f"{ARCHIVE}/old/a-link/", a["url"])
    first.close("finished")
    assert first.finish() == 0
    assert status_of(out)["status"] == "finished"
    assert read_pages(out) == [{"url": f"{ARCHIVE}/old/a-link/", "key": "media:111111"}]

    second = FileStateStore.from_crawler(FakeCrawler(AACRAWLER_OUTPUT=str(out)))
    assert second.mode == INCREMENTAL
    assert second.is_exported(f"{ARCHIVE}/old/a-link/") and second.is_exported(a["url"])
    assert second.admit("media:111111", a) == "exported by an earlier run"
    second.open()
    second.close("shutdown")
    assert status_of(out)["status"] == "stopped"
    assert FileStateStore.from_crawler(FakeCrawler(AACRAWLER_OUTPUT=str(out))).mode == RESUME


def read_pages(out):
    return [json.loads(line) for line in out.with_name(out.name + ".pages.jsonl").read_text().splitlines()]


def test_a_finished_refresh_run_compacts_its_output(tmp_path):
    out = tmp_path / "out.jsonl"
    a1, a2 = record("a", body="A one."), record("a", body="A two.")
    write_lines(out, a1, record("b"))
    write_status(out, "finished")
    store = FileStateStore.from_crawler(FakeCrawler(AACRAWLER_OUTPUT=str(out), AACRAWLER_REFRESH=True))
    assert store.mode == REFRESH
    store.open()
    assert store.admit("url:eng-archive.aawsat.com/news/a", a2) == "changed"
    with out.open("ab") as file:
        file.write((json.dumps(a2) + "\n").encode())
    store.close("finished")
    assert store.finish() == 1
    assert [json.loads(line)["body"] for line in out.read_text().splitlines()] == ["A two.", "Body text."]


def test_a_stopped_refresh_run_is_compacted_by_the_next_run(tmp_path):
    out = tmp_path / "out.jsonl"
    write_lines(out, record("a", body="A one."), record("b"), record("a", body="A two."))
    write_status(out, "stopped")
    store = FileStateStore.from_crawler(FakeCrawler(AACRAWLER_OUTPUT=str(out)))
    assert store.mode == RESUME
    store.open()
    assert [json.loads(line)["body"] for line in out.read_text().splitlines()] == ["A two.", "Body text."]
    store.close("finished")


def test_an_overwriting_feed_starts_over(tmp_path):
    out = tmp_path / "out.jsonl"
    write_lines(out, record("a"))
    write_lines(out.with_name(out.name + ".pages.jsonl"), {"url": record("a")["url"], "key": "url:x"})
    write_status(out, "finished")
    store = FileStateStore.from_crawler(FakeCrawler(FEEDS={str(out): {"format": "jsonlines", "overwrite": True}}))
    assert store.mode == FRESH and not store.is_exported(record("a")["url"])
    store.open()
    assert read_pages_or_empty(out) == [], "the old pages journal went with the old output"
    store.close("finished")


def read_pages_or_empty(out):
    pages = out.with_name(out.name + ".pages.jsonl")
    return read_pages(out) if pages.exists() and pages.stat().st_size else []


# --- the --since/--until window -------------------------------------------------------

def test_no_window_holds_every_date():
    window = DateWindow()
    assert not window
    assert window.holds("1999-01-01") and window.holds("2030-12-31")


def test_window_bounds_are_inclusive():
    window = DateWindow("2015-01-01", "2015-12-31")
    assert window
    assert [window.holds(d) for d in ("2014-12-31", "2015-01-01", "2015-06-15", "2015-12-31", "2016-01-01")] == [
        False, True, True, True, False]
    assert window.is_before("2014-12-31") and not window.is_before("2015-01-01")
    assert window.is_after("2016-01-01") and not window.is_after("2015-12-31")


def test_one_sided_windows():
    since = DateWindow(since="2015-01-01")
    assert since.holds("2030-01-01") and not since.holds("2014-12-31") and not since.is_after("2030-01-01")
    until = DateWindow(until="2015-12-31")
    assert until.holds("1999-01-01") and not until.holds("2016-01-01") and not until.is_before("1999-01-01")


def test_window_from_settings():
    assert DateWindow.from_settings(Settings({"AACRAWLER_SINCE": "2015-01-01", "AACRAWLER_UNTIL": ""})) == \
        DateWindow("2015-01-01", None)
    assert not DateWindow.from_settings(Settings())

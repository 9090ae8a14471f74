"""Hostile and mistaken input, overlapping runs (issue 14): one clear line
for every mistake, nothing already written lost or written twice, nothing
injected into a request. Each test waits on an observable event (a state
file, a log line, a record count), never a fixed time."""

import gzip
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from aacrawler.testing import generate_mirror
from aacrawler.validation import record_problems

from .faults import serve_faults, url_path
from .servers import serve_mirror
from .helpers import ROOT, SAMPLE, aacrawler, read_jsonl, wait_for

ARTICLE = "https://eng-archive.aawsat.com/theaawsat/news-middle-east/iraqi-forces-push-into-ramadis-outskirts/"
ARTICLE_FILE = SAMPLE / "eng-archive.aawsat.com" / "theaawsat" / "news-middle-east" / "iraqi-forces-push-into-ramadis-outskirts" / "index.html"
OUTPUT_LOCKED = 75  # EX_TEMPFAIL: another crawl holds the output; try later


def beside(out, suffix):
    return out.with_name(out.name + suffix)


def state_of(out):
    try:
        return json.loads(beside(out, ".state.json").read_text("utf-8")).get("status")
    except (OSError, ValueError):
        return None


def start(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "aacrawler.cli", *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kwargs)


def scrapy_crawl(*args):
    """`scrapy crawl archive ARGS` from the project root."""
    return subprocess.run([str(Path(sys.executable).parent / "scrapy"), "crawl", "archive", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def refusal_line(result):
    """Under `scrapy crawl` (Scrapy logs its start on standard error): the
    one line of the refusal, and no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("aacrawler: ")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def one_line(result):
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr, result.stderr
    assert len(lines) == 1, result.stderr
    return lines[0]


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(Path(folder).iterdir()) if p.is_file()}


def keys_of(path):
    from aacrawler.keys import article_key
    return [article_key(r) for r in read_jsonl(path)]


@pytest.fixture(scope="module")
def mirror(tmp_path_factory):
    path = tmp_path_factory.mktemp("safety") / "mirror"
    generate_mirror(SAMPLE, path, 30)
    return path


@pytest.fixture(scope="module")
def sample_records(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample") / "articles.jsonl"
    assert aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out)).returncode == 0
    return out


# 1. Two crawls into one output ------------------------------------------

# Over HTTP from 127.0.0.1 (a replay answers before the download slots, so
# no delay would hold it back), one request at a time, a pause between.
SLOW = ["-s", "DOWNLOAD_DELAY=0.4", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "AUTOTHROTTLE_ENABLED=false",
        "-s", "ROBOTSTXT_OBEY=false"]


@pytest.fixture
def served(mirror):
    with serve_mirror(mirror) as (base, requested):
        yield ["--site", base]


def test_a_second_crawl_on_a_running_output_refuses_at_once(served, tmp_path):
    out = tmp_path / "articles.jsonl"
    first = start("crawl", *served, "-o", str(out), *SLOW)
    try:
        wait_for(lambda: state_of(out) == "running", 60, "the first crawl running")
        before = snapshot(tmp_path)
        second = aacrawler("crawl", *served, "-o", str(out), *SLOW, timeout=60)
        assert second.returncode == OUTPUT_LOCKED, second.stderr
        line = one_line(second)
        assert str(out) in line and "another aacrawler crawl" in line
        # Nor may `extract -o`, `merge -o` or `scrapy crawl` write there meanwhile.
        extract = aacrawler("extract", str(ARTICLE_FILE), "-o", str(out))
        assert extract.returncode == 2 and "another aacrawler crawl" in one_line(extract)
        scrapy = scrapy_crawl("-a", f"site={served[1]}", "-s", f"AACRAWLER_OUTPUT={out}")
        assert scrapy.returncode == OUTPUT_LOCKED, scrapy.stderr
        assert "another aacrawler crawl" in refusal_line(scrapy)
        # It touched nothing: the first crawl's files only grew.
        after = snapshot(tmp_path)
        assert all(after[name].startswith(data) for name, data in before.items() if name.endswith(".jsonl"))
        assert first.wait(timeout=120) == 0, first.stderr.read()
    finally:
        first.kill()
    keys = keys_of(out)
    assert len(keys) == len(set(keys)) == 30


def test_a_second_crawl_on_a_warc_being_written_refuses_at_once(served, tmp_path):
    warc = tmp_path / "shared.warc.gz"
    first = start("crawl", *served, "-o", str(tmp_path / "one.jsonl"), "--warc", str(warc), *SLOW)
    try:
        wait_for(lambda: state_of(tmp_path / "one.jsonl") == "running", 60, "the first crawl running")
        second = aacrawler("crawl", *served, "-o", str(tmp_path / "two.jsonl"), "--warc", str(warc), *SLOW, timeout=60)
        assert second.returncode == OUTPUT_LOCKED, second.stderr
        line = one_line(second)
        assert str(warc) in line and "another aacrawler crawl" in line
        assert not (tmp_path / "two.jsonl").exists()
        # `scrapy crawl` (and Scrapyd's jobs) the same way: the lock is taken
        # before the crawl opens anything.
        scrapy = scrapy_crawl("-a", f"site={served[1]}", "-s", f"AACRAWLER_OUTPUT={tmp_path / 'three.jsonl'}",
                              "-s", f"AACRAWLER_WARC={warc}")
        assert scrapy.returncode == OUTPUT_LOCKED, scrapy.stderr
        assert str(warc) in refusal_line(scrapy)
        assert not list(tmp_path.glob("three.jsonl*"))
        assert first.wait(timeout=120) == 0, first.stderr.read()
    finally:
        first.kill()
    assert len(keys_of(tmp_path / "one.jsonl")) == 30
    assert not (tmp_path / "shared.warc.gz.lock").exists()  # the lock goes with its crawl


def test_wait_for_lock_runs_once_the_first_crawl_is_done(served, tmp_path):
    out = tmp_path / "articles.jsonl"
    first = start("crawl", *served, "-o", str(out), *SLOW)
    try:
        wait_for(lambda: state_of(out) == "running", 60, "the first crawl running")
        second = start("crawl", *served, "-o", str(out), *SLOW, "--wait-for-lock", "120")
        line = second.stderr.readline()
        assert "waiting" in line and str(out) in line, line
        assert first.wait(timeout=120) == 0
        assert second.wait(timeout=120) == 0, second.stderr.read()
    finally:
        first.kill()
    keys = keys_of(out)
    assert len(keys) == len(set(keys)) == 30
    runs = read_jsonl(beside(out, ".runs.jsonl"))
    assert [r["mode"] for r in runs] == ["fresh", "incremental"] and runs[1]["articles_written"] == 0


def test_a_killed_crawl_leaves_no_lock_behind(mirror, served, tmp_path):
    out = tmp_path / "articles.jsonl"
    first = start("crawl", *served, "-o", str(out), *SLOW)
    wait_for(lambda: state_of(out) == "running" and out.exists() and out.stat().st_size > 0, 60, "records")
    first.kill()
    first.wait(timeout=30)
    result = aacrawler("crawl", "--replay", str(mirror), "-o", str(out), timeout=120)
    assert result.returncode == 0, result.stderr
    keys = keys_of(out)
    assert len(keys) == len(set(keys)) == 30


def test_wait_for_lock_needs_a_number(tmp_path):
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(tmp_path / "o.jsonl"), "--wait-for-lock", "soon")
    assert result.returncode == 2 and "--wait-for-lock" in result.stderr


# 2. A file aacrawler did not write --------------------------------------

def test_a_file_aacrawler_did_not_write_is_refused_untouched(tmp_path):
    notes = tmp_path / "n.txt"
    notes.write_bytes(b"notes\nlast")
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(notes))
    assert result.returncode == 2
    line = one_line(result)
    assert str(notes) in line and "not written by aacrawler" in line
    assert snapshot(tmp_path) == {"n.txt": b"notes\nlast"}
    scrapy = scrapy_crawl("-a", f"replay={SAMPLE}", "-s", f"AACRAWLER_OUTPUT={notes}")
    assert scrapy.returncode == 2
    assert "not written by aacrawler" in refusal_line(scrapy)
    assert snapshot(tmp_path) == {"n.txt": b"notes\nlast"}


def test_records_from_elsewhere_are_not_repaired_or_appended_to(tmp_path, sample_records):
    # Whole records, but no state of ours: extract's or merge's output, or a copy.
    copy = tmp_path / "copy.jsonl"
    copy.write_bytes(sample_records.read_bytes().rstrip(b"\n"))
    before = copy.read_bytes()
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(copy))
    assert result.returncode == 2 and "not written by aacrawler" in one_line(result)
    assert snapshot(tmp_path) == {"copy.jsonl": before}


def test_a_whole_last_record_without_its_newline_is_kept(tmp_path):
    out = tmp_path / "articles.jsonl"
    assert aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out)).returncode == 0
    data = out.read_bytes()
    out.write_bytes(data.rstrip(b"\n"))  # an editor that drops the final newline
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "cut off" not in result.stderr
    assert out.read_bytes() == data
    assert read_jsonl(beside(out, ".runs.jsonl"))[-1]["articles_written"] == 0


# 3. extract -o over good records when nothing could be extracted -----------

def test_extract_that_writes_nothing_keeps_the_existing_output(tmp_path, sample_records):
    out = tmp_path / "existing.jsonl"
    out.write_bytes(sample_records.read_bytes())
    bad = tmp_path / "bad.html"
    bad.write_text("garbage")
    result = aacrawler("extract", str(bad), str(tmp_path / "missing.html"), "-o", str(out))
    assert result.returncode == 1
    assert out.read_bytes() == sample_records.read_bytes()
    assert f"aacrawler: {out}: no record to write; left as it was" in result.stderr.splitlines()


def test_merge_that_writes_nothing_keeps_the_existing_output(tmp_path, sample_records):
    out = tmp_path / "all.jsonl"
    out.write_bytes(sample_records.read_bytes())
    shard = tmp_path / "shard.jsonl"
    shard.write_text("not a record\n")
    result = aacrawler("merge", str(shard), "-o", str(out))
    assert result.returncode == 1
    assert out.read_bytes() == sample_records.read_bytes()
    assert "no record to write; left as it was" in result.stderr


# 4. Values that reach a request header -----------------------------------

@pytest.mark.parametrize("args, named", [
    (["--contact", "me@x.org\r\nX-Evil: 1"], "--contact"),
    (["--contact", "me@x.org\nX-Evil: 1"], "--contact"),
    (["-s", "USER_AGENT=bot\r\nX-Evil: 1"], "USER_AGENT"),
    (["-s", "AACRAWLER_CONTACT=me\x1b[31m"], "AACRAWLER_CONTACT"),
    (["-s", 'DEFAULT_REQUEST_HEADERS={"X-A": "1\\r\\nX-Evil: 1"}'], "DEFAULT_REQUEST_HEADERS"),
    (["--start", "https://eng-archive.aawsat.com/category/opinion/\r\nX-Evil: 1"], "--start"),
], ids=["contact-crlf", "contact-lf", "user-agent", "contact-setting-escape", "default-headers", "start-url"])
def test_control_characters_never_reach_a_header(tmp_path, args, named):
    out = tmp_path / "out.jsonl"
    warc = tmp_path / "out.warc.gz"
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out), "--warc", str(warc), *args)
    assert result.returncode == 2
    line = one_line(result)
    assert named in line and "control character" in line
    assert list(tmp_path.iterdir()) == []


def test_the_scrapy_way_refuses_them_too(tmp_path):
    out = tmp_path / "out.jsonl"
    result = scrapy_crawl("-a", f"replay={SAMPLE}", "-s", f"AACRAWLER_OUTPUT={out}",
                          "-s", "AACRAWLER_CONTACT=me\r\nX-Evil: 1")
    assert result.returncode == 2
    line = refusal_line(result)
    assert "AACRAWLER_CONTACT" in line and "control character" in line
    assert not out.exists() or out.read_bytes() == b""


# 5. Log levels and numeric settings -------------------------------------

@pytest.mark.parametrize("args, named", [
    (["--log-level", "LOUD"], "--log-level"),
    (["-s", "LOG_LEVEL=LOUD"], "LOG_LEVEL"),
    (["-s", "DOWNLOAD_DELAY=abc"], "DOWNLOAD_DELAY"),
    (["-s", "CONCURRENT_REQUESTS=1.5"], "CONCURRENT_REQUESTS"),
    (["-s", "DOWNLOAD_MAXSIZE=big"], "DOWNLOAD_MAXSIZE"),
    (["-s", "ROBOTSTXT_OBEY=perhaps"], "ROBOTSTXT_OBEY"),
], ids=["log-level", "log-level-setting", "delay", "concurrency", "maxsize", "bool"])
def test_bad_levels_and_numbers_are_named_at_start(tmp_path, args, named):
    out = tmp_path / "out.jsonl"
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out), *args)
    assert result.returncode == 2
    assert named in one_line(result)
    assert not out.exists()


def test_good_levels_and_numbers_still_run(tmp_path):
    out = tmp_path / "out.jsonl"
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out), "--log-level", "error",
                       "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS=4", "-s", "ROBOTSTXT_OBEY=False")
    assert result.returncode == 0, result.stderr
    assert len(read_jsonl(out)) == 36


# 6. Starts the crawl can never reach, windows nothing fits ------------------

@pytest.mark.parametrize("args, message", [
    (["--start", "https://example.com/"], "not on the archive's host"),
    (["--since", "2016-01-01", "--until", "2015-01-01"], "empty window"),
], ids=["start-elsewhere", "empty-window"])
def test_impossible_crawls_are_refused_at_start(tmp_path, args, message):
    out = tmp_path / "out.jsonl"
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out), *args)
    assert result.returncode == 2
    assert message in one_line(result)
    assert list(tmp_path.iterdir()) == []


def test_a_start_on_the_site_copy_is_accepted(tmp_path):
    with serve_faults(SAMPLE, {}) as (base, requested):
        out = tmp_path / "out.jsonl"
        result = aacrawler("crawl", "--site", base, "--start", base + url_path(ARTICLE).lstrip("/"), "-o", str(out),
                           "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=false")
    assert result.returncode == 0, result.stderr
    assert [r["url"] for r in read_jsonl(out)] == [ARTICLE]


# 7. validate and merge check what a schema cannot -----------------------------

def _record(sample_records, index=0, **changes):
    record = read_jsonl(sample_records)[index]
    record.update(changes)
    return record


def test_the_schema_checks_dates_for_real(sample_records):
    assert record_problems(_record(sample_records)) == []
    assert any("published" in p for p in record_problems(_record(sample_records, published="2015-13-45")))
    assert any("fetched_at" in p for p in record_problems(_record(sample_records, fetched_at="2015-99-99T99:99:99Z")))
    schema = json.loads((ROOT / "aacrawler" / "schema" / "record.schema.json").read_text("utf-8"))
    assert schema["properties"]["published"]["format"] == "date"
    assert schema["properties"]["fetched_at"]["format"] == "date-time"


def test_validate_finds_impossible_records(tmp_path, sample_records):
    records = read_jsonl(sample_records)
    with_caption = next(i for i, r in enumerate(records) if r["captions"])
    dump = lambda r: json.dumps(r, ensure_ascii=False)  # noqa: E731
    body = records[4]["body"]
    lines = [
        dump(_record(sample_records, 1, published="2015-13-45")),
        dump(_record(sample_records, 2, fetched_at="2015-99-99T99:99:99Z")),
        dump(_record(sample_records, with_caption, caption="Something else")),
        dump(_record(sample_records, 3, word_count=records[3]["word_count"] + 5)),
        dump(_record(sample_records, 4, body="   " + body)),
        dump(records[5])[:-1] + ', "title": "Another title"}',
        "\ufeff" + dump(records[6]),
        "[1, 2]",
        '"a string"',
        dump(_record(sample_records, 7, title="Two  spaces")),
        dump(records[8]),
    ]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", "utf-8")
    result = aacrawler("validate", str(bad))
    assert result.returncode == 1
    problems = result.stderr.splitlines()

    def says(line, text):
        return any(p.startswith(f"{bad}:{line}: ") and text in p for p in problems)

    assert says(1, "published"), problems
    assert says(2, "fetched_at")
    assert says(3, "caption is not the first of captions")
    assert says(4, "word_count")
    assert says(5, "body") and says(5, "not cleaned")
    assert says(6, "duplicate key 'title'")
    assert says(7, "byte-order mark")
    assert says(8, "not a JSON object") and says(9, "not a JSON object")
    assert says(10, "title") and says(10, "not cleaned")
    assert not any(p.startswith(f"{bad}:11:") for p in problems)
    # Lines that are not one JSON object (8, 9) or not one without doubt
    # (6: which title? 7: a BOM) are not counted as records.
    assert result.stdout.startswith(f"{bad}: 7 records,")


def test_merge_validates_what_it_merges(tmp_path, sample_records):
    records = read_jsonl(sample_records)
    nan = dict(records[0], word_count=float("nan"))
    shard = tmp_path / "shard.jsonl"
    shard.write_text(json.dumps(nan) + "\n" + json.dumps(records[1], ensure_ascii=False) + "\n", "utf-8")
    out = tmp_path / "all.jsonl"
    result = aacrawler("merge", str(shard), "-o", str(out))
    assert result.returncode == 1
    assert any(line.startswith(f"aacrawler: {shard}:1:") and "NaN" in line for line in result.stderr.splitlines())
    assert b"NaN" not in out.read_bytes()
    assert read_jsonl(out) == [records[1]]
    assert aacrawler("validate", str(out)).returncode == 0


# 8. A stray NUL byte is not binary data --------------------------------

def test_a_stray_nul_byte_does_not_throw_a_page_away(tmp_path):
    page = ARTICLE_FILE.read_bytes()
    clean = aacrawler("extract", "--url", ARTICLE, str(ARTICLE_FILE))
    for offset in (100, 3000, len(page) - 100):
        nul = tmp_path / f"nul-{offset}.html"
        nul.write_bytes(page[:offset] + b"\x00" + page[offset:])
        result = aacrawler("extract", "--url", ARTICLE, str(nul))
        assert result.returncode == 0, result.stderr
        assert [{**json.loads(line), "fetched_at": None} for line in result.stdout.splitlines()] == \
            [{**json.loads(line), "fetched_at": None} for line in clean.stdout.splitlines()]


def test_a_stray_nul_byte_in_a_crawled_page(tmp_path):
    mirror = tmp_path / "mirror" / "eng-archive.aawsat.com" / url_path(ARTICLE).strip("/")
    mirror.mkdir(parents=True)
    page = ARTICLE_FILE.read_bytes()
    (mirror / "index.html").write_bytes(page[:100] + b"\x00" + page[100:])
    out = tmp_path / "out.jsonl"
    result = aacrawler("crawl", "--replay", str(tmp_path / "mirror"), "--start", ARTICLE, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert [r["url"] for r in read_jsonl(out)] == [ARTICLE]


def test_binary_data_is_still_refused(tmp_path):
    import random
    noise = tmp_path / "noise.html"
    noise.write_bytes(b"<html><p>" + random.Random(3).randbytes(20000))
    result = aacrawler("extract", str(noise))
    assert result.returncode == 1 and "binary data" in result.stderr


# 9. Gzipped pages, folders with nothing to extract -----------------------

def test_gzipped_pages_are_read(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "page.html.gz").write_bytes(gzip.compress(ARTICLE_FILE.read_bytes()))
    clean = aacrawler("extract", "--url", ARTICLE, str(ARTICLE_FILE))
    for target in (folder / "page.html.gz",):
        result = aacrawler("extract", "--url", ARTICLE, str(target))
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["body"] == json.loads(clean.stdout)["body"]
    result = aacrawler("extract", str(folder))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_a_folder_with_nothing_to_extract_is_said(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    others = tmp_path / "others"
    others.mkdir()
    (others / "notes.txt").write_text("notes")
    for folder in (empty, others):
        result = aacrawler("extract", str(folder))
        assert result.returncode == 1
        assert f"aacrawler: {folder}: no page to extract in this folder" in result.stderr


# 10. Replay applies the size limits a live crawl applies ------------------------

def test_replay_applies_download_maxsize(tmp_path):
    out = tmp_path / "out.jsonl"
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out), "-s", "DOWNLOAD_MAXSIZE=10")
    assert read_jsonl(out) == []
    summary = read_jsonl(beside(out, ".runs.jsonl"))[-1]
    assert summary["given_up_by_reason"].get("too large", 0) > 0
    assert "Traceback" not in result.stderr


def test_replay_warns_over_download_warnsize(tmp_path):
    out = tmp_path / "out.jsonl"
    result = aacrawler("crawl", "--replay", str(SAMPLE), "--start", ARTICLE, "-o", str(out),
                       "-s", "DOWNLOAD_WARNSIZE=1000", "--log-level", "WARNING")
    assert result.returncode == 0
    assert "larger than DOWNLOAD_WARNSIZE" in result.stderr or "warnsize" in result.stderr.lower()
    assert len(read_jsonl(out)) == 1


# 11. A second SIGINT still leaves the summary and the state -----------------------

def test_a_second_sigint_still_writes_the_summary_and_the_state(tmp_path):
    out = tmp_path / "out.jsonl"
    with serve_faults(SAMPLE, {url_path(ARTICLE): ("hang", 10)}) as (base, requested):
        crawl = start("crawl", "--site", base, "--start", ARTICLE, "-o", str(out), "-s", "DOWNLOAD_DELAY=0",
                      "-s", "ROBOTSTXT_OBEY=false", "--log-level", "INFO")
        try:
            wait_for(lambda: url_path(ARTICLE) in [p for p, _ in requested], 60, "the hung request")
            crawl.send_signal(signal.SIGINT)
            for line in crawl.stderr:  # bounded: the server hangs 10 s at most
                if "shutting down gracefully" in line:
                    break
            crawl.send_signal(signal.SIGINT)
            crawl.stderr.read()
            assert crawl.wait(timeout=60) == 1
        finally:
            crawl.kill()
    [summary] = read_jsonl(beside(out, ".runs.jsonl"))
    assert summary["status"] == "cut short" and summary["finished"] is False
    assert state_of(out) == "stopped"


# 12. What one page given to extract can cost ---------------------------------

def test_extract_refuses_a_page_over_download_maxsize(tmp_path):
    huge = tmp_path / "huge.html"
    with huge.open("wb") as file:
        file.write(ARTICLE_FILE.read_bytes().replace(b"</body>", b""))
        file.write(b"<p>" + b"word " * (17 * 1024 * 1024 // 5) + b"</p></body>")
    result = aacrawler("extract", str(huge))
    assert result.returncode == 1
    assert f"aacrawler: {huge}: too large" in result.stderr and "--max-size" in result.stderr


def test_extract_max_size_option(tmp_path):
    small = aacrawler("extract", "--max-size", "5000", "--url", ARTICLE, str(ARTICLE_FILE))
    assert small.returncode == 1 and "too large" in small.stderr
    lifted = aacrawler("extract", "--max-size", "0", "--url", ARTICLE, str(ARTICLE_FILE))
    assert lifted.returncode == 0 and len(lifted.stdout.splitlines()) == 1
    gz = tmp_path / "bomb.html.gz"
    gz.write_bytes(gzip.compress(b"<html><body><p>" + b"a" * 100_000 + b"</p></body></html>"))
    bomb = aacrawler("extract", "--max-size", "50000", str(gz))
    assert bomb.returncode == 1 and "too large" in bomb.stderr


def test_extract_bounds_warc_responses_too(tmp_path):
    out = tmp_path / "out.jsonl"
    warc = tmp_path / "crawl.warc.gz"
    assert aacrawler("crawl", "--replay", str(SAMPLE), "--start", ARTICLE, "-o", str(out), "--warc", str(warc)).returncode == 0
    assert len(aacrawler("extract", str(warc)).stdout.splitlines()) == 1
    result = aacrawler("extract", "--max-size", "5000", str(warc))
    assert result.returncode == 1 and result.stdout == ""
    assert f"aacrawler: {warc}: {ARTICLE}: too large" in result.stderr

"""What the tests share: paths, the commands they run (from the venv,
never from PATH), record loaders and comparisons, free ports, mirror
builders, and `wait_for`, the one way a test waits (on something it can
see, with a deadline; never a fixed sleep)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

from jsonschema import Draft202012Validator

from aacrawler.items import RECORD_FIELDS
from aacrawler.testing import generate_mirror
from aacrawler.validation import record_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample_site"
EXPECTED = ROOT / "tests" / "expected" / "sample_site.jsonl"
# The sample site's one deliberately missing article (a 404).
MISSING = "https://eng-archive.aawsat.com/theaawsat/news-middle-east/gaza-truce-holds-as-indirect-talks-resume-in-cairo/"
FIXTURES = ROOT / "tests" / "fixtures" / "pages"

# How often wait_for looks again: short, so a test goes on as soon as
# what it waits for is there; the deadline, not this, bounds the wait.
POLL_INTERVAL = 0.02


# --- commands ------------------------------------------------------------------

def venv_command(name: str) -> Path:
    """A program installed in the test's venv (warcio, scrapyd ...)."""
    return Path(sys.executable).parent / name


def run(*args, cwd=ROOT, timeout=120):
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def aacrawler(*args, **kwargs):
    return run(sys.executable, "-m", "aacrawler.cli", *args, **kwargs)


def start_aacrawler(*args, log: Path) -> subprocess.Popen:
    """`aacrawler ARGS` in the background, its standard error going to
    `log` (a pipe nobody reads could fill up and stall the crawl)."""
    with open(log, "ab") as stderr:
        return subprocess.Popen([sys.executable, "-m", "aacrawler.cli", *map(str, args)], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=stderr)


def finish(process: subprocess.Popen, log: Path, timeout: float = 180) -> str:
    """Wait for a background run; its standard error."""
    process.wait(timeout=timeout)
    return log.read_text("utf-8", "replace") if log.exists() else ""


# --- waiting -------------------------------------------------------------------

def wait_for(predicate: Callable[[], object], timeout: float, what: str, interval: float = POLL_INTERVAL):
    """Poll `predicate` every `interval` seconds until it gives a true
    value (returned), failing with `what` after `timeout` seconds. The
    predicate may raise AssertionError to fail at once (a process that
    died, say)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def line_count(path: Path) -> int:
    """Whole lines in a file (0 when it is not there yet)."""
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def wait_for_records(out: Path, count: int, timeout: float = 60, process: subprocess.Popen | None = None) -> int:
    """Until OUT holds at least `count` records; fails at once if
    `process` (the crawl writing OUT) ended first."""

    def reached():
        have = line_count(out)
        if have >= count:
            return have
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the crawl ended (status {process.returncode}) with {have} of {count} records in {out}")
        return 0

    return wait_for(reached, timeout, f"{count} records in {out}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- records -------------------------------------------------------------------

def read_jsonl(path):
    return [json.loads(line) for line in Path(path).read_text("utf-8").splitlines()]


def expected_records():
    return {r["url"]: r for r in read_jsonl(EXPECTED)}


def content(records):
    """Records without fetched_at, by URL (and no URL twice)."""
    by_url = {}
    for record in records:
        record = {k: v for k, v in record.items() if k != "fetched_at"}
        assert record["url"] not in by_url, f"{record['url']} exported twice"
        by_url[record["url"]] = record
    return by_url


def field_mismatches(got: dict, expected: dict, where: str = "") -> list[str]:
    """Every field of `expected` that `got` has otherwise, one line each."""
    prefix = f"{where}: " if where else ""
    return [f"{prefix}{key}: got {got.get(key, '<missing>')!r}, expected {value!r}"
            for key, value in expected.items() if got.get(key, object()) != value]


def assert_expected_records(path):
    records = read_jsonl(path)
    validator = Draft202012Validator(record_schema())
    for record in records:
        assert list(record) == list(RECORD_FIELDS)
        assert not list(validator.iter_errors(record))
    urls = [r["url"] for r in records]
    assert len(urls) == len(set(urls)), "one record per article"
    media_ids = [r["media_id"] for r in records if r["media_id"]]
    assert len(media_ids) == len(set(media_ids))
    got = {r["url"]: {k: v for k, v in r.items() if k != "fetched_at"} for r in records}
    expected = expected_records()
    assert sorted(got) == sorted(expected)
    wrong = [line for url, record in expected.items() for line in field_mismatches(got[url], record, url)]
    assert not wrong, "\n".join(wrong)
    return records


# --- fixture pages ---------------------------------------------------------------

def fixture_cases():
    return sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.json").exists())


def load_case(name):
    case = FIXTURES / name
    meta = json.loads((case / "meta.json").read_text("utf-8"))
    expected = json.loads((case / "expected.json").read_text("utf-8"))
    return case / "page.html", meta, expected


# --- mirrors -------------------------------------------------------------------

def generated_mirror(path: Path, articles: int) -> Path:
    """A mirror of `articles` generated articles (aacrawler.testing)."""
    generate_mirror(SAMPLE, path, articles)
    return path


def sample_copy(path: Path) -> Path:
    """A copy of the sample mirror a test may change."""
    shutil.copytree(SAMPLE, path)
    return path

"""`aacrawler crawl --db`: the records go to the database as the crawl
writes them to OUT; a crawl killed with SIGKILL and resumed leaves the
table equal to OUT, with nothing added twice (both backends)."""

import json
import signal
import subprocess
import sys

import pytest

from aacrawler.testing import generate_mirror

from .helpers import ROOT, SAMPLE, aacrawler, line_count, read_jsonl, wait_for
from .warehouse_support import as_record, table_rows

ARTICLES = 300


@pytest.fixture(scope="module")
def mirror(tmp_path_factory):
    path = tmp_path_factory.mktemp("generated") / "mirror"
    generate_mirror(SAMPLE, path, ARTICLES)
    return path


def table_as_records(db):
    return sorted((as_record(row) for row in table_rows(db)), key=lambda r: r["url"])


def out_records(out):
    return sorted(read_jsonl(out), key=lambda r: r["url"])


def test_crawl_db_writes_what_out_holds(db_url, tmp_path):
    out = tmp_path / "articles.jsonl"
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out), "--db", db_url, "-s", "AACRAWLER_DB_BATCH=5")
    assert result.returncode == 0, result.stderr
    records = out_records(out)
    assert len(records) == 36
    assert table_as_records(db_url) == records
    [summary] = read_jsonl(tmp_path / "articles.jsonl.runs.jsonl")
    assert summary["options"]["db"]


def test_sigkill_then_resume_leaves_the_table_equal_to_out(db_url, mirror, tmp_path):
    out = tmp_path / "articles.jsonl"
    batch = 20
    for kill_after in (45, 130):  # records in OUT when the kill lands
        process = subprocess.Popen([sys.executable, "-m", "aacrawler.cli", "crawl", "--replay", str(mirror), "-o", str(out),
                                    "--db", db_url, "-s", f"AACRAWLER_DB_BATCH={batch}", "-s", "AACRAWLER_DB_BATCH_SECONDS=600"],
                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(lambda: line_count(out) >= kill_after, 60, f"{kill_after} records in {out}")
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
        # The database holds no record that OUT lacks, each once; the last
        # batch, not committed, is in OUT only.
        whole_lines = out.read_bytes().split(b"\n")[:-1] if out.exists() else []  # a torn last line aside
        on_disk = {r["url"]: r for r in map(json.loads, whole_lines)}
        in_table = table_as_records(db_url)
        assert len({r["url"] for r in in_table}) == len(in_table)
        assert all(on_disk.get(r["url"]) == r for r in in_table)
        assert len(in_table) <= len(on_disk)
    resumed = aacrawler("crawl", "--replay", str(mirror), "-o", str(out), "--db", db_url, "-s", f"AACRAWLER_DB_BATCH={batch}")
    assert resumed.returncode == 0, resumed.stderr
    records = out_records(out)
    assert len(records) == ARTICLES
    assert table_as_records(db_url) == records

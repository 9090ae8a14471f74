"""Archival: the crawl recorded as WARC, replayed from it, re-extracted
from it; WARCs of other tools (wget) read too; damaged files handled."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from .helpers import SAMPLE, aacrawler, assert_expected_records, read_jsonl, run, venv_command
from .servers import serve_mirror

WGET = shutil.which("wget")  # a system program, not a Python one
WARCIO = venv_command("warcio")


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """The sample archive crawled (replayed) with --warc."""
    folder = tmp_path_factory.mktemp("warc")
    out, warc = folder / "crawl.jsonl", folder / "crawl.warc.gz"
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out), "--warc", str(warc))
    assert result.returncode == 0, result.stderr
    return folder, out, warc


def records_without_time(path):
    return sorted((({k: v for k, v in r.items() if k != "fetched_at"}) for r in read_jsonl(path)), key=lambda r: r["url"])


def test_warc_holds_every_response_with_its_request(recorded):
    folder, out, warc = recorded
    [summary] = read_jsonl(out.with_name(out.name + ".runs.jsonl"))
    with warc.open("rb") as file:
        records = list(ArchiveIterator(file))  # noqa: the headers suffice here
    kinds = [r.rec_type for r in records]
    assert kinds[0] == "warcinfo"
    assert kinds.count("response") == kinds.count("request") == summary["requests"]
    info = records[0]
    assert info.rec_headers.get_header("WARC-Filename") == "crawl.warc.gz"
    response = next(r for r in records if r.rec_type == "response")
    assert response.rec_headers.protocol == "WARC/1.1"
    for header in ("WARC-Target-URI", "WARC-Date", "WARC-Payload-Digest", "WARC-Block-Digest", "WARC-Record-ID"):
        assert response.rec_headers.get_header(header), header
    assert response.http_headers.protocol == "HTTP/1.1"


def test_warcio_check_and_index(recorded):
    _, out, warc = recorded
    check = run(WARCIO, "check", "-v", str(warc))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "digest pass" in check.stdout and "digest fail" not in check.stdout
    index = [json.loads(line) for line in run(WARCIO, "index", str(warc)).stdout.splitlines()]
    responses = [e["warc-target-uri"] for e in index if e["warc-type"] == "response"]
    assert len(responses) == len(set(responses)), "one response per fetched URL"
    [summary] = read_jsonl(out.with_name(out.name + ".runs.jsonl"))
    assert len(responses) == summary["requests"]


def test_replay_from_the_warc_gives_the_same_records(recorded, tmp_path):
    _, out, warc = recorded
    replayed = tmp_path / "replayed.jsonl"
    result = aacrawler("crawl", "--replay", str(warc), "-o", str(replayed))
    assert result.returncode == 0, result.stderr
    assert records_without_time(replayed) == records_without_time(out)
    assert_expected_records(replayed)


def test_reextraction_from_the_warc(recorded, tmp_path):
    _, out, warc = recorded
    extracted = tmp_path / "extracted.jsonl"
    assert aacrawler("extract", str(warc), "-o", str(extracted)).returncode == 0
    assert records_without_time(extracted) == records_without_time(out)
    # fetched_at is when the page was recorded: its WARC-Date.
    dates = {r["url"]: r["fetched_at"] for r in read_jsonl(extracted)}
    with warc.open("rb") as file:
        warc_dates = {r.rec_headers.get_header("WARC-Date")[:19] + "Z" for r in ArchiveIterator(file) if r.rec_type == "response"}
    assert set(dates.values()) <= warc_dates


@pytest.mark.skipif(WGET is None, reason="wget is not installed (.ci/run installs it)")
def test_a_wget_warc_is_replayed_and_extracted(tmp_path):
    warc_base = tmp_path / "wget"
    with serve_mirror(SAMPLE, rewrite_links=True) as (base, _):
        subprocess.run([WGET, "-q", "--mirror", "-e", "robots=off", f"--warc-file={warc_base}",
                        "-P", str(tmp_path / "files"), base], timeout=120, check=False)
    warc = Path(f"{warc_base}.warc.gz")
    assert warc.stat().st_size > 0
    extracted, replayed = tmp_path / "extracted.jsonl", tmp_path / "replayed.jsonl"
    # The server is gone: both read the WARC alone. --site says which
    # copy of the archive wget recorded.
    assert aacrawler("extract", "--site", base, str(warc), "-o", str(extracted)).returncode == 0
    result = aacrawler("crawl", "--replay", str(warc), "--site", base, "-o", str(replayed))
    assert result.returncode == 0, result.stderr
    assert_expected_records(extracted)
    assert_expected_records(replayed)


def cut_in_half(warc: Path, into: Path) -> Path:
    data = warc.read_bytes()
    into.write_bytes(data[: len(data) // 2])
    return into


def test_a_cut_off_warc_is_read_to_its_last_whole_record(recorded, tmp_path):
    _, _, warc = recorded
    cut = cut_in_half(warc, tmp_path / "cut.warc.gz")
    out = tmp_path / "cut.jsonl"
    result = aacrawler("extract", str(cut), "-o", str(out))
    assert result.returncode == 0
    warning, summary = result.stderr.strip().splitlines()  # one warning, then the counts
    assert "cut off after" in warning and summary.startswith("aacrawler: ")
    records = read_jsonl(out)
    assert 0 < len(records) < 36
    full = {r["url"]: r for r in records_without_time(recorded[1])}
    for record in records_without_time(out):  # every record read is whole and right
        assert full[record["url"]] == record
    replay = aacrawler("crawl", "--replay", str(cut), "-o", str(tmp_path / "replay.jsonl"), "--max-error-rate", "0.1")
    # Many pages are missing: the replay finishes, but past the error rate
    # a scheduler asked to hear of (exit 3).
    assert replay.returncode == 3 and "cut off after" in replay.stderr


def test_appending_to_a_torn_warc_repairs_it(recorded, tmp_path):
    _, _, warc = recorded
    torn = cut_in_half(warc, tmp_path / "torn.warc.gz")
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(tmp_path / "o.jsonl"), "--warc", str(torn),
                       "--start", "https://eng-archive.aawsat.com/tag/isis/")
    assert result.returncode == 0, result.stderr
    assert "cut-off record at the end removed" in result.stderr
    assert run(WARCIO, "check", str(torn)).returncode == 0
    with torn.open("rb") as file:
        assert [r.rec_type for r in ArchiveIterator(file)].count("warcinfo") == 2


def test_not_a_warc(tmp_path):
    fake = tmp_path / "fake.warc.gz"
    fake.write_text("this is not a WARC\n")
    out = tmp_path / "o.jsonl"
    result = aacrawler("crawl", "--replay", str(fake), "-o", str(out))
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [f"aacrawler: error: {fake}: not a WARC file (it does not start with a WARC/1.x record)"]
    result = aacrawler("extract", str(fake))
    assert result.returncode == 1 and result.stderr.startswith(f"aacrawler: {fake}: not a WARC file")
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out), "--warc", str(fake))
    assert result.returncode != 0 and "is not a WARC file; not appending to it" in result.stderr
    assert fake.read_text() == "this is not a WARC\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake.warc.gz"], "nothing else written"

"""How output files are written, module by module (no crawl):
output/lines.py (whole lines only, torn-line repair), output/atomic.py
(a file replaced only when complete) and output/sidecars.py (the files
beside OUT, INTERFACE.md)."""

import errno
import json
import os
from pathlib import Path

import pytest
from scrapy.settings import Settings

from aacrawler.output.atomic import AtomicFile, check_writable, write_json_atomically
from aacrawler.output.lines import WholeLineFile, append_line, json_line, repair_torn_line
from aacrawler.output.sidecars import Sidecars, output_path

CHUNK = 64 * 1024  # repair_torn_line reads back from the end this much at a time


# --- repair_torn_line -----------------------------------------------------------------

def repaired(path, data):
    path.write_bytes(data)
    removed = repair_torn_line(path)
    return removed, path.read_bytes()


def test_a_clean_file_is_left_alone(tmp_path):
    assert repaired(tmp_path / "f", b'{"a": 1}\n{"b": 2}\n') == (0, b'{"a": 1}\n{"b": 2}\n')


def test_missing_and_empty_files(tmp_path):
    assert repair_torn_line(tmp_path / "missing") == 0
    assert repaired(tmp_path / "empty", b"") == (0, b"")


def test_a_torn_last_line_is_cut(tmp_path):
    assert repaired(tmp_path / "f", b'{"a": 1}\n{"b": 2}\n{"c": ') == (6, b'{"a": 1}\n{"b": 2}\n')


def test_a_file_with_no_newline_at_all_is_emptied(tmp_path):
    assert repaired(tmp_path / "f", b'{"a": 1, "half') == (14, b"")


@pytest.mark.parametrize("torn_size", [
    CHUNK - 1,      # the last newline inside the first chunk read back
    CHUNK,          # ... exactly one chunk back
    CHUNK + 1,      # ... just past it
    3 * CHUNK + 7,  # several chunks back
])
def test_a_torn_line_longer_than_a_chunk(tmp_path, torn_size):
    whole = b'{"first": "' + b"x" * 100_000 + b'"}\n'
    torn = b'{"last": "' + b"y" * (torn_size - 10)
    assert len(torn) == torn_size
    assert repaired(tmp_path / "f", whole + torn) == (torn_size, whole)


def test_a_large_file_with_no_newline_is_emptied(tmp_path):
    assert repaired(tmp_path / "f", b"z" * (2 * CHUNK + 3)) == (2 * CHUNK + 3, b"")


# --- one line per write -------------------------------------------------------------

def test_json_line_is_utf8_as_itself_with_one_newline():
    assert json_line({"title": "Beirut’s “crisis”", "n": 1}) == '{"title": "Beirut’s “crisis”", "n": 1}\n'.encode()


def test_append_line_adds_whole_lines(tmp_path):
    path = tmp_path / "f.jsonl"
    append_line(path, {"a": "é"})
    append_line(path, {"b": 2})
    assert path.read_bytes() == '{"a": "é"}\n{"b": 2}\n'.encode()


class FailingFile:
    """A raw file whose write number `fail_at` writes part of its data
    and then fails, as on a full disk; `short` makes it return a short
    count instead of raising."""

    def __init__(self, file, fail_at, short=False):
        self.file, self.fail_at, self.short, self.calls = file, fail_at, short, 0

    def write(self, data):
        self.calls += 1
        if self.calls == self.fail_at:
            written = self.file.write(data[:5])
            if self.short:
                return written
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.file.write(data)

    def __getattr__(self, name):
        return getattr(self.file, name)


@pytest.mark.parametrize("short", [False, True], ids=["raises", "short write"])
def test_a_failing_write_is_cut_back_and_reported_once(tmp_path, short):
    path = tmp_path / "out.jsonl"
    failures, lost = [], []
    with path.open("wb", buffering=0) as raw:
        lines = WholeLineFile(FailingFile(raw, fail_at=2, short=short), path, failures.append, lambda: lost.append(1))
        for number in range(4):
            assert lines.write(json_line({"n": number})) == len(json_line({"n": number}))
    assert path.read_bytes() == b'{"n": 0}\n', "only whole lines: the half-written one was cut back"
    assert len(failures) == 1 and isinstance(failures[0], OSError)
    assert len(lost) == 3, "the failed line and the two after it"
    assert lines.failed


def test_whole_line_file_passes_everything_else_through(tmp_path):
    path = tmp_path / "out.jsonl"
    with path.open("wb", buffering=0) as raw:
        lines = WholeLineFile(raw, path, lambda error: None, lambda: None)
        lines.write(b"a\n")
        assert lines.tell() == 2 and lines.name == str(path)


# --- AtomicFile -------------------------------------------------------------------

def leftovers(folder: Path):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_commit_puts_the_new_version_in_place(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b"old\n")
    atomic = AtomicFile(path)
    file = atomic.open()
    file.write(b"new\n")
    file.flush()
    assert path.read_bytes() == b"old\n", "the old file stays whole until the commit"
    atomic.commit()
    assert path.read_bytes() == b"new\n" and leftovers(tmp_path) == []


def test_discard_leaves_the_old_file_whole(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b"old\n")
    atomic = AtomicFile(path)
    atomic.open().write(b"half of the new")
    atomic.discard()
    assert path.read_bytes() == b"old\n" and leftovers(tmp_path) == []


def test_as_a_context_manager(tmp_path):
    path = tmp_path / "sub" / "out.jsonl"  # its folder made as needed
    with AtomicFile(path) as file:
        file.write(b"one\n")
    assert path.read_bytes() == b"one\n"
    with pytest.raises(RuntimeError), AtomicFile(path) as file:
        file.write(b"two\n")
        raise RuntimeError("the run failed midway")
    assert path.read_bytes() == b"one\n" and leftovers(path.parent) == []


def test_a_new_file_gets_a_plain_files_permissions(tmp_path):
    mask = os.umask(0o022)
    try:
        write_json_atomically(tmp_path / "state.json", {"status": "running"})
    finally:
        os.umask(mask)
    assert (tmp_path / "state.json").stat().st_mode & 0o777 == 0o644
    assert json.loads((tmp_path / "state.json").read_text()) == {"status": "running"}


def test_check_writable_names_the_problem(tmp_path):
    check_writable(tmp_path / "new.jsonl")  # fine: it will be made
    with pytest.raises(OSError, match="is a folder"):
        check_writable(tmp_path)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        check_writable(fifo)


# --- sidecars -----------------------------------------------------------------------

def test_sidecars_are_named_beside_the_output():
    sidecars = Sidecars("data/articles.jsonl")
    assert sidecars.out == Path("data/articles.jsonl")
    assert (sidecars.state, sidecars.pages, sidecars.runs, sidecars.failed) == (
        Path("data/articles.jsonl.state.json"), Path("data/articles.jsonl.pages.jsonl"),
        Path("data/articles.jsonl.runs.jsonl"), Path("data/articles.jsonl.failed.jsonl"))
    assert Sidecars(Path("data/articles.jsonl")) == sidecars


@pytest.mark.parametrize("settings, path", [
    ({"AACRAWLER_OUTPUT": "/data/out.jsonl", "FEEDS": {"other.jsonl": {}}}, Path("/data/out.jsonl")),
    ({"FEEDS": {"file:///data/feed.jsonl": {"format": "jsonlines"}}}, Path("/data/feed.jsonl")),
    ({"FEEDS": {"feed.jsonl": {"format": "jsonlines"}}}, Path("feed.jsonl")),
    ({"FEEDS": {"s3://bucket/feed.jsonl": {}, "local.jsonl": {}}}, Path("local.jsonl")),
    ({"FEEDS": {"s3://bucket/feed.jsonl": {}}}, None),
    ({}, None),
])
def test_output_path(settings, path):
    assert output_path(Settings(settings)) == path

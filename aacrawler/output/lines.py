"""JSON Lines files that only ever hold whole lines: a line is written
in one unbuffered write, a failed write is cut back, and a line that a
killed run left without its newline is removed before anything else is
appended."""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
from pathlib import Path
from typing import Any, Callable

logger = logging.getLogger(__name__)


def repair_torn_line(path: Path) -> int:
    """Cut a last line that a killed run left without its newline;
    returns the bytes removed (0 when the file ends cleanly). A last line
    that is a whole JSON object (an editor dropped the final newline) is
    kept and given its newline. Only for a file of ours (output/ours.py)."""
    if not path.exists():
        return 0
    size = path.stat().st_size
    if size == 0:
        return 0
    with path.open("rb+") as file:
        file.seek(-1, os.SEEK_END)
        if file.read(1) == b"\n":
            return 0
        # Walk back to the last newline; everything after it is torn.
        position, chunk = size, 65536
        while position > 0:
            start = max(0, position - chunk)
            file.seek(start)
            block = file.read(position - start)
            newline = block.rfind(b"\n")
            if newline >= 0:
                cut = start + newline + 1
                break
            position = start
        else:
            cut = 0
        if _whole_object(file, cut, size):
            file.seek(0, os.SEEK_END)
            file.write(b"\n")
            return 0
        file.truncate(cut)
    return size - cut


def _whole_object(file, start: int, end: int, limit: int = 64 * 1024 * 1024) -> bool:
    if end - start > limit:
        return False
    file.seek(start)
    try:
        return isinstance(json.loads(file.read(end - start)), dict)
    except ValueError:  # a cut-off line never parses (UnicodeDecodeError too)
        return False


def json_line(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False) + "\n").encode("utf-8")


def append_line(path: Path, value: Any) -> None:
    """One write of one whole line: a reader never sees half of it."""
    with path.open("ab", buffering=0) as file:
        file.write(json_line(value))


class WholeLineFile:
    """An unbuffered file where each write is one whole line or nothing:
    a write that fails (disk full, file too large) is cut back to where it
    began and reported once through `on_failure`; later writes are
    ignored (counted through `on_lost`), so the file ends with whole lines
    only."""

    def __init__(self, file, path: Path, on_failure: Callable[[OSError], None], on_lost: Callable[[], None]):
        self.file = file
        self.path = path
        self.on_failure = on_failure
        self.on_lost = on_lost
        self.failed = False

    def write(self, data: bytes) -> int:
        if self.failed:
            self.on_lost()
            return len(data)
        start = self.file.tell()
        try:
            written = self.file.write(data)
            if written is not None and written < len(data):
                raise OSError(errno.ENOSPC, "the write was cut short (disk full?)")
        except OSError as error:
            self.failed = True
            with contextlib.suppress(OSError):
                self.file.truncate(start)
            self.on_lost()
            self.on_failure(error)
        return len(data)

    def __getattr__(self, name):
        return getattr(self.file, name)

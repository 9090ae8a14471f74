"""Records written by `extract` and `merge`: JSON Lines in RECORD.md's
key order, to standard output or to a file that is replaced only once
the new one is complete (a failed run leaves the old file as it was), and
only by a run that wrote at least one record: a run that found nothing
never empties a file of good records."""

from __future__ import annotations

import sys
from pathlib import Path

from ..exporters import RecordJsonLinesExporter
from .atomic import AtomicFile, check_writable
from .lock import acquire, release


class AtomicOutput:
    def __init__(self, path: str | None, command: str = "extract"):
        self.path = Path(path) if path else None
        self.command = command
        self.target: AtomicFile | None = None
        self.file = None
        self.written = 0

    def __enter__(self):
        return self if self.file is not None else self.open()

    def open(self) -> "AtomicOutput":
        """Check the path and start the temporary file (OSError if not)."""
        if self.path is None:
            self.file = sys.stdout.buffer
        else:
            check_writable(self.path)
            # Not while a crawl appends to it (OutputLocked if so).
            acquire(self.path, command=self.command)
            try:
                self.target = AtomicFile(self.path)
                self.file = self.target.open()
            except BaseException:
                release(self.path)
                raise
        self.exporter = RecordJsonLinesExporter(self.file)
        self.exporter.start_exporting()
        return self

    def write(self, record) -> None:
        """An ArticleRecord, or a record read back from JSON Lines."""
        self.exporter.export_item(record)
        self.written += 1
        if self.path is None:
            self.file.flush()

    def __exit__(self, exc_type, exc, tb):
        self.exporter.finish_exporting()
        if self.target is None:
            self.file.flush()
        else:
            try:
                self._close(exc_type)
            finally:
                release(self.path)
        return False

    def _close(self, exc_type) -> None:
        if exc_type is None and self.written == 0 and _has_content(self.path):
            self.target.discard()
            print(f"aacrawler: {self.path}: no record to write; left as it was", file=sys.stderr)
        elif exc_type is None:
            self.target.commit()
        else:
            self.target.discard()


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False

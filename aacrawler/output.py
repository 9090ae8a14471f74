"""Writing records: whole lines, and an output file replaced only once
the new one is complete (a failed run leaves the old file as it was)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .exporters import RecordJsonLinesExporter


def check_writable(path: Path) -> None:
    """Raise OSError with a plain reason when `path` cannot be written."""
    if path.is_dir():
        raise OSError(f"{path}: is a folder")
    if path.exists() and not path.is_file():
        # /dev/full, a FIFO...: the sidecar files need a real file's place.
        raise OSError(f"{path}: not a regular file")
    parent = path.parent if str(path.parent) else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not os.access(path, os.W_OK):
        raise OSError(f"{path}: not writable")
    if not os.access(parent, os.W_OK):
        raise OSError(f"{parent}: folder not writable")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class AtomicOutput:
    """JSON Lines to a file (via a temporary file renamed on success) or
    to standard output."""

    def __init__(self, path: str | None):
        self.path = Path(path) if path else None
        self.file = None
        self.temp_name = None

    def __enter__(self):
        return self if self.file is not None else self.open()

    def open(self) -> "AtomicOutput":
        """Check the path and start the temporary file (OSError if not)."""
        if self.path is None:
            self.file = sys.stdout.buffer
        else:
            check_writable(self.path)
            fd, self.temp_name = tempfile.mkstemp(
                prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent
            )
            os.chmod(self.temp_name, 0o666 & ~_umask())  # as open() would
            self.file = os.fdopen(fd, "wb")
        self.exporter = RecordJsonLinesExporter(self.file)
        self.exporter.start_exporting()
        return self

    def write(self, record) -> None:
        self.exporter.export_item(record)
        if self.path is None:
            self.file.flush()

    def write_dict(self, record: dict) -> None:
        """A record read back from JSON Lines, written in RECORD.md's order."""
        self.write(record)

    def __exit__(self, exc_type, exc, tb):
        self.exporter.finish_exporting()
        if self.path is None:
            self.file.flush()
            return False
        self.file.close()
        if exc_type is None:
            os.replace(self.temp_name, self.path)
        else:
            os.unlink(self.temp_name)
        return False

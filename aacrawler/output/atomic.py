"""A file replaced only once its new version is complete: written to a
temporary file beside it, flushed to disk, then renamed over it. A run
that fails or is killed leaves the old file exactly as it was."""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


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


def _temp_beside(path: Path) -> tuple[int, Path]:
    """A new temporary file in `path`'s folder, with the mode a plain
    open() would give it; (its descriptor, its path)."""
    parent = path.parent if str(path.parent) else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=parent)
    os.chmod(name, 0o666 & ~_umask())
    return fd, Path(name)


@contextmanager
def replaced_on_success(target: str | Path):
    """For a writer that takes a path (pyarrow, a CSV writer): a temporary
    path beside `target`, renamed onto it when the block ends without an
    error; an error leaves the old file as it was."""
    target = Path(target)
    fd, temp = _temp_beside(target)
    os.close(fd)
    try:
        yield temp
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


class AtomicFile:
    """`open()` gives a binary file to write the new version to;
    `commit()` puts it in place, `discard()` leaves the old one. Also a
    context manager: committed on success, discarded on an exception."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.temp: Path | None = None
        self.file = None

    def open(self, buffering: int = -1):
        fd, self.temp = _temp_beside(self.path)
        self.file = os.fdopen(fd, "wb", buffering=buffering)
        return self.file

    def commit(self) -> None:
        if not self.file.closed:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
        os.replace(self.temp, self.path)

    def discard(self) -> None:
        if not self.file.closed:
            self.file.close()
        self.temp.unlink(missing_ok=True)

    def __enter__(self):
        return self.open()

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.commit()
        else:
            self.discard()
        return False


def write_json_atomically(path: Path, value) -> None:
    with AtomicFile(path) as file:
        file.write((json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))

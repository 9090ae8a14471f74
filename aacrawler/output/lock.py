"""One writer per output: an exclusive lock on OUT.lock (Sidecars.lock),
held for the whole life of a crawl, taken before OUT or any file beside
it is read, repaired or written.

The lock is the operating system's (`fcntl.flock`), not a PID file: it
dies with its process, so a crawl killed with SIGKILL never blocks the
next one. The file is removed by the run that held it; a run that finds
the file gone or replaced under its lock (someone removed it meanwhile)
locks the new one instead, so two runs can never both hold "the" lock.

Within one process the lock is re-entrant: the command line takes it
before the crawl starts, and the crawl's own extension (for `scrapy
crawl`) takes it again without blocking itself.
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import time
from pathlib import Path
from typing import Callable

from ..clock import utc_now
from .sidecars import Sidecars

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.2


class OutputLocked(Exception):
    """Another process holds the output's lock; the message says which."""


class _Held:
    def __init__(self, path: Path, fd: int):
        self.path = path
        self.fd = fd
        self.count = 1


_held: dict[str, _Held] = {}


def _key(path: Path) -> str:
    return os.path.realpath(path)


def _holder(path: Path) -> str:
    """Who holds the lock, as its file says (for the message only)."""
    try:
        info = json.loads(path.read_text("utf-8"))
        return f"another aacrawler {info['command']} (pid {info['pid']}, since {info['since']})"
    except (OSError, ValueError, KeyError, TypeError):
        return "another aacrawler run"


def _try_lock(path: Path) -> int | None:
    """The locked file's descriptor, or None when another process holds it."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(fd)
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return None
            raise
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)  # the holder removed it as we opened it: lock the new one


def acquire(out: str | Path, wait: float = 0.0, on_wait: Callable[[str], None] | None = None,
            command: str = "crawl", hint: str = "") -> Path:
    """Lock OUT for this process (re-entrant). Waits up to `wait`
    seconds for another holder to finish; raises OutputLocked if it does
    not. `on_wait` hears once why we wait; `command` is what the lock
    file says holds it; `hint` how to wait, for the refusal's message."""
    path = Sidecars(out).lock
    key = _key(path)
    if key in _held:
        _held[key].count += 1
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + max(wait, 0.0)
    told = False
    while True:
        fd = _try_lock(path)
        if fd is not None:
            break
        if time.monotonic() >= deadline:
            raise OutputLocked(f"{out}: {_holder(path)} is writing it; not started"
                               + (f" ({hint} waits for it)" if hint and not wait else ""))
        if on_wait is not None and not told:
            on_wait(f"{out}: {_holder(path)} is writing it; waiting up to {wait:g} s")
            told = True
        time.sleep(POLL_SECONDS)
    os.ftruncate(fd, 0)
    os.write(fd, json.dumps({"command": command, "pid": os.getpid(), "since": utc_now()}).encode() + b"\n")
    _held[key] = _Held(path, fd)
    return path


def release(out: str | Path) -> None:
    path = Sidecars(out).lock
    held = _held.get(_key(path))
    if held is None:
        return
    held.count -= 1
    if held.count > 0:
        return
    del _held[_key(path)]
    # Removed while still locked: whoever opened it meanwhile sees it
    # gone (_try_lock) and starts again on a new file.
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    os.close(held.fd)


def holds(out: str | Path) -> bool:
    return _key(Sidecars(out).lock) in _held


class OutputLockExtension:
    """The crawl's hold on what it writes, for every way of running it
    (`aacrawler crawl`, `scrapy crawl`, Scrapyd): OUT and the `--warc`
    file (two crawls appending to one would interleave their records) are
    locked when the crawl is built, before the state store reads or
    repairs anything or the recorder opens the WARC, and kept until the
    process ends; OUT must be ours (output/ours.py); the state sidecar
    marks it as ours before the first record."""

    def __init__(self, out: Path | None):
        self.out = out
        self.started_at = utc_now()

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy import signals
        from scrapy.exceptions import NotConfigured
        from twisted.internet import reactor

        from ..runs.store import feed_overwrites
        from .ours import check_ours
        from .sidecars import output_path

        out = output_path(crawler.settings)
        warc = crawler.settings.get("AACRAWLER_WARC")
        written = [path for path in (out, Path(warc) if warc else None) if path is not None]
        if not written:
            raise NotConfigured
        for path in written:
            acquire(path, wait=crawler.settings.getfloat("AACRAWLER_WAIT_FOR_LOCK"),
                    on_wait=lambda message: logger.warning("%s", message), hint="-s AACRAWLER_WAIT_FOR_LOCK=SECONDS")
            # After everything else (the summary, the state, a compaction).
            reactor.addSystemEventTrigger("after", "shutdown", release, path)
        extension = cls(out)
        if out is not None:
            if not feed_overwrites(crawler.settings):  # `-O` replaces OUT whole, as asked
                check_ours(out)
            crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
            crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider):
        from .ours import claim

        claim(self.out, self.started_at)

    def spider_closed(self, spider, reason):
        from .ours import settle

        settle(self.out, reason == "finished", utc_now(), reason)

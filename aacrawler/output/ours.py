"""Is this output ours? The one answer every repair and append asks for.

A crawl appends to OUT and, after a kill, cuts a torn last line off it.
Both are right only for a file that aacrawler was writing: its state
sidecar (OUT.state.json, written before the first record) says so. A
file with content and no such state (someone's notes, a copy, the output
of `extract` or `merge`) is refused whole, never repaired or appended to.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .sidecars import Sidecars

STATUSES = frozenset({"running", "finished", "stopped"})


class NotOurs(Exception):
    """OUT holds data that no aacrawler crawl wrote; the message says so."""


def written_by_aacrawler(out: Path) -> bool:
    """OUT.state.json is a crawl state of ours."""
    try:
        state = json.loads(Sidecars(out).state.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(state, dict) and state.get("status") in STATUSES and "started_at" in state


def check_ours(out: str | Path) -> None:
    """Raise NotOurs unless OUT is missing, empty, or ours."""
    out = Path(out)
    try:
        size = out.stat().st_size
    except FileNotFoundError:
        return
    if size == 0 or written_by_aacrawler(out):
        return
    raise NotOurs(f"{out}: not written by aacrawler (no crawl state beside it, {Sidecars(out).state.name}); "
                  "left untouched: crawl to a new -o, or move the file away")


def claim(out: str | Path, started_at: str) -> None:
    """Mark OUT as being written by this run, before its first record,
    when no state store does (a distributed worker's shard)."""
    from .atomic import write_json_atomically

    if not written_by_aacrawler(Path(out)):
        write_json_atomically(Sidecars(out).state, {"status": "running", "started_at": started_at, "pid": os.getpid()})


def settle(out: str | Path, finished: bool, finished_at: str, reason: str) -> None:
    """A state this process left `running` says how the run ended (the
    file store writes its own; this covers any other)."""
    from .atomic import write_json_atomically

    path = Sidecars(out).state
    try:
        state = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return
    if isinstance(state, dict) and state.get("status") == "running" and state.get("pid") == os.getpid():
        state.pop("pid")
        state.update(status="finished" if finished else "stopped", finished_at=finished_at, finish_reason=reason)
        write_json_atomically(path, state)

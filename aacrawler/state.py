"""What a crawl knows of the runs before it, kept beside its output.

    OUT               the records, one per article (append-only)
    OUT.pages.jsonl   for each record written: the URL its page was fetched
                      from, its article key (a page listed under one URL
                      may be canonical under another) and its body_source
                      ("rules" or "fallback": how its body was found)
    OUT.state.json    the last run's status: running, finished or stopped

A run decides from them how to crawl:

    fresh        no earlier records: walk everything
    resume       the last run did not finish (killed, stopped): walk every
                 listing page again, fetch no article already exported
    incremental  the last run finished: walk each listing only until its
                 entries are all known (plus a margin), fetch only new ones
    refresh      asked for: fetch everything, replace what changed

No Scrapy here; aacrawler.scheduling adapts it to the crawl.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from .keys import article_key, normalize_url

logger = logging.getLogger(__name__)

FRESH, RESUME, INCREMENTAL, REFRESH = "fresh", "resume", "incremental", "refresh"


def sidecar(out: Path, suffix: str) -> Path:
    """`OUT.runs.jsonl`, `OUT.state.json` … beside OUT."""
    return out.with_name(out.name + suffix)


def content_hash(record: dict) -> str:
    """A record's content, `fetched_at` aside: what --refresh compares."""
    content = {k: v for k, v in record.items() if k != "fetched_at"}
    return hashlib.blake2b(json.dumps(content, sort_keys=True, ensure_ascii=False).encode(), digest_size=8).hexdigest()


def repair_torn_line(path: Path) -> int:
    """Cut a last line that a killed run left without its newline;
    returns the bytes removed (0 when the file ends cleanly)."""
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
        file.truncate(cut)
    return size - cut


def write_json_atomically(path: Path, value) -> None:
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps(value, ensure_ascii=False, indent=1) + "\n", "utf-8")
    os.replace(temp, path)


@dataclass
class CrawlState:
    out: Path
    mode: str = FRESH
    previous_status: str | None = None
    # article key → content hash of its record in OUT
    exported: dict[str, str] = field(default_factory=dict)
    # normalized URLs (fetched and canonical) of exported articles
    exported_urls: set[str] = field(default_factory=set)
    repaired_bytes: int = 0
    duplicate_lines: int = 0

    @classmethod
    def load(cls, out: Path, refresh: bool = False, overwrite: bool = False) -> "CrawlState":
        """Read OUT and its sidecars; repair a torn last line."""
        state = cls(out)
        status_file = sidecar(out, ".state.json")
        if status_file.exists():
            try:
                state.previous_status = json.loads(status_file.read_text("utf-8")).get("status")
            except (OSError, ValueError):
                state.previous_status = "unknown"
        if overwrite:
            state.mode = FRESH  # `scrapy crawl -O`: start over
            return state
        state.repaired_bytes = repair_torn_line(out)
        if state.repaired_bytes:
            logger.warning("%s: its last line was cut off by a killed run; removed %d bytes", out, state.repaired_bytes)
        state._read_records()
        state._read_pages()
        if refresh:
            state.mode = REFRESH
        elif not state.exported and state.previous_status is None:
            state.mode = FRESH
        elif state.previous_status == "finished":
            state.mode = INCREMENTAL
        else:
            state.mode = RESUME
        return state

    def _read_records(self) -> None:
        if not self.out.exists():
            return
        with self.out.open("rb") as file:
            for number, line in enumerate(file, start=1):
                try:
                    record = json.loads(line)
                    key = article_key(record)
                except (ValueError, KeyError, TypeError, AttributeError):
                    logger.warning("%s:%d: not a record; ignored", self.out, number)
                    continue
                if key in self.exported:
                    self.duplicate_lines += 1
                self.exported[key] = content_hash(record)
                self.exported_urls.add(normalize_url(record["url"]))

    def _read_pages(self) -> None:
        pages = sidecar(self.out, ".pages.jsonl")
        repair_torn_line(pages)
        if not pages.exists():
            return
        with pages.open("rb") as file:
            for line in file:
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                # Only pages whose record made it into OUT count as exported.
                if entry.get("key") in self.exported:
                    self.exported_urls.add(normalize_url(entry["url"]))

    def admit(self, key: str, record: dict) -> str:
        """"new", "changed" (--refresh), or why the record is not written."""
        exported = self.exported.get(key)
        if exported is None:
            return "new"
        if self.mode != REFRESH:
            return "exported by an earlier run"
        return "unchanged" if exported == content_hash(record) else "changed"

    def is_exported(self, url: str) -> bool:
        return self.mode != REFRESH and normalize_url(url) in self.exported_urls

    def mark_running(self, started_at: str) -> None:
        write_json_atomically(sidecar(self.out, ".state.json"), {"status": "running", "started_at": started_at, "mode": self.mode, "pid": os.getpid()})

    def mark_done(self, finished: bool, started_at: str, finished_at: str, reason: str) -> None:
        status = "finished" if finished else "stopped"
        write_json_atomically(
            sidecar(self.out, ".state.json"),
            {"status": status, "started_at": started_at, "finished_at": finished_at, "finish_reason": reason, "mode": self.mode},
        )


def compact(out: Path) -> int:
    """One record per article in OUT: a later version of an article (from
    --refresh) takes the place of the earlier one. Rewritten atomically,
    holding offsets, not records; returns how many older versions went."""
    if not out.exists():
        return 0
    last_offset: dict[str, int] = {}
    first_seen: list[str] = []
    lines = 0
    with out.open("rb") as file:
        offset = 0
        for line in file:
            lines += 1
            try:
                key = article_key(json.loads(line))
            except (ValueError, KeyError, TypeError, AttributeError):
                key = f"line:{offset}"  # kept as it is
            if key not in last_offset:
                first_seen.append(key)
            last_offset[key] = offset
            offset += len(line)
    dropped = lines - len(first_seen)
    if dropped <= 0:
        return 0
    temp = out.with_name(out.name + ".compact.tmp")
    with out.open("rb") as source, temp.open("wb") as target:
        for key in first_seen:
            source.seek(last_offset[key])
            line = source.readline()
            target.write(line if line.endswith(b"\n") else line + b"\n")
        target.flush()
        os.fsync(target.fileno())
    os.replace(temp, out)
    return dropped

"""What a crawl knows of the runs before it, read from its output and
the files beside it (aacrawler.output.sidecars):

    OUT               the records, one per article (append-only)
    OUT.pages.jsonl   for each record written: the URL its page was fetched
                      from, its article key (a page listed under one URL
                      may be canonical under another) and its body_source
                      ("rules" or "fallback": how its body was found)
    OUT.state.json    the last run's status: running, finished or stopped
    OUT.norecord.json article URLs that gave no record (a 404, a video post
                      with no text): incremental and resumed runs do not
                      fetch them again, until --retry-failed, --refresh, or
                      AACRAWLER_NO_RECORD_RETRY_RUNS runs have skipped them

A run decides from them how to crawl:

    fresh        no earlier records: walk everything
    resume       the last run did not finish (killed, stopped): walk every
                 listing page again, fetch no article already exported
    incremental  the last run finished: walk each listing only until its
                 entries are all known (plus a margin), fetch only new ones
    refresh      asked for: fetch everything, replace what changed

No Scrapy here: aacrawler.runs.store serves it to the crawl.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..keys import article_key, normalize_url
from ..output.atomic import AtomicFile, write_json_atomically
from ..output.lines import repair_torn_line
from ..output.ours import check_ours
from ..output.sidecars import Sidecars

logger = logging.getLogger(__name__)

FRESH, RESUME, INCREMENTAL, REFRESH = "fresh", "resume", "incremental", "refresh"


def content_hash(record: dict) -> str:
    """A record's content, `fetched_at` aside: what --refresh compares."""
    content = {k: v for k, v in record.items() if k != "fetched_at"}
    return hashlib.blake2b(json.dumps(content, sort_keys=True, ensure_ascii=False).encode(), digest_size=8).hexdigest()


@dataclass
class CrawlState:
    out: Path
    mode: str = FRESH
    previous_status: str | None = None
    previous_started_at: str | None = None  # of the last finished run
    # article key → content hash of its record in OUT
    exported: dict[str, str] = field(default_factory=dict)
    # normalized URLs (fetched and canonical) of exported articles
    exported_urls: set[str] = field(default_factory=set)
    repaired_bytes: int = 0
    duplicate_lines: int = 0
    # normalized URL → {"url", "reason", "skips"}: pages that gave no record
    no_record: dict[str, dict] = field(default_factory=dict)
    retry_no_record: bool = False  # --retry-failed: fetch them all again
    retry_after_runs: int = 10
    exported_now: set[str] = field(default_factory=set)  # article keys
    exported_urls_now: set[str] = field(default_factory=set)
    _skipped_now: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, out: Path, refresh: bool = False, overwrite: bool = False,
             retry_no_record: bool = False, retry_after_runs: int = 10) -> "CrawlState":
        """Read OUT and its sidecars; repair a torn last line (NotOurs
        when OUT is not a crawl's output and is to be appended to)."""
        state = cls(out, retry_no_record=retry_no_record, retry_after_runs=retry_after_runs)
        status_file = Sidecars(out).state
        if status_file.exists():
            try:
                previous = json.loads(status_file.read_text("utf-8"))
                state.previous_status = previous.get("status")
                if state.previous_status == "finished":
                    state.previous_started_at = previous.get("started_at")
            except (OSError, ValueError):
                state.previous_status = "unknown"
        if overwrite:
            state.mode = FRESH  # `scrapy crawl -O`: start over
            return state
        check_ours(out)
        state.repaired_bytes = repair_torn_line(out)
        if state.repaired_bytes:
            logger.warning("%s: its last line was cut off by a killed run; removed %d bytes", out, state.repaired_bytes)
        state._read_records()
        state._read_pages()
        state._read_no_record()
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
        pages = Sidecars(self.out).pages
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

    def _read_no_record(self) -> None:
        try:
            entries = json.loads(Sidecars(self.out).no_record.read_text("utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(entries, list):
            for entry in entries:
                if isinstance(entry, dict) and isinstance(entry.get("url"), str):
                    self.no_record[normalize_url(entry["url"])] = {
                        "url": entry["url"], "reason": str(entry.get("reason")), "skips": int(entry.get("skips") or 0)}

    def no_record_reason(self, url: str) -> str | None:
        """Why an earlier run got no record from this page, when this run
        should not fetch it again (incremental and resumed runs, until the
        page has been skipped `retry_after_runs` times)."""
        if self.mode not in (INCREMENTAL, RESUME) or self.retry_no_record:
            return None
        key = normalize_url(url)
        entry = self.no_record.get(key)
        if entry is None or entry["skips"] >= self.retry_after_runs:
            return None
        self._skipped_now.add(key)
        return entry["reason"]

    def mark_no_record(self, url: str, reason: str, only_if_remembered: bool = False) -> None:
        key = normalize_url(url)
        if not only_if_remembered or key in self.no_record:
            self.no_record[key] = {"url": url, "reason": reason, "skips": 0}

    def save_no_record(self) -> None:
        """At the end of a run: what gave no record, less what now did."""
        exported = self.exported_urls | self.exported_urls_now
        entries = []
        for key, entry in self.no_record.items():
            if key in exported:
                continue
            skips = entry["skips"] + 1 if key in self._skipped_now else entry["skips"]
            entries.append({**entry, "skips": skips})
        path = Sidecars(self.out).no_record
        if entries or path.exists():
            write_json_atomically(path, entries)

    def exported_total(self) -> int:
        """Articles in OUT: the earlier runs' and this run's."""
        return len(self.exported.keys() | self.exported_now)

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
        write_json_atomically(Sidecars(self.out).state, {"status": "running", "started_at": started_at, "mode": self.mode, "pid": os.getpid()})

    def mark_done(self, finished: bool, started_at: str, finished_at: str, reason: str) -> None:
        status = "finished" if finished else "stopped"
        write_json_atomically(
            Sidecars(self.out).state,
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
    with out.open("rb") as source, AtomicFile(out) as target:
        for key in first_seen:
            source.seek(last_offset[key])
            line = source.readline()
            target.write(line if line.endswith(b"\n") else line + b"\n")
    return dropped

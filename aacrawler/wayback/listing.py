"""The capture listing kept beside OUT, so that the CDX server is asked
once per site, not once per run (and never once per article):

    OUT.cdx.jsonl   the rows listed so far, one JSON array per line
                    (captures.FIELDS order); only rows the choice can use
    OUT.cdx.json    {"archive", "host", "resume_key", "complete", "pages",
                     "rows", "bytes", "started_at", "completed_at"}

After each CDX answer its rows are appended and flushed, then the state
file is replaced (atomically) with the next resume key and the length of
the rows file. A run killed anywhere resumes the listing from the last
key, after cutting the rows file back to that length (so no row is kept
twice). A complete listing is reused by every later run until
--refresh-captures (AACRAWLER_REFRESH_CAPTURES) lists it again. No Scrapy.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from ..clock import utc_now
from ..output.atomic import write_json_atomically
from ..output.sidecars import Sidecars
from .captures import Capture, CaptureMap

logger = logging.getLogger(__name__)


class CaptureListing:
    """The listing of one site in one archive, on disk (or in memory only
    when the crawl has no output file)."""

    def __init__(self, out: Path | None, archive: str, host: str, refresh: bool = False):
        self.archive, self.host = archive.rstrip("/"), host
        self.rows_path = Sidecars(out).cdx if out else None
        self.state_path = Sidecars(out).cdx_state if out else None
        self.state = self._fresh_state()
        if self.state_path is not None and not refresh:
            self._load_state()
        if refresh:
            logger.info("Listing the archive's captures again (--refresh-captures)")

    def _fresh_state(self) -> dict:
        return {"archive": self.archive, "host": self.host, "resume_key": None, "complete": False,
                "pages": 0, "rows": 0, "bytes": 0, "started_at": utc_now(), "completed_at": None}

    def _load_state(self) -> None:
        try:
            saved = json.loads(self.state_path.read_text("utf-8"))
        except (OSError, ValueError):
            return  # none yet, or unreadable: list from the start
        if saved.get("archive") != self.archive or saved.get("host") != self.host:
            logger.warning("%s lists another archive or site; listing again", self.state_path)
            return
        self.state = {**self._fresh_state(), **saved}

    @property
    def complete(self) -> bool:
        return bool(self.state["complete"])

    @property
    def resume_key(self) -> str | None:
        return self.state["resume_key"]

    def read_into(self, captures: CaptureMap) -> int:
        """Load the rows listed so far (cut back to what the state vouches
        for); returns how many."""
        if self.rows_path is None:
            return 0
        if self.state["pages"] == 0:
            self.rows_path.unlink(missing_ok=True)  # nothing vouched for
            return 0
        try:
            with self.rows_path.open("r+b") as file:
                file.truncate(self.state["bytes"])
        except FileNotFoundError:
            logger.warning("%s is missing; listing the captures again", self.rows_path)
            self.state = self._fresh_state()
            return 0
        count = 0
        with self.rows_path.open("rb") as file:
            for line in file:
                captures.add(Capture.from_row(json.loads(line)))
                count += 1
        return count

    def append(self, rows: list[list[str]], resume_key: str | None, captures: CaptureMap) -> None:
        """One CDX answer: its useful rows into the map and onto disk,
        then the state that says how far the listing got."""
        kept = []
        for row in rows:
            capture = Capture.from_row(row)
            before = captures.rows
            captures.add(capture)
            if captures.rows > before:
                kept.append(capture.row())
        state = self.state
        if self.rows_path is not None:
            with self.rows_path.open("ab") as file:
                file.seek(0, os.SEEK_END)
                for row in kept:
                    file.write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))
                file.flush()
                os.fsync(file.fileno())
                state["bytes"] = file.tell()
        state["pages"] += 1
        state["rows"] += len(kept)
        state["resume_key"] = resume_key
        if resume_key is None:
            state["complete"] = True
            state["completed_at"] = utc_now()
        if self.state_path is not None:
            write_json_atomically(self.state_path, state)


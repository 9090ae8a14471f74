"""Replay from a WARC (ours or another tool's): an index of its response
records by URL, built by one pass over the file; bodies are read on
demand, so memory holds offsets, not pages."""

from __future__ import annotations

import os
from pathlib import Path

from ..keys import normalize_url
from ..warc.reading import NotAWarc, SavedResponse, iter_records, read_response_at


class WarcArchive:
    def __init__(self, source: str | os.PathLike):
        self.path = Path(source)
        self.index: dict[str, int] = {}
        successful: set[str] = set()
        records = 0
        for offset, record in iter_records(self.path):
            records += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            # http/https and a trailing slash do not make another page.
            key = normalize_url(record.rec_headers.get_header("WARC-Target-URI") or "")
            ok = str(record.http_headers.get_statuscode()).startswith("2")
            # Several captures of one URL: the first successful one wins.
            if key not in self.index or (ok and key not in successful):
                self.index[key] = offset
                if ok:
                    successful.add(key)
        if records == 0:
            raise NotAWarc(f"{self.path}: not a WARC file (no records)")

    def retrieve(self, url: str) -> SavedResponse | None:
        offset = self.index.get(normalize_url(url))
        return None if offset is None else read_response_at(self.path, offset)

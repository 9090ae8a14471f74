"""Reading responses back from WARC files, through warcio: aacrawler's
own and other tools' (wget, Heritrix, Browsertrix ...).

No Scrapy here: the replay backend and the extract command use these.
"""

from __future__ import annotations

import io
import logging
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader


logger = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
# Headers that describe the transfer, not the page: once the body is
# decoded they would be false (warcio decodes chunking and gzip).
_TRANSFER_HEADERS = frozenset({"transfer-encoding", "content-encoding", "content-length"})


class NotAWarc(ValueError):
    """A file that is not a WARC at all."""


def looks_like_warc(path: Path) -> bool:
    """By name, or by content: a WARC starts with `WARC/` (gzip-compressed
    per record or not)."""
    if path.name.lower().endswith(WARC_SUFFIXES):
        return True
    try:
        with path.open("rb") as file:
            head = file.read(4)
    except OSError:
        return False
    return head == b"WARC" or head[:2] == b"\x1f\x8b" and path.suffix == ".gz"


def warc_date_to_iso(value: str | None) -> str | None:
    """`2026-11-25T10:00:00.123456Z` → `2026-11-25T10:00:00Z`."""
    if not value:
        return None
    return value[:19] + "Z" if len(value) >= 19 else value


@dataclass
class SavedResponse:
    """An HTTP response as a WARC holds it, body decoded."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    date: str | None = None

    @property
    def content_type(self) -> str:
        for name, value in self.headers:
            if name.lower() == "content-type":
                return value
        return ""


def iter_records(path: Path) -> Iterator[tuple[int, object]]:
    """(offset, record) for every whole record of the WARC, its payload
    already read (a cut-off record must not pass for a short page).

    A file cut off mid-record (a crawl killed while writing) is read up to
    its last whole record, with one warning; a file that is not a WARC
    raises NotAWarc.
    """
    if not starts_like_warc(path):
        raise NotAWarc(f"{path}: not a WARC file (it does not start with a WARC/1.x record)")
    count = 0
    cut_off = False
    with path.open("rb") as file:
        records = ArchiveIterator(file)
        try:
            for record in records:
                offset = records.offset  # get_record_offset() would read it through
                payload = record.raw_stream.read()
                if record.raw_stream.limit > 0:  # fewer bytes than Content-Length
                    cut_off = True
                    break
                record.raw_stream = LimitReader(io.BytesIO(payload), len(payload))
                yield offset, record
                count += 1
        except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error):
            cut_off = True
    if cut_off:
        logger.warning("%s: cut off after %d whole records; the rest is ignored", path, count)


def starts_like_warc(path: Path) -> bool:
    import gzip

    with path.open("rb") as file:
        head = file.read(64)
    if head[:2] == b"\x1f\x8b":
        try:
            with gzip.open(path, "rb") as unzipped:
                head = unzipped.read(8)
        except (OSError, EOFError):
            return False
    return head.startswith(b"WARC/")


def to_saved_response(record) -> SavedResponse | None:
    """A `response` record as a SavedResponse; None for other records."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    http = record.http_headers
    try:
        status = int(http.get_statuscode())
    except (TypeError, ValueError):
        return None
    headers = [(k, v) for k, v in http.headers if k.lower() not in _TRANSFER_HEADERS]
    body = record.content_stream().read()
    return SavedResponse(
        url=record.rec_headers.get_header("WARC-Target-URI") or "",
        status=status,
        headers=headers,
        body=body,
        date=warc_date_to_iso(record.rec_headers.get_header("WARC-Date")),
    )


def read_response_at(path: Path, offset: int) -> SavedResponse | None:
    with path.open("rb") as file:
        file.seek(offset)
        for record in ArchiveIterator(file):
            return to_saved_response(record)
    return None

"""WARC files, through warcio: writing what a crawl fetched, and reading
responses back from aacrawler's WARCs and other tools' (wget, Heritrix,
Browsertrix ...).

No Scrapy here: the recorder middleware, the replay backend and the
extract command all use these functions.
"""

from __future__ import annotations

import io
import json
import logging
import os
import zlib
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from . import __version__

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
    if not _starts_like_warc(path):
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


def _starts_like_warc(path: Path) -> bool:
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


class WarcRecorder:
    """Appends request/response records to a WARC/1.1 file, one gzip
    member per record, flushed after each exchange: a crawl killed while
    writing leaves at most one cut-off record at the end."""

    def __init__(self, path: Path, info: dict[str, object]):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        repaired = truncate_to_whole_records(path)
        if repaired:
            logger.warning("%s: cut-off record at the end removed (%d bytes)", path, repaired)
        self.file = path.open("ab")
        self.writer = WARCWriter(self.file, gzip=True, warc_version="WARC/1.1")
        fields = {
            "software": f"aacrawler/{__version__} (warcio, Scrapy)",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "aacrawler-options": json.dumps(info, ensure_ascii=False, sort_keys=True),
        }
        self.writer.write_record(self.writer.create_warcinfo_record(path.name, fields))
        self.file.flush()
        self.written = 0

    def write_exchange(
        self,
        url: str,
        *,
        method: str,
        request_headers: list[tuple[str, str]],
        request_body: bytes,
        protocol: str,
        status: int,
        response_headers: list[tuple[str, str]],
        body: bytes,
        ip_address: str | None = None,
    ) -> None:
        reason = _reason(status)
        http_response = StatusAndHeaders(
            f"{status} {reason}".strip(),
            [(k, v) for k, v in response_headers if k.lower() != "transfer-encoding"],
            protocol=protocol or "HTTP/1.1",
        )
        extra = {"WARC-IP-Address": ip_address} if ip_address else {}
        response = self.writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body),
            http_headers=http_response, warc_headers_dict=extra,
        )
        path = _request_target(url)
        http_request = StatusAndHeaders(f"{method} {path} {protocol or 'HTTP/1.1'}", request_headers, is_http_request=True)
        request = self.writer.create_warc_record(
            url, "request", payload=io.BytesIO(request_body), length=len(request_body),
            http_headers=http_request,
            warc_headers_dict={"WARC-Date": response.rec_headers.get_header("WARC-Date")},
        )
        # WARC 1.1: the request refers to its response, written first.
        request.rec_headers.add_header("WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID"))
        self.writer.write_record(response)
        self.writer.write_record(request)
        self.file.flush()
        self.written += 1

    def close(self) -> None:
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _request_target(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def truncate_to_whole_records(path: Path) -> int:
    """Cut a torn last record off an existing WARC; bytes removed."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    size = path.stat().st_size
    cut_at = None
    whole = 0
    try:
        with path.open("rb") as file:
            records = ArchiveIterator(file)
            for record in records:
                offset = records.offset
                record.raw_stream.read()
                if record.raw_stream.limit > 0:
                    cut_at = offset
                    break
                whole += 1
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error):
        cut_at = records.offset if whole else 0
    if whole == 0 and not _starts_like_warc(path):
        raise NotAWarc(f"{path}: exists and is not a WARC file; not appending to it")
    if cut_at is None or cut_at >= size:
        return 0
    with path.open("r+b") as file:
        file.truncate(cut_at)
    return size - cut_at


def check_appendable(path: Path) -> None:
    """Raise NotAWarc when `path` exists and holds something else than a
    WARC (it would be appended to)."""
    if path.is_file() and path.stat().st_size > 0 and not _starts_like_warc(path):
        raise NotAWarc(f"{path}: exists and is not a WARC file; not appending to it")

"""Writing what a crawl fetched as WARC/1.1, through warcio, and making
an existing WARC safe to append to. No Scrapy here: the recorder
middleware (warc/recorder.py) adapts it to the crawl."""

from __future__ import annotations

import io
import json
import logging
import os
import zlib
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .. import __version__
from .reading import NotAWarc, starts_like_warc

logger = logging.getLogger(__name__)


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
        warc_headers: dict[str, str] | None = None,
    ) -> None:
        reason = _reason(status)
        http_response = StatusAndHeaders(
            f"{status} {reason}".strip(),
            [(k, v) for k, v in response_headers if k.lower() != "transfer-encoding"],
            protocol=protocol or "HTTP/1.1",
        )
        extra = {"WARC-IP-Address": ip_address} if ip_address else {}
        extra.update(warc_headers or {})
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
    if whole == 0 and not starts_like_warc(path):
        raise NotAWarc(f"{path}: exists and is not a WARC file; not appending to it")
    if cut_at is None or cut_at >= size:
        return 0
    with path.open("r+b") as file:
        file.truncate(cut_at)
    return size - cut_at


def check_appendable(path: Path) -> None:
    """Raise NotAWarc when `path` exists and holds something else than a
    WARC (it would be appended to)."""
    if path.is_file() and path.stat().st_size > 0 and not starts_like_warc(path):
        raise NotAWarc(f"{path}: exists and is not a WARC file; not appending to it")

"""JSON Lines as RECORD.md wants it: keys in its order, UTF-8 written as
itself (no \\u escapes), one whole record per line."""

from __future__ import annotations

from scrapy.exporters import JsonLinesItemExporter

from .items import RECORD_FIELDS


class RecordJsonLinesExporter(JsonLinesItemExporter):
    def __init__(self, file, **kwargs):
        kwargs.setdefault("fields_to_export", list(RECORD_FIELDS))
        kwargs["ensure_ascii"] = False
        kwargs.setdefault("encoding", "utf-8")
        super().__init__(file, **kwargs)

"""`aacrawler extract [--url URL] [-o OUT.jsonl] PATH...` (INTERFACE.md).

Runs the crawl's pipelines over saved pages. A file that cannot be read
or parsed is named on standard error with the reason and skipped; the
others are still extracted, and the exit status is then 1.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..extensions import utc_now
from ..items import PageItem
from ..offline import OfflinePipelines
from ..output import AtomicOutput
from ..pipelines import NotAnArticleDrop
from ..replay.mirror import url_for_file
from . import UserError

HTML_SUFFIXES = (".html", ".htm")
_MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|title|meta|p|div|article|span|a|h[1-6]|table|br)\b", re.IGNORECASE)
_CONTROL = bytes(range(0, 32)).replace(b"\t", b"").replace(b"\n", b"").replace(b"\r", b"").replace(b"\x0c", b"")


class BadFile(Exception):
    """A file that cannot be extracted; the message is the reason."""


@dataclass
class ExtractResult:
    written: int = 0
    not_articles: int = 0
    dropped: int = 0
    bad_files: int = 0


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="HTML file or folder (every *.html/*.htm below it)")
    parser.add_argument("--url", help="the page's own URL (one file only)")
    parser.add_argument("-o", "--output", metavar="OUT.jsonl", help="write records here (default: standard output)")


def find_pages(paths: list[str]) -> list[tuple[Path, str | None]]:
    """(file, problem) pairs: every page to read, and paths that fail."""
    found: list[tuple[Path, str | None]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in HTML_SUFFIXES and p.is_file())
            found.extend((f, None) for f in files)
        elif path.exists():
            found.append((path, None))
        else:
            found.append((path, "no such file or folder"))
    return found


def read_page(path: Path) -> bytes:
    """The file's bytes, or BadFile saying why it is not an HTML page."""
    try:
        body = path.read_bytes()
    except IsADirectoryError:
        raise BadFile("is a folder") from None
    except OSError as error:
        raise BadFile(f"cannot be read ({error.strerror or error})") from None
    if not body.strip():
        raise BadFile("empty file")
    head = body[:8192]
    if b"\x00" in head or sum(head.count(c) for c in _CONTROL) > len(head) // 20:
        raise BadFile("binary data, not an HTML page")
    if not _MARKUP.search(head if len(body) <= 8192 else body[:65536]):
        raise BadFile("not HTML (no markup found)")
    return body


def page_url(path: Path, given: str | None) -> str:
    return given or url_for_file(path) or path.resolve().as_uri()


def run(args) -> int:
    if args.url and (len(args.paths) != 1 or Path(args.paths[0]).is_dir()):
        raise UserError("--url names the URL of one file; give exactly one file with it")
    pipelines = OfflinePipelines()
    result = ExtractResult()
    try:
        output = AtomicOutput(args.output).open()
    except OSError as error:
        raise UserError(f"cannot write the output: {error}") from None
    with output as out:
        for path, problem in find_pages(args.paths):
            if problem is None:
                try:
                    body = read_page(path)
                except BadFile as bad:
                    problem = str(bad)
            if problem is not None:
                result.bad_files += 1
                print(f"aacrawler: {path}: {problem}", file=sys.stderr)
                continue
            item = PageItem(url=page_url(path, args.url), body=body, fetched_at=utc_now(), from_file=True)
            try:
                record = pipelines.process(item)
            except ValueError as error:  # lxml refuses the document
                result.bad_files += 1
                print(f"aacrawler: {path}: cannot be parsed ({error})", file=sys.stderr)
                continue
            if record is None:
                if isinstance(pipelines.last_drop, NotAnArticleDrop):
                    result.not_articles += 1
                else:
                    result.dropped += 1
                    print(f"aacrawler: {path}: dropped, {pipelines.last_drop}", file=sys.stderr)
                continue
            out.write(record)
            result.written += 1
    return 1 if result.bad_files else 0

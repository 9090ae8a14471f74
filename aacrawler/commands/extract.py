"""`aacrawler extract [--url URL] [-o OUT.jsonl] PATH...` (INTERFACE.md).

Runs the crawl's pipelines over saved pages: HTML files, folders of them
(a mirror of the site), and WARC files (every HTML response they hold,
`fetched_at` from WARC-Date). A file that cannot be read or parsed is
named on standard error with the reason and skipped; the others are
still extracted, and the exit status is then 1.

Listing pages among the inputs play the part they play in a crawl: what
an entry says of an article (byline, date, category) fills what the
article page lacks, so re-extracting a saved crawl gives its records.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from ..clock import utc_now
from ..extensions import fallback_alarm
from ..extract.classify import page_kind
from ..extract.listing import listing_entries
from ..extract.page import looks_like_html
from ..extract.record import page_from_item
from ..items import ListingHints, PageItem
from ..keys import normalize_url
from ..offline import OfflinePipelines
from ..output import AtomicOutput
from ..pipelines import DuplicateArticleDrop, NotAnArticleDrop
from ..replay.mirror import url_for_file
from ..sites import Site, SiteError, check_http_url
from ..warc import NotAWarc, SavedResponse, iter_records, looks_like_warc, read_response_at, to_saved_response
from . import UserError

HTML_SUFFIXES = (".html", ".htm")
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13})
_CHARSET = re.compile(r"charset=([\w.:-]+)", re.IGNORECASE)


class BadFile(Exception):
    """A file that cannot be extracted; the message is the reason."""


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="HTML file, folder (every *.html/*.htm below it), or WARC file")
    parser.add_argument("--url", help="the page's own URL (one HTML file only)")
    parser.add_argument("-o", "--output", metavar="OUT.jsonl", help="write records here (default: standard output)")
    parser.add_argument("--site", metavar="URL", help="pages saved from this copy of the archive (e.g. a WARC of a local server): their URLs stand for the archive's")


def find_files(paths: list[str]) -> list[tuple[Path, str | None]]:
    """(file, problem) pairs: every file to read, and paths that fail."""
    found: list[tuple[Path, str | None]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and (p.suffix.lower() in HTML_SUFFIXES or p.name.lower().endswith((".warc", ".warc.gz")))
            )
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
    if not looks_like_html(body):
        raise BadFile("not HTML (no markup found)")
    return body


def page_url(path: Path, given: str | None) -> str:
    return given or url_for_file(path) or path.resolve().as_uri()


# How to load a page again: articles are read twice (once to be known,
# once to be extracted), and only their place is kept in between.
Loader = Callable[[], PageItem]


def file_pages(path: Path, url: str | None) -> Iterator[tuple[PageItem, Loader]]:
    def load() -> PageItem:
        return PageItem(url=page_url(path, url), body=read_page(path), fetched_at=utc_now(), from_file=True)

    yield load(), load


def warc_pages(path: Path, site: Site) -> Iterator[tuple[PageItem, Loader]]:
    """A WARC's successful HTML responses (re-read by offset later)."""
    for offset, record in iter_records(path):
        response = to_saved_response(record)
        if response is None or response.status != 200:
            continue
        if "html" not in response.content_type.lower() and not looks_like_html(response.body):
            continue
        yield _warc_item(response, site), lambda offset=offset: _warc_item(read_response_at(path, offset), site)


def _warc_item(response: SavedResponse, site: Site) -> PageItem:
    charset = _CHARSET.search(response.content_type)
    return PageItem(
        url=site.to_archive(response.url),
        body=response.body,
        encoding=charset.group(1) if charset else None,
        fetched_at=response.date or utc_now(),
        site=site.fetch_from,
    )


@dataclass
class ExtractResult:
    written: int = 0
    not_articles: int = 0
    duplicates: int = 0
    dropped: int = 0
    bad_files: int = 0


class Extraction:
    """Pages in, records out, problems named on standard error."""

    def __init__(self, out: AtomicOutput):
        self.out = out
        self.pipelines = OfflinePipelines()
        self.result = ExtractResult()
        self.hints: dict[str, ListingHints] = {}
        self.articles: list[tuple[Path, Loader]] = []

    def bad(self, path: Path, problem: str) -> None:
        self.result.bad_files += 1
        print(f"aacrawler: {path}: {problem}", file=sys.stderr)

    def survey(self, path: Path, item: PageItem, load: Loader) -> None:
        """Phase 1: know the page; keep a listing's hints, an article's loader."""
        try:
            page = page_from_item(item)
            kind = page_kind(page)
        except ValueError as error:  # lxml refuses the document
            self.bad(path, f"cannot be parsed ({error})")
            return
        if kind == "listing":
            for entry in listing_entries(page):
                key = normalize_url(entry.url)
                known = self.hints.get(key)
                # The first entry that says something of the article.
                if known is None or not (known.author or known.published or known.categories):
                    self.hints[key] = entry.hints
        elif kind == "article":
            self.articles.append((path, load))
        else:
            self.result.not_articles += 1

    def extract(self, path: Path, load: Loader) -> None:
        """Phase 2: the pipelines, with what the listings said."""
        try:
            item = load()
        except (BadFile, OSError) as error:  # changed since phase 1
            self.bad(path, str(error))
            return
        item.listing = self.hints.get(normalize_url(item.url))
        record = self.pipelines.process(item)
        if record is None:
            if isinstance(self.pipelines.last_drop, NotAnArticleDrop):
                self.result.not_articles += 1
            elif isinstance(self.pipelines.last_drop, DuplicateArticleDrop):
                self.result.duplicates += 1
            else:
                self.result.dropped += 1
                print(f"aacrawler: {path}: dropped, {self.pipelines.last_drop}", file=sys.stderr)
            return
        self.out.write(record)
        self.result.written += 1

    def add(self, path: Path, pages: Iterator[tuple[PageItem, Loader]]) -> None:
        try:
            for item, load in pages:
                self.survey(path, item, load)
        except BadFile as bad:
            self.bad(path, str(bad))
        except NotAWarc as error:
            self.bad(path, str(error).removeprefix(f"{path}: "))
        except OSError as error:
            self.bad(path, f"cannot be read ({error.strerror or error})")

    def finish(self) -> None:
        for path, load in self.articles:
            self.extract(path, load)


def run(args) -> int:
    if args.url and (len(args.paths) != 1 or Path(args.paths[0]).is_dir()):
        raise UserError("--url names the URL of one file; give exactly one file with it")
    try:
        site = Site(fetch_from=check_http_url(args.site, "--site") if args.site else None)
    except SiteError as error:
        raise UserError(str(error)) from None
    try:
        output = AtomicOutput(args.output).open()
    except OSError as error:
        raise UserError(f"cannot write the output: {error}") from None
    with output as out:
        extraction = Extraction(out)
        for path, problem in find_files(args.paths):
            if problem is not None:
                extraction.bad(path, problem)
            elif looks_like_warc(path):
                extraction.add(path, warc_pages(path, site))
            else:
                extraction.add(path, file_pages(path, args.url))
        extraction.finish()
    result = extraction.result
    stats = extraction.pipelines.stats.get_stats()
    print(f"aacrawler: {result.written} records; pages without an article {result.not_articles}, "
          f"duplicates {result.duplicates}, dropped {result.dropped}, unreadable files {result.bad_files}; "
          f"bodies by the fallback {stats.get('aacrawler/body_source/fallback', 0)}",
          file=sys.stderr)
    alarm = fallback_alarm(stats)
    if alarm:
        print(alarm, file=sys.stderr)
    return 1 if result.bad_files else 0

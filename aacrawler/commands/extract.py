"""`aacrawler extract [--url URL] [-o OUT.jsonl] PATH...` (INTERFACE.md).

Runs the crawl's pipelines over saved pages: HTML files, folders of them
(a mirror of the site), and WARC files (every HTML response they hold,
`fetched_at` from WARC-Date). A file that cannot be read or parsed is
named on standard error with the reason and skipped; the others are
still extracted, and the exit status is then 1. So is a page the
extractor fails on (an exception: a bug of ours, never a page's fault),
named with the exception.

Listing pages among the inputs play the part they play in a crawl: what
an entry says of an article (byline, date, category) fills what the
article page lacks, so re-extracting a saved crawl gives its records.
Every page is read and parsed once: an article's draft (what its page
says) waits on disk until every listing is known, then goes through the
rest of the pipelines; memory stays flat whatever the number of files.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import zlib
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Callable, Iterator

from w3lib.encoding import http_content_type_encoding

from ..clock import utc_now
from ..offline import project_settings
from ..runs.summary import fallback_alarm
from ..extract.classify import page_kind
from ..extract.listing import listing_entries
from ..extract.page import looks_binary, looks_like_html
from ..extract.record import page_from_item
from ..items import ArticleDraft, ListingHints, PageItem
from ..keys import normalize_url
from ..offline import OfflinePipelines
from ..output.records import AtomicOutput
from ..pipelines import DuplicateArticleDrop, NotAnArticleDrop
from ..replay.mirror import url_for_file
from ..sites import Site, SiteError, check_http_url
from ..warc.reading import NotAWarc, SavedResponse, iter_records, looks_like_warc, to_saved_response
from . import UserError, open_records_output

HTML_SUFFIXES = (".html", ".htm")
GZIPPED_HTML_SUFFIXES = (".html.gz", ".htm.gz")  # saved mirrors often hold them
WARC_NAMES = (".warc", ".warc.gz")


class BadFile(Exception):
    """A file that cannot be extracted; the message is the reason."""


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="HTML file (gzipped or not), folder (every *.html/*.htm/*.html.gz below it), or WARC file")
    parser.add_argument("--url", help="the page's own URL (one HTML file only)")
    parser.add_argument("-o", "--output", metavar="OUT.jsonl", help="write records here (default: standard output)")
    parser.add_argument("--site", metavar="URL", help="pages saved from this copy of the archive (e.g. a WARC of a local server): their URLs stand for the archive's")
    parser.add_argument("--max-size", metavar="BYTES", type=size_limit,
                        help="skip a page larger than this, decompressed (default: the crawl's DOWNLOAD_MAXSIZE, "
                             f"{project_settings().getint('DOWNLOAD_MAXSIZE'):,}); 0 for no limit")


def size_limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of bytes")
    return value


def find_files(paths: list[str]) -> list[tuple[Path, str | None]]:
    """(file, problem) pairs: every file to read, and paths that fail."""
    found: list[tuple[Path, str | None]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.name.lower().endswith(HTML_SUFFIXES + GZIPPED_HTML_SUFFIXES + WARC_NAMES)
            )
            found.extend((f, None) for f in files)
            if not files:
                found.append((path, "no page to extract in this folder (no .html, .htm, .html.gz or WARC file below it)"))
        elif path.exists():
            found.append((path, None))
        else:
            found.append((path, "no such file or folder"))
    return found


def is_gzipped_page(path: Path) -> bool:
    return path.name.lower().endswith(GZIPPED_HTML_SUFFIXES)


def _too_large(size: int, limit: int, at_least: bool = False) -> BadFile:
    return BadFile(f"too large ({'over ' if at_least else ''}{size:,} bytes; the limit is {limit:,}, "
                   "the crawl's DOWNLOAD_MAXSIZE; --max-size BYTES lifts it)")


def read_bytes(path: Path, limit: int) -> bytes:
    """The page's bytes, gunzipped if it is gzipped, never more than
    `limit` of them (0: no limit): what one page can cost is bounded."""
    with path.open("rb") as file:
        gzipped = file.read(2) == b"\x1f\x8b"
        file.seek(0)
        if not gzipped:
            size = path.stat().st_size
            if limit and size > limit:
                raise _too_large(size, limit)
            return file.read()
        try:
            with gzip.GzipFile(fileobj=file) as unzipped:
                body = unzipped.read(limit + 1) if limit else unzipped.read()
        except (EOFError, zlib.error, gzip.BadGzipFile) as error:
            raise BadFile(f"a gzip file that cannot be read ({error})") from None
    if limit and len(body) > limit:
        raise _too_large(limit, limit, at_least=True)
    return body


def read_page(path: Path, limit: int = 0) -> bytes:
    """The file's bytes, or BadFile saying why it is not an HTML page."""
    try:
        body = read_bytes(path, limit)
    except IsADirectoryError:
        raise BadFile("is a folder") from None
    except OSError as error:
        raise BadFile(f"cannot be read ({error.strerror or error})") from None
    if not body.strip():
        raise BadFile("empty file")
    if looks_binary(body):
        raise BadFile("binary data, not an HTML page")
    if not looks_like_html(body):
        raise BadFile("not HTML (no markup found)")
    return body


def page_url(path: Path, given: str | None) -> str:
    # …/slug/index.html.gz stands for the URL …/slug/index.html stands for.
    in_mirror = url_for_file(path.with_suffix("") if is_gzipped_page(path) else path)
    return given or in_mirror or path.resolve().as_uri()


def file_pages(path: Path, url: str | None, limit: int = 0) -> Iterator[PageItem]:
    yield PageItem(url=page_url(path, url), body=read_page(path, limit), fetched_at=utc_now())


def warc_pages(path: Path, site: Site, limit: int = 0,
               on_bad: Callable[[str], None] = lambda problem: None) -> Iterator[PageItem]:
    """A WARC's successful HTML responses; one over `limit` bytes is named
    through `on_bad` and skipped."""
    for _, record in iter_records(path):
        response = to_saved_response(record)
        if response is None or response.status != 200:
            continue
        if limit and len(response.body) > limit:
            on_bad(f"{response.url}: {_too_large(len(response.body), limit)}")
            continue
        if "html" not in response.content_type.lower() and not looks_like_html(response.body):
            continue
        yield _warc_item(response, site)


def _warc_item(response: SavedResponse, site: Site) -> PageItem:
    return PageItem(
        url=site.to_archive(response.url),
        body=response.body,
        encoding=http_content_type_encoding(response.content_type),
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
    failed_pages: int = 0


class DraftSpill:
    """Articles' drafts from phase 1, in order, in a temporary file (one
    JSON line each, with the page's URL and file): the listings that
    fill them may come later, and holding drafts in memory would grow
    with the number of files."""

    def __init__(self):
        self.file = tempfile.TemporaryFile()

    def add(self, path: Path, page_url: str, draft: ArticleDraft) -> None:
        line = {"path": str(path), "page_url": page_url, "draft": asdict(draft)}
        try:
            self.file.write(json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n")
        except OSError as error:  # the temporary folder is full: no run can go on
            raise UserError(f"cannot keep the articles' drafts in the temporary folder {tempfile.gettempdir()} "
                            f"({error.strerror or error}); TMPDIR=FOLDER names another") from None

    def __iter__(self) -> Iterator[tuple[Path, str, ArticleDraft]]:
        self.file.seek(0)
        for raw in self.file:
            line = json.loads(raw)
            fields = line["draft"]
            draft = ArticleDraft(**{**fields, "listing": ListingHints(**fields["listing"])})
            yield Path(line["path"]), line["page_url"], draft

    def close(self) -> None:
        self.file.close()


class Extraction:
    """Pages in, records out, problems named on standard error."""

    def __init__(self, out: AtomicOutput):
        self.out = out
        self.pipelines = OfflinePipelines()
        self.result = ExtractResult()
        self.hints: dict[str, ListingHints] = {}
        self.drafts = DraftSpill()

    def bad(self, path: Path, problem: str) -> None:
        self.result.bad_files += 1
        print(f"aacrawler: {path}: {problem}", file=sys.stderr)

    def failed(self, path: Path, url: str, error: Exception) -> None:
        """A page the extractor itself failed on (an exception no page
        should cause): named, counted, and the run goes on."""
        self.result.failed_pages += 1
        where = path if url.startswith("file:") else f"{path}: {url}"
        print(f"aacrawler: {where}: extraction failed ({type(error).__name__}: {error}); "
              "an aacrawler bug: please report it with the page", file=sys.stderr)

    def survey(self, path: Path, item: PageItem) -> None:
        """Phase 1: read the page once; keep a listing's hints, an
        article's draft."""
        try:
            page = page_from_item(item)
        except ValueError as error:  # lxml refuses the document
            self.bad(path, f"cannot be parsed ({error})")
            return
        try:
            kind = page_kind(page)
            entries = listing_entries(page) if kind == "listing" else []
            draft = self.pipelines.draft(item) if kind == "article" else None
        except Exception as error:
            self.failed(path, item.url, error)
            return
        for entry in entries:
            key = normalize_url(entry.url)
            known = self.hints.get(key)
            # The first entry that says something of the article.
            if known is None or not (known.author or known.published or known.categories):
                self.hints[key] = entry.hints
        if kind == "article":
            if draft is None:
                self.count_drop(path)
            else:
                self.drafts.add(path, item.url, draft)
        elif kind != "listing":
            self.result.not_articles += 1

    def extract(self, path: Path, page_url: str, draft: ArticleDraft) -> None:
        """Phase 2: the rest of the pipelines, with what the listings said."""
        hints = self.hints.get(normalize_url(page_url))
        if hints is not None:
            draft = replace(draft, listing=hints)
        try:
            record = self.pipelines.process(draft)
        except Exception as error:
            self.failed(path, page_url, error)
            return
        if record is None:
            self.count_drop(path)
            return
        self.out.write(record)
        self.result.written += 1

    def count_drop(self, path: Path) -> None:
        drop = self.pipelines.last_drop
        if isinstance(drop, NotAnArticleDrop):
            self.result.not_articles += 1
        elif isinstance(drop, DuplicateArticleDrop):
            self.result.duplicates += 1
        else:
            self.result.dropped += 1
            print(f"aacrawler: {path}: dropped, {drop}", file=sys.stderr)

    def add(self, path: Path, pages: Iterator[PageItem]) -> None:
        try:
            for item in pages:
                self.survey(path, item)
        except BadFile as bad:
            self.bad(path, str(bad))
        except NotAWarc as error:
            self.bad(path, str(error).removeprefix(f"{path}: "))
        except OSError as error:
            self.bad(path, f"cannot be read ({error.strerror or error})")

    def finish(self) -> None:
        try:
            for path, page_url, draft in self.drafts:
                self.extract(path, page_url, draft)
        finally:
            self.drafts.close()


def run(args) -> int:
    if args.url and (len(args.paths) != 1 or Path(args.paths[0]).is_dir()):
        raise UserError("--url names the URL of one file; give exactly one file with it")
    try:
        site = Site(fetch_from=check_http_url(args.site, "--site") if args.site else None)
    except SiteError as error:
        raise UserError(str(error)) from None
    limit = project_settings().getint("DOWNLOAD_MAXSIZE") if args.max_size is None else args.max_size
    output = open_records_output(args.output, "extract")
    with output as out:
        extraction = Extraction(out)
        for path, problem in find_files(args.paths):
            if problem is not None:
                extraction.bad(path, problem)
            elif not is_gzipped_page(path) and looks_like_warc(path):
                extraction.add(path, warc_pages(path, site, limit, lambda problem, path=path: extraction.bad(path, problem)))
            else:
                extraction.add(path, file_pages(path, args.url, limit))
        extraction.finish()
    result = extraction.result
    stats = extraction.pipelines.stats.get_stats()
    print(f"aacrawler: {result.written} records; pages without an article {result.not_articles}, "
          f"duplicates {result.duplicates}, dropped {result.dropped}, unreadable files {result.bad_files}, "
          f"pages the extractor failed on {result.failed_pages}; "
          f"bodies by the fallback {stats.get('aacrawler/body_source/fallback', 0)}",
          file=sys.stderr)
    alarm = fallback_alarm(stats)
    if alarm:
        print(alarm, file=sys.stderr)
    return 1 if result.bad_files or result.failed_pages else 0

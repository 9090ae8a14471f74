"""`aacrawler crawl [-o OUT.jsonl] [--replay SOURCE] [--start URL ...]`
(INTERFACE.md): the `archive` spider in a CrawlerProcess, with the
project's settings; `scrapy crawl archive` runs the very same crawl."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from ..offline import project_settings
from ..output.atomic import check_writable
from ..output.lock import OutputLocked, acquire, release
from ..output.ours import NotOurs, check_ours
from ..replay import ReplaySourceError, open_source
from ..distributed import RedisUnavailable, connect
from ..headers import HeaderValueError, check_header_settings, check_header_value
from ..setting_checks import SettingError, check_setting, log_level
from ..sites import Site, SiteError, check_http_url
from ..output.sidecars import Sidecars
from ..discovery import SourcesError, parse_sources
from ..warc.reading import NotAWarc
from ..warc.writing import check_appendable
from ..warehouse.stores import StoreError, check_database, describe
from . import UserError, require_data_extra

DEFAULT_OUTPUT = "data/articles.jsonl"
DEFAULTS = project_settings()
# 0 finished; 1 cut short (signal, crash); 2 could not start; 3 finished,
# but gave up on more URLs than --max-error-rate allows; 4 finished, but
# incomplete: no article, coverage below --min-coverage, a field collapsed.
EXIT_STATUS = {"ok": 0, "cut short": 1, "too many errors": 3, "incomplete": 4}
# Could not start because another crawl is writing OUT: sysexits'
# EX_TEMPFAIL, "try again later", which a scheduler can tell from a mistake.
OUTPUT_LOCKED = 75


def add_arguments(parser) -> None:
    parser.add_argument("-o", "--output", default=DEFAULT_OUTPUT, metavar="OUT.jsonl",
                        help=f"records go here (default: {DEFAULT_OUTPUT}); OUT.runs.jsonl and OUT.failed.jsonl beside it")
    parser.add_argument("--replay", metavar="SOURCE", help="answer requests from this mirror folder or WARC file instead of the network")
    parser.add_argument("--warc", metavar="PATH.warc.gz", help="record every response in this WARC file (appended to)")
    parser.add_argument("--start", nargs="+", action="extend", metavar="URL", help="start here instead of the home page (category or tag archives, articles)")
    parser.add_argument("--retry-failed", action="store_true",
                        help="crawl again just the URLs the last run gave up (OUT.failed.jsonl)")
    parser.add_argument("--site", metavar="URL", help="fetch from this copy of the archive (e.g. http://127.0.0.1:8000/)")
    parser.add_argument("--refresh", action="store_true", help="fetch everything again and replace the records whose content changed")
    parser.add_argument("--since", metavar="YYYY-MM-DD", type=iso_date, help="only articles published on or after this day")
    parser.add_argument("--until", metavar="YYYY-MM-DD", type=iso_date, help="only articles published on or before this day")
    parser.add_argument("--max-error-rate", metavar="RATE", type=rate,
                        help=f"exit 3 when more than this share of URLs is given up (default {DEFAULTS['AACRAWLER_MAX_ERROR_RATE']})")
    parser.add_argument("--discover", metavar="SOURCES", type=sources,
                        help="where article URLs are found: any of home,listings,sitemaps,feeds,api, or all "
                             "(default: all; with --start: the start pages alone)")
    parser.add_argument("--min-coverage", metavar="SHARE", type=rate,
                        help=f"exit 4 when fewer than this share of the articles the site states are exported (default {DEFAULTS['AACRAWLER_MIN_COVERAGE']})")
    parser.add_argument("--redis", metavar="URL", help="share the crawl with other workers through this Redis (redis://HOST:PORT/DB)")
    parser.add_argument("--redis-crawl", metavar="NAME", help=f"the shared crawl's name, its keys' prefix (default: {DEFAULTS['AACRAWLER_REDIS_CRAWL']})")
    parser.add_argument("--redis-idle", metavar="SECONDS", type=float, help=f"stop once the shared queue has been empty this long (default {DEFAULTS['AACRAWLER_REDIS_IDLE_TIMEOUT']:g})")
    parser.add_argument("--db", metavar="URL", help="also write each record to this database (a DuckDB file or postgresql://…), in batches")
    parser.add_argument("--source", choices=("live", "wayback"), default="live",
                        help="where pages come from: the site (default) or the Wayback Machine's captures of it")
    parser.add_argument("--archive-url", metavar="URL",
                        help=f"the Wayback Machine to read (default: {DEFAULTS['AACRAWLER_ARCHIVE_URL']})")
    parser.add_argument("--captured-from", metavar="YYYY-MM-DD", type=iso_date, help="--source wayback: only captures taken on or after this day")
    parser.add_argument("--captured-until", metavar="YYYY-MM-DD", type=iso_date, help="--source wayback: only captures taken on or before this day")
    parser.add_argument("--refresh-captures", action="store_true",
                        help="--source wayback: list the archive's captures again instead of reusing OUT.cdx.jsonl")
    parser.add_argument("--contact", metavar="EMAIL_OR_URL", help="added to the User-Agent so the site can reach you")
    parser.add_argument("-s", "--set", dest="settings", action="append", default=[], metavar="NAME=VALUE",
                        help="any Scrapy setting (repeatable)")
    parser.add_argument("--wait-for-lock", metavar="SECONDS", type=seconds, default=0.0,
                        help="when another crawl is writing OUT, wait this long for it to end (default: refuse at once)")
    parser.add_argument("--log-level", default="WARNING", help="Scrapy log level on standard error (default: WARNING)")


def iso_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD") from None


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds")
    return value


def rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a share between 0 and 1")
    return value


def sources(text: str) -> str:
    try:
        return ",".join(parse_sources(text)) or "none"
    except SourcesError as error:
        raise argparse.ArgumentTypeError(str(error).removeprefix(f"--discover {text}: ")) from None


def failed_urls(out: Path) -> list[str]:
    """The URLs the last run gave up (OUT.failed.jsonl), and the article
    pages earlier runs remember as giving no record (OUT.norecord.json)."""
    failed, remembered = Sidecars(out).failed, Sidecars(out).no_record
    urls: list[str] = []
    try:
        with failed.open("rb") as file:
            for line in file:
                try:
                    urls.append(json.loads(line)["url"])
                except (ValueError, KeyError, TypeError):
                    continue  # a torn line from a killed run
    except FileNotFoundError:
        if not remembered.exists():
            raise UserError(f"--retry-failed: {failed} does not exist (no earlier run)") from None
    try:
        urls += [entry["url"] for entry in json.loads(remembered.read_text("utf-8"))]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    if not urls:
        raise UserError(f"--retry-failed: the last run gave up no URL ({failed} is empty)")
    return list(dict.fromkeys(urls))


def parse_setting(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise UserError(f"-s {text!r}: expected NAME=VALUE")
    return name.strip(), value


def check_source(args) -> None:
    """--source wayback and its options: one line for what does not fit."""
    wayback_only = [name for name, value in (("--archive-url", args.archive_url), ("--captured-from", args.captured_from),
                    ("--captured-until", args.captured_until), ("--refresh-captures", args.refresh_captures)) if value]
    if args.source != "wayback":
        if wayback_only:
            raise UserError(f"{wayback_only[0]} needs --source wayback")
        return
    for option, value in (("--replay", args.replay), ("--site", args.site), ("--redis", args.redis)):
        if value:
            raise UserError(f"{option} and --source wayback are two sources; give one")
    if args.archive_url:
        try:
            check_http_url(args.archive_url, "--archive-url")
        except SiteError as error:
            raise UserError(str(error)) from None
    if args.captured_from and args.captured_until and args.captured_from > args.captured_until:
        raise UserError(f"--captured-from {args.captured_from} is after --captured-until {args.captured_until}")


def build_settings(args):
    check_source(args)
    out = Path(args.output)
    try:
        check_writable(out)
        if args.warc:
            check_writable(Path(args.warc))
            check_appendable(Path(args.warc))
    except OSError as error:
        raise UserError(f"cannot write the output: {error}") from None
    except NotAWarc as error:
        raise UserError(str(error)) from None
    try:
        if args.replay:
            open_source(args.replay)
        for url in (args.start or []) + ([args.site] if args.site else []):
            check_http_url(url, "--site" if url == args.site else "--start")
        for url in args.start or []:
            Site(fetch_from=args.site).check_start(url)
        if args.redis:
            connect(args.redis)  # before any fetch: one line if it is not there
        if args.db:
            require_data_extra("crawl --db")
            check_database(args.db)  # before any fetch: one line if it cannot be written
    except (ReplaySourceError, SiteError, RedisUnavailable, StoreError) as error:
        raise UserError(str(error)) from None

    if args.since and args.until and args.since > args.until:
        raise UserError(f"--since {args.since} --until {args.until}: an empty window (--since is after --until)")
    try:
        if args.contact:
            check_header_value("--contact", args.contact)
        level = log_level(args.log_level)
        given = dict(parse_setting(s) for s in args.settings)
        for name, value in given.items():
            check_setting(name, value)
    except (SettingError, HeaderValueError) as error:
        raise UserError(str(error)) from None

    if args.retry_failed:
        args.start = failed_urls(out) + (args.start or [])

    settings = project_settings()
    options = {
        "output": str(out),
        "replay": args.replay,
        "start": args.start,
        "site": args.site,
        "warc": args.warc,
        "refresh": args.refresh,
        "retry_failed": args.retry_failed,
        "redis": args.redis,
        "db": describe(args.db) if args.db else None,
        "since": args.since,
        "source": args.source,
        "archive_url": args.archive_url,
        "captured_from": args.captured_from,
        "captured_until": args.captured_until,
        "refresh_captures": args.refresh_captures,
        "until": args.until,
        "discover": args.discover,
        "min_coverage": args.min_coverage,
        "settings": given,
    }
    settings.set("AACRAWLER_OUTPUT", str(out), priority="cmdline")
    settings.set("AACRAWLER_OPTIONS", options, priority="cmdline")
    settings.set("LOG_LEVEL", level, priority="cmdline")
    if args.replay:
        settings.set("AACRAWLER_REPLAY", args.replay, priority="cmdline")
    if args.site:
        settings.set("AACRAWLER_SITE", args.site, priority="cmdline")
    if args.warc:
        settings.set("AACRAWLER_WARC", args.warc, priority="cmdline")
    for name, value in (("AACRAWLER_REFRESH", args.refresh or None), ("AACRAWLER_SINCE", args.since),
                        ("AACRAWLER_UNTIL", args.until), ("AACRAWLER_MAX_ERROR_RATE", args.max_error_rate),
                        ("AACRAWLER_REDIS", args.redis), ("AACRAWLER_DB", args.db), ("AACRAWLER_REDIS_CRAWL", args.redis_crawl),
                        ("AACRAWLER_REDIS_IDLE_TIMEOUT", args.redis_idle),
                        ("AACRAWLER_DISCOVER", args.discover), ("AACRAWLER_MIN_COVERAGE", args.min_coverage),
                        ("AACRAWLER_RETRY_NO_RECORD", args.retry_failed or None), ("AACRAWLER_SOURCE", args.source),
                        ("AACRAWLER_ARCHIVE_URL", args.archive_url), ("AACRAWLER_CAPTURED_FROM", args.captured_from),
                        ("AACRAWLER_CAPTURED_UNTIL", args.captured_until),
                        ("AACRAWLER_REFRESH_CAPTURES", args.refresh_captures or None)):
        if value is not None:  # a rate of 0 is a value
            settings.set(name, value, priority="cmdline")
    if args.contact:
        settings.set("AACRAWLER_CONTACT", args.contact, priority="cmdline")
    for name, value in options["settings"].items():
        settings.set(name, log_level(value) if name == "LOG_LEVEL" else value, priority="cmdline")
    try:
        check_header_settings(settings)
    except HeaderValueError as error:
        raise UserError(str(error)) from None
    return settings


def run(args) -> int:
    settings = build_settings(args)
    out = Path(args.output)
    # Before anything reads or repairs OUT: one crawl per output, and one
    # crawl per WARC file (two appending to one would interleave records).
    written = [out] + ([Path(settings.get("AACRAWLER_WARC"))] if settings.get("AACRAWLER_WARC") else [])
    locked = []
    try:
        for path in written:
            acquire(path, wait=args.wait_for_lock, hint="--wait-for-lock SECONDS",
                    on_wait=lambda message: print(f"aacrawler: {message}", file=sys.stderr, flush=True))
            locked.append(path)
        check_ours(out)
        return crawl(settings, args)
    except OutputLocked as busy:
        print(f"aacrawler: {busy}", file=sys.stderr)
        return OUTPUT_LOCKED
    except NotOurs as error:
        raise UserError(str(error)) from None
    finally:
        for path in locked:
            release(path)


def crawl(settings, args) -> int:
    from scrapy.crawler import CrawlerProcess

    from ..spiders.archive import ArchiveSpider

    process = CrawlerProcess(settings)
    crawler = process.create_crawler(ArchiveSpider)
    failures = []
    deferred = process.crawl(crawler, start=args.start)
    deferred.addErrback(lambda failure: failures.append(failure))
    process.start()
    if failures:
        error = failures[0].value
        print(f"aacrawler: the crawl could not run: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    summary = crawler.stats.get_value("aacrawler/summary") or {}
    return EXIT_STATUS.get(summary.get("status"), 1)

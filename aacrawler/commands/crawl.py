"""`aacrawler crawl [-o OUT.jsonl] [--replay SOURCE] [--start URL ...]`
(INTERFACE.md): the `archive` spider in a CrawlerProcess, with the
project's settings; `scrapy crawl archive` runs the very same crawl."""

from __future__ import annotations

import sys
from pathlib import Path

from ..offline import project_settings
from ..output import check_writable
from ..replay import ReplaySourceError, open_source
from ..sites import SiteError, check_http_url
from ..warc import NotAWarc, check_appendable
from . import UserError

DEFAULT_OUTPUT = "data/articles.jsonl"


def add_arguments(parser) -> None:
    parser.add_argument("-o", "--output", default=DEFAULT_OUTPUT, metavar="OUT.jsonl",
                        help=f"records go here (default: {DEFAULT_OUTPUT}); OUT.runs.jsonl and OUT.failed.jsonl beside it")
    parser.add_argument("--replay", metavar="SOURCE", help="answer requests from this mirror folder or WARC file instead of the network")
    parser.add_argument("--warc", metavar="PATH.warc.gz", help="record every response in this WARC file (appended to)")
    parser.add_argument("--start", nargs="+", metavar="URL", help="start here instead of the home page (category or tag archives, articles)")
    parser.add_argument("--site", metavar="URL", help="fetch from this copy of the archive (e.g. http://127.0.0.1:8000/)")
    parser.add_argument("--contact", metavar="EMAIL_OR_URL", help="added to the User-Agent so the site can reach you")
    parser.add_argument("-s", "--set", dest="settings", action="append", default=[], metavar="NAME=VALUE",
                        help="any Scrapy setting (repeatable)")
    parser.add_argument("--log-level", default="WARNING", help="Scrapy log level on standard error (default: WARNING)")


def parse_setting(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise UserError(f"-s {text!r}: expected NAME=VALUE")
    return name.strip(), value


def build_settings(args):
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
    except (ReplaySourceError, SiteError) as error:
        raise UserError(str(error)) from None

    settings = project_settings()
    options = {
        "output": str(out),
        "replay": args.replay,
        "start": args.start,
        "site": args.site,
        "warc": args.warc,
        "settings": dict(parse_setting(s) for s in args.settings),
    }
    settings.set("AACRAWLER_OUTPUT", str(out), priority="cmdline")
    settings.set("AACRAWLER_OPTIONS", options, priority="cmdline")
    settings.set("FEEDS", {str(out): {"format": "jsonlines", "overwrite": True}}, priority="cmdline")
    settings.set("LOG_LEVEL", args.log_level.upper(), priority="cmdline")
    if args.replay:
        settings.set("AACRAWLER_REPLAY", args.replay, priority="cmdline")
    if args.site:
        settings.set("AACRAWLER_SITE", args.site, priority="cmdline")
    if args.warc:
        settings.set("AACRAWLER_WARC", args.warc, priority="cmdline")
    if args.contact:
        settings.set("AACRAWLER_CONTACT", args.contact, priority="cmdline")
    for name, value in options["settings"].items():
        settings.set(name, value, priority="cmdline")
    return settings


def run(args) -> int:
    from scrapy.crawler import CrawlerProcess

    from ..spiders.archive import ArchiveSpider

    settings = build_settings(args)
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
    reason = summary.get("finish_reason") or crawler.stats.get_value("finish_reason")
    return 0 if reason == "finished" else 1

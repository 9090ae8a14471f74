"""`aacrawler redis-clear --redis URL [--redis-crawl NAME]`: delete a
distributed crawl's keys, so the next scheduled crawl starts clean
(nothing claimed, nothing known as exported)."""

from __future__ import annotations

from ..distributed import RedisUnavailable, clear_crawl
from ..offline import project_settings
from . import UserError


def add_arguments(parser) -> None:
    parser.add_argument("--redis", required=True, metavar="URL")
    parser.add_argument("--redis-crawl", default=project_settings()["AACRAWLER_REDIS_CRAWL"], metavar="NAME")


def run(args) -> int:
    try:
        deleted = clear_crawl(args.redis, args.redis_crawl)
    except RedisUnavailable as error:
        raise UserError(str(error)) from None
    print(f"aacrawler: cleared crawl {args.redis_crawl!r} ({deleted} keys)")
    return 0

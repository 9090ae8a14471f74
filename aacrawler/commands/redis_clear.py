"""`aacrawler redis-clear --redis URL [--redis-crawl NAME]`: delete a
distributed crawl's keys, so the next scheduled crawl starts clean
(nothing claimed, nothing known as exported)."""

from __future__ import annotations

from ..distributed import DEFAULT_CRAWL, RedisUnavailable, clear_crawl
from . import UserError


def add_arguments(parser) -> None:
    parser.add_argument("--redis", required=True, metavar="URL")
    parser.add_argument("--redis-crawl", default=DEFAULT_CRAWL, metavar="NAME")


def run(args) -> int:
    try:
        deleted = clear_crawl(args.redis, args.redis_crawl)
    except RedisUnavailable as error:
        raise UserError(str(error)) from None
    print(f"aacrawler: cleared crawl {args.redis_crawl!r} ({deleted} keys)")
    return 0

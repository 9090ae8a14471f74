"""Extraction speed on real WordPress posts nobody here wrote: the
WordPress single posts among trafilatura's evaluation pages and the
WordPress pages of scrapinghub's article-extraction-benchmark, in size
buckets, with the same contenders and targets as bench/extract_bench.py
(lxml parsing, aacrawler with the record check, aacrawler's body alone,
trafilatura with metadata), one process, one core, rounds interleaved,
best of N.

    python bench/realworld_speed.py --trafilatura-eval PATH [--data PATH] [--rounds 3]

Neither data set is in this repository (see bench/realworld.py for the
checkouts and the commits measured). On these pages aacrawler's rules
hand some bodies to its generic fallback (trafilatura itself: fallback.py),
whose time is then aacrawler's: the table says how many per bucket.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from common import machine

import extract_bench
import realworld
from extract_bench import FETCHED_AT, print_speed, speed

from aacrawler.extract.record import NotAnArticle, extract_record
from aacrawler.items import PageItem

# Real posts are bigger than the archive's (a median of about 100 KB):
# their own buckets, by the size of the page's bytes.
BUCKETS = (("under 60 KB", 0, 60_000), ("60-200 KB", 60_000, 200_000), ("over 200 KB", 200_000, None))


def real_posts(trafilatura_eval: Path, data: Path | None) -> list[tuple[str, bytes]]:
    """(url, bytes) of every WordPress single post of the two sets."""
    pages = [(url, raw) for url, _, raw, single in realworld.trafilatura_eval_pages(trafilatura_eval, "realworld_speed")
             if single]
    if data is not None:
        pages += [(case.url, case.html.encode("utf-8")) for case in realworld.load_benchmark(data) if case.wordpress]
    return pages


def bucketed(pages: list[tuple[str, bytes]]) -> dict[str, list[tuple[str, bytes]]]:
    corpora = {}
    for name, low, high in BUCKETS:
        inside = [(url, body) for url, body in pages if len(body) >= low and (high is None or len(body) < high)]
        if inside:
            corpora[name] = inside
    return corpora


def fallback_count(pages: list[tuple[str, bytes]]) -> tuple[int, int]:
    """(articles, bodies from the fallback) as aacrawler extracts them."""
    articles = fallback = 0
    for url, body in pages:
        try:
            record = extract_record(PageItem(url=url, body=body, fetched_at=FETCHED_AT))
        except NotAnArticle:
            continue
        articles += 1
        fallback += getattr(record, "body_source", "rules") == "fallback"
    return articles, fallback


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trafilatura-eval", type=Path, required=True, metavar="PATH",
                        help="checkout of trafilatura (tests/eval, tests/cache, tests/evaldata.json)")
    parser.add_argument("--data", type=Path, metavar="PATH", help="checkout of article-extraction-benchmark")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if extract_bench.THEIRS not in extract_bench.CONTENDERS:
        raise SystemExit("realworld_speed: trafilatura is not installed (pip install trafilatura)")
    corpora = bucketed(real_posts(args.trafilatura_eval, args.data))
    total = sum(len(pages) for pages in corpora.values())
    print(f"# Extraction on {total} real WordPress single posts (trafilatura's evaluation pages"
          f"{' and article-extraction-benchmark' if args.data else ''}), by page size")
    print(f"# {machine()}; one process, one core; best of {args.rounds} interleaved rounds\n")
    print_speed(corpora, speed(corpora, args.rounds))
    print("\n| bucket | pages | articles (as the classifier says) | bodies from the fallback |")
    print("| --- | ---: | ---: | ---: |")
    for bucket, pages in corpora.items():
        articles, fallback = fallback_count(pages)
        print(f"| {bucket} | {len(pages)} | {articles} | {fallback} |")


if __name__ == "__main__":
    sys.exit(main())

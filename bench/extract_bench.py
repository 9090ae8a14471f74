"""Extraction alone, one process: aacrawler against lxml parsing (the
floor) and trafilatura with metadata (the generic extractor), on the same
generated ~60 KB article pages; then the fields each gets right on the
hand-checked fixture pages.

    python bench/extract_bench.py [--pages 1000]
"""

from __future__ import annotations

import argparse
import importlib.util
import difflib
import json
import time

import common
from common import ROOT, machine, mirror, summary_ms

from aacrawler.extract.record import NotAnArticle, extract_record
from aacrawler.items import PageItem

FIXTURES = ROOT / "tests" / "fixtures" / "pages"
FIELDS = ("title", "media_id", "dateline", "captions", "body", "author", "published", "categories", "tags", "image_url")


def load_pages(count: int) -> list[tuple[str, bytes]]:
    root = mirror(count) / "eng-archive.aawsat.com" / "generated"
    files = sorted(root.glob("*/index.html"))[:count]
    return [(f"https://eng-archive.aawsat.com/generated/{f.parent.name}/", f.read_bytes()) for f in files]


def lxml_parse(url: str, body: bytes):
    from lxml import html

    return html.document_fromstring(body)


def aacrawler_extract(url: str, body: bytes):
    try:
        return extract_record(PageItem(url=url, body=body, fetched_at="2026-01-01T00:00:00Z")).__dict__
    except NotAnArticle:
        return None


def trafilatura_extract(url: str, body: bytes):
    import trafilatura  # pip install trafilatura (not a dependency of aacrawler)

    document = trafilatura.bare_extraction(body, url=url, with_metadata=True)
    if document is None:
        return None
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    return {
        "title": data.get("title"), "author": data.get("author"), "published": data.get("date"),
        "body": data.get("text"), "categories": data.get("categories") or [], "tags": data.get("tags") or [],
        "image_url": data.get("image"), "media_id": None, "dateline": None, "captions": [],
    }


CONTENDERS = {
    "lxml parse only (floor)": lxml_parse,
    "aacrawler": aacrawler_extract,
    "trafilatura (with metadata)": trafilatura_extract,
}
if importlib.util.find_spec("trafilatura") is None:
    del CONTENDERS["trafilatura (with metadata)"]


def timed(function, pages) -> list[float]:
    seconds = []
    for url, body in pages:
        start = time.perf_counter()
        function(url, body)
        seconds.append(time.perf_counter() - start)
    return seconds


def speed(pages, rounds: int) -> dict[str, tuple[float, float, float]]:
    """Best of `rounds` for each contender, rounds interleaved, so that a
    busy moment of the machine does not land on one contender only."""
    best: dict[str, list[float]] = {}
    for name, function in CONTENDERS.items():
        timed(function, pages[:20])  # warm up imports and caches
    for _ in range(rounds):
        for name, function in CONTENDERS.items():
            if name.startswith("trafilatura") and name in best:
                continue  # 60x slower: one round says enough
            seconds = timed(function, pages)
            if name not in best or sum(seconds) < sum(best[name]):
                best[name] = seconds
    return {name: summary_ms(seconds) for name, seconds in best.items()}


def normal(value):
    if isinstance(value, str):
        return " ".join(value.split())
    return value


def correctness() -> dict[str, dict[str, int]]:
    """Per contender and field: how many fixture articles it gets exactly
    right (body: also within 95% similarity)."""
    cases = []
    for case in sorted(FIXTURES.iterdir()):
        expected = json.loads((case / "expected.json").read_text("utf-8"))
        if expected is not None:
            meta = json.loads((case / "meta.json").read_text("utf-8"))
            cases.append((meta["url"], (case / "page.html").read_bytes(), expected))
    table = {}
    for name, function in CONTENDERS.items():
        if name.startswith("lxml"):
            continue
        right = dict.fromkeys(FIELDS, 0)
        right["body ~95%"] = 0
        for url, body, expected in cases:
            got = function(url, body) or {}
            for field in FIELDS:
                if normal(got.get(field)) == normal(expected[field]):
                    right[field] += 1
            similar = difflib.SequenceMatcher(None, normal(got.get("body") or "").split(), normal(expected["body"]).split()).ratio()
            right["body ~95%"] += similar >= 0.95
        table[name] = right
    table["(articles)"] = {field: len(cases) for field in (*FIELDS, "body ~95%")}
    return table


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", help="where generated mirrors go (default bench/out)")
    args = parser.parse_args()
    if args.out:
        common.set_out(args.out)
    pages = load_pages(args.pages)
    print(f"# Extraction: {len(pages)} generated article pages, {sum(len(b) for _, b in pages) // len(pages) // 1000} KB each on average")
    print(f"# {machine()}; one process, one core\n")
    results = speed(pages, args.rounds)
    floor = results["lxml parse only (floor)"][0]
    print("| extractor | pages/s | ms/page median | ms/page p95 | time vs lxml parse |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, (rate, median, p95) in results.items():
        print(f"| {name} | {rate:.0f} | {median:.2f} | {p95:.2f} | {floor / rate:.2f}x |")
    if "trafilatura (with metadata)" in results:
        ours, theirs = results["aacrawler"][0], results["trafilatura (with metadata)"][0]
        print(f"\naacrawler / trafilatura speed: {ours / theirs:.1f}x\n")
    else:
        print("\n(trafilatura is not installed: pip install trafilatura)\n")
    table = correctness()
    names = [n for n in table if n != "(articles)"]
    print("| field (fixture articles right) | " + " | ".join(names) + " |")
    print("| --- | " + " | ".join("---:" for _ in names) + " |")
    for field in (*FIELDS, "body ~95%"):
        total = table["(articles)"][field]
        print(f"| {field} | " + " | ".join(f"{table[n][field]}/{total}" for n in names) + " |")


if __name__ == "__main__":
    main()

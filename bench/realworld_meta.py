"""Title, publication date and author on real WordPress single posts
nobody here wrote: trafilatura's evaluation pages, where a person wrote
down each page's title, date and author (tests/evaldata.json), aacrawler
(the record a crawl writes) against trafilatura (with metadata).

    python bench/realworld_meta.py --trafilatura-eval PATH

PATH is a checkout of https://github.com/adbar/trafilatura (measured at
commit e90b0ef51ab026fdb905fb6c5b3c84dd3d784fd5); its pages are NOT in
this repository. Only WordPress single posts are read (body class
`single-post` or `postid-N`), and of those the ones with a title written
down.

A value is right when it is the one written down: the same date; the
same title, or one holding the other (a site suffix, a kicker); an author
naming the one written down or named by it (spacing and case aside).
Wrong is a value that is not; missing, no value. The people who wrote the
values down read each page's visible byline and date in its local time:
a page whose structured data names another author (an editor's account,
the newsroom) or whose date is a day off by time zone counts as wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aacrawler.extract.record import NotAnArticle, extract_record  # noqa: E402
from aacrawler.items import PageItem  # noqa: E402
from realworld import trafilatura_eval_pages  # noqa: E402  (bench/ is the script's folder)

FIELDS = ("title", "date", "author")


def load_posts(checkout: Path) -> list[tuple[str, bytes, dict]]:
    """(url, page bytes, values written down) of its WordPress single posts
    with a title written down."""
    return [(url, raw, entry) for url, entry, raw, single in trafilatura_eval_pages(checkout, "realworld_meta")
            if single and entry.get("title")]


def aacrawler_values(url: str, raw: bytes) -> dict:
    try:
        record = extract_record(PageItem(url=url, body=raw, fetched_at="2026-01-01T00:00:00Z"))
    except NotAnArticle:
        return dict.fromkeys(FIELDS)
    return {"title": record.title, "date": record.published, "author": record.author}


def trafilatura_values(url: str, raw: bytes) -> dict:
    import trafilatura

    document = trafilatura.bare_extraction(raw, url=url, with_metadata=True)
    if document is None:
        return dict.fromkeys(FIELDS)
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    return {field: data.get(field) for field in FIELDS}


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def verdict(field: str, want: str, got: str | None) -> str:
    if not got:
        return "missing"
    if field == "date":
        return "right" if got[:10] == want[:10] else "wrong"
    want, got = _norm(want), _norm(got)
    return "right" if want in got or got in want else "wrong"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trafilatura-eval", type=Path, required=True, metavar="PATH",
                        help="checkout of trafilatura (tests/eval, tests/cache, tests/evaldata.json)")
    args = parser.parse_args()
    posts = load_posts(args.trafilatura_eval)
    extractors = {"aacrawler": aacrawler_values}
    try:
        import trafilatura  # noqa: F401
        extractors["trafilatura (tuned on these pages)"] = trafilatura_values
    except ImportError:
        print("(trafilatura is not installed: its row is left out)")
    print(f"# {len(posts)} WordPress single posts of trafilatura's evaluation pages with a title written down\n")
    print("| extractor | field | pages with a value written down | right | wrong | missing |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for name, extract in extractors.items():
        counts = {field: {"right": 0, "wrong": 0, "missing": 0} for field in FIELDS}
        for url, raw, entry in posts:
            got = extract(url, raw)
            for field in FIELDS:
                if entry.get(field):
                    counts[field][verdict(field, entry[field], got[field])] += 1
        for field in FIELDS:
            c = counts[field]
            total = sum(c.values())
            print(f"| {name} | {field} | {total} | {c['right']} ({c['right'] / total:.0%}) | {c['wrong']} | {c['missing']} |")


if __name__ == "__main__":
    main()

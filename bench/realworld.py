"""Article bodies on real pages nobody here wrote: scrapinghub's
article-extraction-benchmark (MIT; 181 article pages with their true
body), aacrawler against trafilatura, scored with the benchmark's own
shingle metric, on all pages and on the WordPress ones.

    python bench/realworld.py --data PATH [--trafilatura-eval PATH]

The benchmark's data is NOT in this repository: PATH is a checkout of
https://github.com/scrapinghub/article-extraction-benchmark (measured at
commit 4a3bc979f76c0df73cb95fe272e2fc1b96f9f010): its `html/*.html.gz`
and `ground-truth.json` are read from there.

Every benchmark page is an article, so aacrawler runs as if the page
were one (`assume_article`): the body is what extraction gives, whatever
the classifier says; how many pages the classifier would have called
something else is printed too, and the row "aacrawler, as a crawl"
scores what a crawl would write (no record, so an empty body, for a page
not called an article).

The metric, as the benchmark describes it: each text is cut into word
tokens (`\\w+`), then into shingles of 4 consecutive tokens (a text of
fewer tokens is one shingle); true positives, false positives and false
negatives are counted over the multisets of shingles and divided by their
sum, so that every page weighs the same. Precision is the mean over pages
where something was predicted, recall the mean over pages with a true
body, F1 the harmonic mean of the two means. An empty prediction counts
in recall (as 0), not in precision: the empty-body count says how many.

--trafilatura-eval PATH: a checkout of trafilatura (measured at commit
e90b0ef51ab026fdb905fb6c5b3c84dd3d784fd5): its evaluation pages
(tests/eval/, tests/cache/) with the snippets written by hand for each
(tests/evaldata.json: text that must be in the body, text that must not).
Its WordPress single posts are scored, and apart its other pages (a
check on markup the WordPress rules were not written from): a snippet
that must be there and is counts as a true positive, one missed as a
false negative, an unwanted one found as a false positive.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aacrawler.extract.classify import page_kind  # noqa: E402
from aacrawler.extract.record import NotAnArticle, extract_record, page_from_item  # noqa: E402
from aacrawler.items import PageItem  # noqa: E402

PINNED_COMMIT = "4a3bc979f76c0df73cb95fe272e2fc1b96f9f010"
TRAFILATURA_COMMIT = "e90b0ef51ab026fdb905fb6c5b3c84dd3d784fd5"

# ---- the benchmark's metric, written from its description ----------------

_WORD = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str) -> Counter:
    tokens = _WORD.findall(text or "")
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def page_score(true: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles, normalised to sum to 1."""
    want, got = shingles(true), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp, fp, fn):
    return 1.0 if fp == fn == 0 else tp / (tp + fp)


def _recall(tp, fp, fn):
    return 1.0 if fp == fn == 0 else tp / (tp + fn)


def summary(scores: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(F1, precision, recall) of a set of pages."""
    precisions = [_precision(*s) for s in scores if s[0] + s[1] > 0]
    recalls = [_recall(*s) for s in scores if s[0] + s[2] > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


# ---- the pages -----------------------------------------------------------

_WORDPRESS = re.compile(
    r"/wp-content/|/wp-includes/|<meta[^>]+content=[\"']WordPress"
    r"|<body[^>]+class=[\"'][^\"']*\b(?:postid-\d|single-post|wp-)",
    re.IGNORECASE,
)


def is_wordpress(html: str) -> bool:
    return bool(_WORDPRESS.search(html))


@dataclass
class Case:
    key: str
    url: str
    html: str
    true_body: str
    wordpress: bool = field(init=False)

    def __post_init__(self):
        self.wordpress = is_wordpress(self.html)


def load_benchmark(data: Path) -> list[Case]:
    truth_file = data / "ground-truth.json"
    if not truth_file.is_file() or not (data / "html").is_dir():
        raise SystemExit(f"realworld: --data {data}: not a checkout of article-extraction-benchmark "
                         "(no ground-truth.json and html/ there)")
    truth = json.loads(truth_file.read_text("utf-8"))
    cases = []
    for key, value in sorted(truth.items()):
        path = data / "html" / f"{key}.html.gz"
        with gzip.open(path, "rt", encoding="utf-8") as file:
            html = file.read()
        cases.append(Case(key, value.get("url") or f"https://example.com/{key}", html, value.get("articleBody") or ""))
    return cases


# ---- the extractors --------------------------------------------------------

@dataclass
class Result:
    body: str
    source: str = ""  # aacrawler: "rules" or "fallback"
    kind: str = ""  # aacrawler: what the classifier says of the page
    title: str = ""  # aacrawler: the record's title (a crawl drops a page without one)

    @property
    def no_record(self) -> bool:
        """A crawl would write no record: not an article, or no title or body."""
        return self.kind != "article" or not self.title or not self.body.strip()


def run_aacrawler(case: Case) -> Result:
    item = PageItem(url=case.url, body=case.html.encode("utf-8"), fetched_at="2026-01-01T00:00:00Z",
                    encoding="utf-8")
    kind = page_kind(page_from_item(item))
    try:
        record = extract_record(item, assume_article=True)
    except NotAnArticle:  # cannot happen with assume_article
        return Result("", "", kind)
    return Result(record.body, getattr(record, "body_source", "rules"), kind, record.title)


def run_trafilatura(case: Case) -> Result:
    import trafilatura

    # As the benchmark's own runner calls it.
    return Result(trafilatura.extract(case.html, include_comments=False) or "")


EXTRACTORS = {"aacrawler": run_aacrawler, "trafilatura": run_trafilatura}


def measure(cases: list[Case]) -> dict[str, list[tuple[Case, Result, tuple]]]:
    results = {}
    for name, extractor in EXTRACTORS.items():
        start = time.perf_counter()
        rows = []
        for case in cases:
            result = extractor(case)
            rows.append((case, result, page_score(case.true_body, result.body)))
        results[name] = rows
        print(f"# {name}: {len(cases)} pages in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return results


def as_crawled(rows):
    """aacrawler as a crawl runs it: a page the classifier does not call
    an article gives no record, so no body."""
    return [(case, result if result.kind == "article" else Result("", result.source, result.kind),
             score if result.kind == "article" else page_score(case.true_body, ""))
            for case, result, score in rows]


def print_table(results) -> None:
    results = dict(results)
    results["aacrawler, as a crawl"] = as_crawled(results["aacrawler"])
    print("| extractor | pages | F1 | precision | recall | empty bodies | fallback used | classified non-article |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for subset, keep in (("all", lambda c: True), ("WordPress", lambda c: c.wordpress)):
        for name, rows in results.items():
            rows = [r for r in rows if keep(r[0])]
            f1, p, r = summary([s for _, _, s in rows])
            empty = sum(1 for _, res, _ in rows if not res.body.strip())
            if name.startswith("aacrawler"):
                fallback = sum(1 for _, res, _ in rows if res.source == "fallback")
                others = Counter(res.kind for _, res, _ in rows if res.kind != "article")
                fallback_cell = f"{fallback} ({fallback / len(rows):.0%})"
                kind_cell = f"{sum(others.values())} " + (
                    "(" + ", ".join(f"{k} {n}" for k, n in sorted(others.items())) + ")" if others else "")
            else:
                fallback_cell = kind_cell = "-"
            print(f"| {name} | {subset} ({len(rows)}) | {f1:.3f} | {p:.3f} | {r:.3f} | {empty} | {fallback_cell} | {kind_cell} |")


# ---- trafilatura's own evaluation pages ------------------------------------

_BODY_CLASS = re.compile(r"<body\b[^>]*?\sclass\s*=\s*[\"']([^\"']*)", re.IGNORECASE)


def trafilatura_eval_pages(checkout: Path, script: str = "realworld"):
    """(url, its entry in tests/evaldata.json, the page's bytes, whether
    it is a WordPress single post: body class `single-post` or `postid-N`)
    for each evaluation page of a trafilatura checkout."""
    annotations = checkout / "tests" / "evaldata.json"
    folders = [checkout / "tests" / "eval", checkout / "tests" / "cache"]
    if not annotations.is_file():
        raise SystemExit(f"{script}: --trafilatura-eval {checkout}: no tests/evaldata.json there")
    for url, entry in json.loads(annotations.read_text("utf-8")).items():
        path = next((f / entry.get("file", "") for f in folders if (f / entry.get("file", "")).is_file()), None)
        if path is None:
            continue
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        classes = _BODY_CLASS.search(raw.decode("utf-8", errors="replace"))
        words = classes.group(1).split() if classes else []
        yield url, entry, raw, "single-post" in words or any(w.startswith("postid-") for w in words)


def load_trafilatura_eval(checkout: Path) -> tuple[list, list]:
    """(file, html, with, without) for its WordPress single posts, and for
    its other pages."""
    singles, others = [], []
    for _, entry, raw, single in trafilatura_eval_pages(checkout):
        (singles if single else others).append((entry["file"], raw.decode("utf-8", errors="replace"),
                                                 entry.get("with") or [], entry.get("without") or []))
    return singles, others


def snippet_counts(pages, extractor) -> tuple[int, int, int, int]:
    """(true positives, false negatives, false positives, empty bodies):
    a `with` snippet found in the body is a true positive, missed a false
    negative; a `without` snippet found is a false positive."""
    tp = fn = fp = empty = 0
    for name, html, with_, without in pages:
        result = extractor(Case(name, f"https://example.com/{name}", html, ""))
        body = " ".join(result.body.split())
        empty += not body
        found = sum(1 for s in with_ if " ".join(s.split()) in body)
        tp += found
        fn += len(with_) - found
        fp += sum(1 for s in without if " ".join(s.split()) in body)
    return tp, fn, fp, empty


def print_trafilatura_eval(checkout: Path) -> None:
    singles, others = load_trafilatura_eval(checkout)
    print(f"\n## trafilatura's evaluation pages: {len(singles)} WordPress single posts (body class single-post/postid-N)\n")
    print("Snippets written by hand (tests/evaldata.json): `with` must be in the body, `without` must not.")
    print("trafilatura is tuned on these pages: read its figures as a ceiling, not a rival.\n")
    print_snippet_table(singles)
    print(f"\n## trafilatura's other evaluation pages: {len(others)} (not WordPress single posts)\n")
    print("The same snippets, on pages the WordPress rules were not written from: a check that they hold "
          "on markup they never saw. Every page runs as an article; `no record as a crawl` counts the pages "
          "the classifier would drop (no WordPress body class, and none of the other signals it reads).\n")
    print_snippet_table(others)


def print_snippet_table(pages) -> None:
    print("| extractor | F1 | precision | recall | empty bodies | fallback used | no record as a crawl |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, extractor in EXTRACTORS.items():
        sources, lost = [], []

        def run(case, extractor=extractor):
            result = extractor(case)
            sources.append(result.source)
            lost.append(result.no_record)
            return result

        tp, fn, fp, empty = snippet_counts(pages, run)
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if name == "aacrawler":
            fallback = f"{sources.count('fallback')} ({sources.count('fallback') / max(len(pages), 1):.0%})"
            no_record = str(sum(lost))
        else:
            fallback = no_record = "-"
        print(f"| {name} | {f1:.3f} | {p:.3f} | {r:.3f} | {empty} | {fallback} | {no_record} |")


def main():
    parser = argparse.ArgumentParser(
        description="aacrawler vs trafilatura on real article pages (scrapinghub's article-extraction-benchmark).",
        epilog=f"The benchmark's data is not in this repository: give --data a checkout of "
               f"https://github.com/scrapinghub/article-extraction-benchmark (measured at {PINNED_COMMIT}); "
               f"--trafilatura-eval a checkout of https://github.com/adbar/trafilatura "
               f"(measured at {TRAFILATURA_COMMIT}).")
    parser.add_argument("--data", type=Path, required=True,
                        help="checkout of article-extraction-benchmark (html/*.html.gz, ground-truth.json)")
    parser.add_argument("--trafilatura-eval", type=Path, metavar="PATH",
                        help="checkout of trafilatura: also score its WordPress single posts among its evaluation "
                             "pages (tests/eval, tests/cache, tests/evaldata.json)")
    parser.add_argument("--list", action="store_true", help="also print each page's aacrawler F1, source and kind")
    args = parser.parse_args()
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        raise SystemExit("realworld: trafilatura is not installed (pip install trafilatura)") from None
    cases = load_benchmark(args.data)
    print(f"# article-extraction-benchmark at {args.data}: {len(cases)} pages, "
          f"{sum(c.wordpress for c in cases)} WordPress (wp-content/wp-includes, generator meta or WordPress body classes)\n")
    results = measure(cases)
    print_table(results)
    if args.list:
        print()
        for case, result, score in sorted(results["aacrawler"], key=lambda r: summary([r[2]])[0]):
            f1 = summary([score])[0]
            print(f"{f1:.3f} {'WP' if case.wordpress else '--'} {result.source:8} {result.kind:8} {case.key[:12]} {case.url}")
    if args.trafilatura_eval:
        print_trafilatura_eval(args.trafilatura_eval)


if __name__ == "__main__":
    main()

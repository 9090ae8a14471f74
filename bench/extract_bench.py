"""Extraction speed on the benchmark corpus (bench/corpus.py), per size
bucket (about 10, 20, 60, 200 KB article pages, and listings): lxml
parsing (the floor), aacrawler (extract_record + record validation, as
the pipelines run them), aacrawler's body alone (the least a record of
ours costs) and trafilatura with metadata (a generic extractor), one
process, one core, the same pages for all, rounds interleaved, best of
N; then issue 17's targets, met or missed per bucket. Then aacrawler's
per-stage breakdown, the whole
`aacrawler extract` process (start-up included) against the in-process
rate with its peak memory at 100 and 1,000 files, and the fields each
extractor gets right on the hand-checked fixture pages.

    python bench/extract_bench.py [--per-bucket 200] [--rounds 3] [--process-files 1000]
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common
from common import ROOT, machine, summary_ms

import corpus
from stage_timing import INSIDE_DRAFT, STAGES, timed_stages

from aacrawler.extract.body import read_article
from aacrawler.extract.classify import page_kind
from aacrawler.extract.record import NotAnArticle, extract_record, page_from_item
from aacrawler.extract.text import clean_text
from aacrawler.items import PageItem
# The validate pipeline's check, on the dict it checks (as_dict: the record's
# fields only; __dict__ also holds body_source, which the schema rejects).
from aacrawler.record_checks import problems as record_problems

FIXTURES = ROOT / "tests" / "fixtures" / "pages"
FIELDS = ("title", "media_id", "dateline", "captions", "body", "author", "published", "categories", "tags", "image_url")
BUCKETS = (*corpus.BUCKETS, corpus.LISTING)
FETCHED_AT = "2026-01-01T00:00:00Z"


def lxml_parse(url: str, body: bytes):
    from lxml import html

    return html.document_fromstring(body)


def aacrawler_extract(url: str, body: bytes):
    """What the pipelines do with a page: the record, then its check
    against the JSON Schema."""
    try:
        record = extract_record(PageItem(url=url, body=body, fetched_at=FETCHED_AT))
    except NotAnArticle:
        return None
    data = record.as_dict()
    record_problems(data)
    return data


def aacrawler_body_only(url: str, body: bytes):
    """The least any record of ours costs: the page parsed and classified,
    its article walked into the body's paragraphs, these cleaned; none of
    the other fields, captions or checks. What is left of the budget for
    the rest is the whole row's time minus this one's."""
    page = page_from_item(PageItem(url=url, body=body, fetched_at=FETCHED_AT))
    if page_kind(page) != "article":
        return None
    return [clean_text(p.text) for p in read_article(page)[1]]


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


PARSE, OURS, THEIRS = "lxml parse (floor)", "aacrawler", "trafilatura (with metadata)"
BODY_ONLY = "aacrawler, body only (parse, classify, walk, clean)"
CONTENDERS = {PARSE: lxml_parse, OURS: aacrawler_extract, BODY_ONLY: aacrawler_body_only, THEIRS: trafilatura_extract}
# Issue 17's targets, per bucket: aacrawler within this many times lxml
# parsing, and at least this many times faster than trafilatura.
MAX_TIMES_PARSING, MIN_TIMES_TRAFILATURA = 3.0, 10.0
if importlib.util.find_spec("trafilatura") is None:
    del CONTENDERS[THEIRS]


def timed(function, pages) -> list[float]:
    seconds = []
    for url, body in pages:
        start = time.perf_counter()
        function(url, body)
        seconds.append(time.perf_counter() - start)
    return seconds


def speed(corpora: dict[str, list], rounds: int) -> dict[str, dict[str, tuple[float, float, float]]]:
    """Per bucket and contender, the best of `rounds` (least total time).
    Each round runs every contender on every bucket in turn, so a busy
    moment of the machine cannot land on one contender only."""
    best: dict[tuple[str, str], list[float]] = {}
    for pages in corpora.values():
        for function in CONTENDERS.values():
            timed(function, pages[:5])  # imports, caches, the compiled schema
    for _ in range(rounds):
        for bucket, pages in corpora.items():
            for name, function in CONTENDERS.items():
                seconds = timed(function, pages)
                if (bucket, name) not in best or sum(seconds) < sum(best[bucket, name]):
                    best[bucket, name] = seconds
    results: dict[str, dict] = {}
    for (bucket, name), seconds in best.items():
        results.setdefault(bucket, {})[name] = summary_ms(seconds)
    return results


def stage_breakdown(corpora: dict[str, list]) -> dict[str, dict[str, float]]:
    """ms per page for each stage, per bucket (one timed pass)."""
    table: dict[str, dict[str, float]] = {}
    for bucket, pages in corpora.items():
        validation = 0.0
        with timed_stages() as (totals, missing):
            start = time.perf_counter()
            for url, body in pages:
                try:
                    record = extract_record(PageItem(url=url, body=body, fetched_at=FETCHED_AT))
                except NotAnArticle:
                    continue
                began = time.perf_counter()
                record_problems(record.as_dict())
                validation += time.perf_counter() - began
            whole = time.perf_counter() - start
        per_page = {name: totals.get(name, 0.0) * 1000 / len(pages) for name in STAGES}
        per_page["draft (rest)"] = per_page["extract_draft"] - sum(per_page[n] for n in INSIDE_DRAFT)
        per_page["validation"] = validation * 1000 / len(pages)
        per_page["whole (timed pass)"] = whole * 1000 / len(pages)
        per_page["missing"] = ", ".join(missing)
        table[bucket] = per_page
    return table


# Run by a small launcher process: a child forked from this big process
# would inherit its memory high-water mark (vfork + exec on Linux), so
# the launcher, small itself, starts the command and reads
# resource.getrusage(RUSAGE_CHILDREN) for it alone.
_LAUNCHER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
with open(sys.argv[1], "wb") as log:
    code = subprocess.run(sys.argv[2:], stdout=log, stderr=log).returncode
print(json.dumps({"code": code, "seconds": time.perf_counter() - start,
                  "peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def spawn_measured(argv: list[str], log: Path) -> tuple[float, int]:
    """Run a command; (wall seconds, its peak RSS in KB)."""
    launched = subprocess.run([sys.executable, "-c", _LAUNCHER, str(log), *argv], capture_output=True, text=True, check=True)
    result = json.loads(launched.stdout)
    if result["code"] != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {log.read_text(errors='replace')[-2000:]}")
    return result["seconds"], result["peak_kb"]


def process_run(count: int, seed: int, out: Path) -> dict:
    """The whole `aacrawler extract` process on `count` corpus pages (the
    crawl's mix of buckets and listings) written to a folder, against
    the in-process rate on the same pages; peak RSS at 100 and at
    `count` files."""
    exe = Path(sys.executable).parent / "aacrawler"
    pages = corpus.generate_corpus(count, seed)
    work = Path(tempfile.mkdtemp(prefix="extract-bench-", dir=out))
    try:
        result = {}
        for files in sorted({min(100, count), count}):
            folder = work / f"pages-{files}"
            folder.mkdir()
            for page in pages[:files]:
                (folder / f"{page.name}.html").write_bytes(page.body)
            seconds, peak = spawn_measured([str(exe), "extract", str(folder), "-o", str(work / f"out-{files}.jsonl")], work / f"log-{files}")
            written = sum(1 for _ in (work / f"out-{files}.jsonl").open())
            result[files] = {"seconds": seconds, "peak_kb": peak, "written": written}
        start = time.perf_counter()
        for page in pages:
            record = aacrawler_extract(page.url, page.body)
            if record is not None:
                json.dumps(record, ensure_ascii=False)
        result["in_process_rate"] = len(pages) / (time.perf_counter() - start)
        result["bytes"] = sum(len(p.body) for p in pages)
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


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
        if name in (PARSE, BODY_ONLY):  # no record to compare
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


def print_speed(corpora, results):
    print("| bucket | pages | KB/page | extractor | pages/s | ms/page median | ms/page p95 | × parsing | aacrawler × faster than trafilatura |")
    print("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for bucket, pages in corpora.items():
        row = results[bucket]
        kb = sum(len(b) for _, b in pages) / len(pages) / 1000
        floor = row[PARSE][0]
        for name, (rate, median, p95) in row.items():
            versus = f"{row[OURS][0] / row[THEIRS][0]:.1f}" if name == OURS and THEIRS in row else ""
            print(f"| {bucket} | {len(pages)} | {kb:.0f} | {name} | {rate:.0f} | {median:.2f} | {p95:.2f} | {floor / rate:.2f} | {versus} |")
    print(f"\nTargets (issue 17): aacrawler within {MAX_TIMES_PARSING:.0f}× parsing, at least {MIN_TIMES_TRAFILATURA:.0f}× trafilatura\n")
    print("| bucket | × parsing | within 3× | × trafilatura | at least 10× | body only × parsing |")
    print("| --- | ---: | --- | ---: | --- | ---: |")
    for bucket, row in results.items():
        if OURS not in row or THEIRS not in row or BODY_ONLY not in row:
            continue
        times_parsing = row[PARSE][0] / row[OURS][0]
        times_theirs = row[OURS][0] / row[THEIRS][0]
        print(f"| {bucket} | {times_parsing:.2f} | {'met' if times_parsing <= MAX_TIMES_PARSING else 'missed'} "
              f"| {times_theirs:.1f} | {'met' if times_theirs >= MIN_TIMES_TRAFILATURA else 'missed'} "
              f"| {row[PARSE][0] / row[BODY_ONLY][0]:.2f} |")


def print_stages(table):
    buckets = list(table)
    print("| stage (ms/page, inclusive) | " + " | ".join(buckets) + " |")
    print("| --- | " + " | ".join("---:" for _ in buckets) + " |")
    names = {**STAGES, "draft (rest)": "draft: rest (the fallback's check, ArticleDraft, paragraphs_of)",
             "validation": "validation (record_problems)", "whole (timed pass)": "whole (timed pass, wrappers included)"}
    for key, label in names.items():
        print(f"| {label} | " + " | ".join(f"{table[b][key]:.3f}" for b in buckets) + " |")
    missing = {table[b]["missing"] for b in buckets} - {""}
    if missing:
        print(f"\n(not in this record.py, not timed: {', '.join(missing)})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-bucket", type=int, default=200, help="pages per size bucket (default 200)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--process-files", type=int, default=1000, help="pages for the `aacrawler extract` run (0: skip it)")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--out", help="where temporary page folders go (default bench/out)")
    args = parser.parse_args()
    if args.out:
        common.set_out(args.out)
    out = Path(common.OUT)
    out.mkdir(parents=True, exist_ok=True)
    corpora = {b: [(p.url, p.body) for p in corpus.generate_bucket(b, args.per_bucket, args.seed)] for b in BUCKETS}
    print(f"# Extraction on the benchmark corpus (bench/corpus.py, seed {args.seed}): {args.per_bucket} pages per bucket")
    print(f"# {machine()}; one process, one core; best of {args.rounds} interleaved rounds\n")
    results = speed(corpora, args.rounds)
    print_speed(corpora, results)
    if THEIRS not in CONTENDERS:
        print("\n(trafilatura is not installed: pip install trafilatura)")
    print("\n## aacrawler per stage (ms per page, one timed pass; see bench/stage_timing.py for what each includes)\n")
    print_stages(stage_breakdown(corpora))
    if args.process_files:
        run = process_run(args.process_files, args.seed, out)
        files = args.process_files
        rate = files / run[files]["seconds"]
        print(f"\n## The whole `aacrawler extract` process ({files} corpus pages in a folder, {run['bytes'] // files // 1000} KB each on average, about 1 listing per 10 articles)\n")
        print("| files | records | seconds | pages/s | peak RSS MB |")
        print("| ---: | ---: | ---: | ---: | ---: |")
        for count in sorted(k for k in run if isinstance(k, int)):
            r = run[count]
            print(f"| {count} | {r['written']} | {r['seconds']:.2f} | {count / r['seconds']:.0f} | {r['peak_kb'] / 1024:.0f} |")
        print(f"\nprocess {rate:.0f} pages/s vs in-process {run['in_process_rate']:.0f} pages/s "
              f"(extract_record + validation + JSON, same pages): {rate / run['in_process_rate']:.2f} of the in-process rate\n")
    table = correctness()
    names = [n for n in table if n != "(articles)"]
    print("| field (fixture articles right) | " + " | ".join(names) + " |")
    print("| --- | " + " | ".join("---:" for _ in names) + " |")
    for field in (*FIELDS, "body ~95%"):
        total = table["(articles)"][field]
        print(f"| {field} | " + " | ".join(f"{table[n][field]}/{total}" for n in names) + " |")


if __name__ == "__main__":
    main()

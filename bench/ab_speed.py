"""Is extraction slower than at another commit? Both versions in one
process, page by page, so that the load of a shared machine weighs on
both alike (timings of separate runs differ by more than a small change
on a busy machine).

    python bench/ab_speed.py --baseline REV [--per-bucket N] [--rounds N] [--self-check]

The baseline's `aacrawler/` is taken from git (`git archive REV`) into a
temporary folder, imported as `aacrawler_baseline`; each page of the
benchmark corpus (bench/corpus.py) goes through both versions'
`extract_record` and the record check, in alternating order, and keeps
its best CPU time of the rounds. Printed per bucket: the median and mean
ms per page of each, and the change. `--self-check` times the baseline
against a second copy of itself: the noise of the method on this
machine, to read the change against.
"""

from __future__ import annotations

import argparse
import importlib
import io
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from common import ROOT, machine  # common puts the repository on sys.path

import corpus

from aacrawler.record_checks import problems as record_problems

FETCHED_AT = "2026-01-01T00:00:00Z"


def baseline_package(rev: str, folder: Path, name: str) -> None:
    """`aacrawler/` at `rev`, unpacked as package `name` in `folder`."""
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "aacrawler"],
                                 check=True, capture_output=True).stdout
    except subprocess.CalledProcessError as error:
        raise SystemExit(f"ab_speed: --baseline {rev}: {error.stderr.decode(errors='replace').strip()}") from None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        try:
            tar.extractall(folder, filter="data")
        except TypeError:  # a Python without extraction filters
            tar.extractall(folder)
    (folder / "aacrawler").rename(folder / name)


def extractor(package: str):
    record = importlib.import_module(f"{package}.extract.record")
    items = importlib.import_module(f"{package}.items")

    def run(url: str, body: bytes) -> None:
        try:
            result = record.extract_record(items.PageItem(url=url, body=body, fetched_at=FETCHED_AT))
        except record.NotAnArticle:
            return
        record_problems(asdict(result))

    return run


def best_times(pages, versions, rounds: int) -> dict[str, list[float]]:
    best = {name: [float("inf")] * len(pages) for name in versions}
    order = list(versions.items())
    for round_ in range(rounds):
        for i, (url, body) in enumerate(pages):
            for name, run in (order if round_ % 2 else order[::-1]):
                start = time.process_time()
                run(url, body)
                best[name][i] = min(best[name][i], time.process_time() - start)
    return best


def main():
    parser = argparse.ArgumentParser(description="aacrawler extraction at REV against the working tree, in one process")
    parser.add_argument("--baseline", required=True, metavar="REV", help="the commit to compare with (e.g. main, HEAD~3)")
    parser.add_argument("--per-bucket", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--self-check", action="store_true",
                        help="time the baseline against a copy of itself instead (the method's noise)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        baseline_package(args.baseline, Path(tmp), "aacrawler_baseline")
        if args.self_check:
            baseline_package(args.baseline, Path(tmp), "aacrawler_baseline_copy")
        sys.path.insert(0, tmp)
        versions = {"baseline": extractor("aacrawler_baseline"),
                    "new": extractor("aacrawler_baseline_copy" if args.self_check else "aacrawler")}
        label = f"{args.baseline} against a copy of itself" if args.self_check else f"{args.baseline} against the working tree"
        print(f"# {label}: {args.per_bucket} pages per bucket (bench/corpus.py, seed {args.seed}), "
              f"CPU time, best of {args.rounds} rounds, page by page in alternating order")
        print(f"# {machine()}\n")
        print("| bucket | baseline ms median | new ms median | change | baseline ms mean | new ms mean | change |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for bucket in (*corpus.BUCKETS, corpus.LISTING):
            pages = [(p.url, p.body) for p in corpus.generate_bucket(bucket, args.per_bucket, args.seed)]
            best = best_times(pages, versions, args.rounds)
            old, new = best["baseline"], best["new"]
            mo, mn = statistics.median(old) * 1000, statistics.median(new) * 1000
            ao, an = statistics.mean(old) * 1000, statistics.mean(new) * 1000
            print(f"| {bucket} | {mo:.2f} | {mn:.2f} | {mn / mo - 1:+.1%} | {ao:.2f} | {an:.2f} | {an / ao - 1:+.1%} |")


if __name__ == "__main__":
    main()

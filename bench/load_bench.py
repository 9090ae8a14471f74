"""Load times of `aacrawler load` (the command, end to end): N records
into a DuckDB file and into PostgreSQL (a server started on 127.0.0.1 as
the tests do, or --postgres URL), then the same file again (reload: no
change), then a refresh (a tenth of the articles fetched later, changed).
Prints records per second and the row counts after each step.

    .venv/bin/python bench/load_bench.py [--records 20000] [--out DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import subprocess
import sys
import time
from pathlib import Path

import common
from common import ROOT, machine

sys.path.insert(0, str(ROOT))
from tests.warehouse_support import new_database, postgres_bin, postgres_server  # noqa: E402

TEMPLATES = ROOT / "tests" / "expected" / "sample_site.jsonl"


def generate(count: int, target: Path, refreshed_share: float = 0.0, seed: int = 16) -> Path:
    """`count` records made from the sample's hand-written ones, each
    article its own URL and Media ID; with `refreshed_share`, that share
    of them fetched a week later with a changed title (a --refresh run)."""
    templates = [json.loads(line) for line in TEMPLATES.read_text("utf-8").splitlines()]
    rng = random.Random(seed)
    with target.open("w", encoding="utf-8") as file:
        for number in range(count):
            record = dict(templates[number % len(templates)])
            slug = record["url"].rstrip("/").rsplit("/", 1)[-1]
            record["url"] = f"https://eng-archive.aawsat.com/generated/{slug}-{number}/"
            record["media_id"] = str(70_000_000 + number)
            record["published"] = f"{2005 + number % 13}-{1 + number % 12:02d}-{1 + number % 28:02d}"
            record["fetched_at"] = "2026-11-25T10:00:00Z"
            if refreshed_share and rng.random() < refreshed_share:
                record["title"] += " (updated)"
                record["fetched_at"] = "2026-12-02T10:00:00Z"
            file.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target


def load(path: Path, db: str) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "aacrawler.cli", "load", str(path), "--db", db],
                            capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"load failed: {result.stderr}")
    return elapsed, result.stdout.strip()


def rows_in(summary: str) -> str:
    return summary.rsplit("holds ", 1)[1].split()[0]


def counts(summary: str) -> str:
    return summary.split("articles: ", 1)[1].split(";")[0]


def bench(name: str, db: str, base: Path, refresh: Path, records: int) -> list[str]:
    lines = []
    for step, path in (("load", base), ("reload", base), ("refresh", refresh)):
        elapsed, summary = load(path, db)
        lines.append(f"| {name} | {step} | {records} | {elapsed:.2f} | {records / elapsed:,.0f} | {rows_in(summary)} | {counts(summary)} |")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--postgres", metavar="URL", help="an existing server (a fresh database is made on it)")
    parser.add_argument("--out", help="folder for the generated files (default: bench/out)")
    args = parser.parse_args()
    if args.out:
        common.set_out(args.out)
    folder = Path(common.OUT) / "load"
    folder.mkdir(parents=True, exist_ok=True)
    base = generate(args.records, folder / f"records-{args.records}.jsonl")
    refresh = generate(args.records, folder / f"records-{args.records}-refresh.jsonl", refreshed_share=0.1)
    print(f"`aacrawler load` of {args.records} records ({base.stat().st_size / 1e6:.1f} MB JSONL), {machine()}")
    print("(each step is the whole command: start-up, reading and checking every line, one transaction)\n")
    print("| database | step | records | seconds | records/s | rows after | new / replaced / unchanged |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    duckdb_file = folder / "articles.duckdb"
    duckdb_file.unlink(missing_ok=True)
    for line in bench("DuckDB", str(duckdb_file), base, refresh, args.records):
        print(line, flush=True)
    server = contextlib.nullcontext(args.postgres) if args.postgres else (
        postgres_server() if postgres_bin() else contextlib.nullcontext(None))
    with server as url:
        if url is None:
            print("| PostgreSQL | not installed: skipped | | | | | |")
            return
        for line in bench("PostgreSQL", new_database(url), base, refresh, args.records):
            print(line, flush=True)


if __name__ == "__main__":
    main()

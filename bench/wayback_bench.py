"""A Wayback crawl at the archive's default limits, against the test double
of the Wayback Machine (tests/wayback_double.py, on 127.0.0.1, serving
data/sample_site as captures with its traps): how many CDX requests the
listing made and at what rate, how many playbacks and at what rate, and
what that means for a full crawl of the real archive (SITE.md: ~40,000
articles and ~4,000 listing pages).

    python bench/wayback_bench.py [--row-cap 25] [--cdx-per-minute 20] [--playback-per-minute 60]

The double answers at once, so the figures are the crawler's pacing; the
real archive adds its own answer time to each playback (one at a time).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.wayback_double import serve_wayback  # noqa: E402

REAL_PAGES = 44_000  # README "How long a full crawl takes": 40,000 articles + 4,000 listings


def rate_per_minute(times: list[float]) -> float:
    if len(times) < 2:
        return float("nan")
    return 60.0 * (len(times) - 1) / (times[-1] - times[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--row-cap", type=int, default=25, help="rows per CDX answer at the double")
    parser.add_argument("--cdx-per-minute", type=float, default=None, help="default: the project's setting")
    parser.add_argument("--playback-per-minute", type=float, default=None, help="default: the project's setting")
    parser.add_argument("--out", type=Path, default=None, help="folder for the crawl's files (default: a temporary one)")
    args = parser.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="wayback-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "wayback.jsonl"
    for stale in folder.glob("wayback.jsonl*"):
        stale.unlink()
    extra = []
    if args.cdx_per_minute:
        extra += ["-s", f"AACRAWLER_WAYBACK_CDX_PER_MINUTE={args.cdx_per_minute:g}"]
    if args.playback_per_minute:
        extra += ["-s", f"AACRAWLER_WAYBACK_PLAYBACK_PER_MINUTE={args.playback_per_minute:g}"]
    with serve_wayback(ROOT / "data" / "sample_site", row_cap=args.row_cap) as double:
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "aacrawler.cli", "crawl", "--source", "wayback", "--archive-url", double.base,
             "-o", str(out), "-s", "AACRAWLER_PROGRESS_INTERVAL=0", *extra],
            cwd=ROOT, capture_output=True, text=True)
        wall = time.monotonic() - started
        cdx = [e["time"] for e in double.log.of("cdx")]
        playback = [e["time"] for e in double.log.of("playback")]
        wrapped = len(double.log.of("wrapped"))
    if result.returncode != 0:
        print(result.stderr, file=sys.stderr)
        return 1
    summary = json.loads(out.with_name(out.name + ".runs.jsonl").read_text().splitlines()[-1])
    listing_seconds = cdx[-1] - cdx[0] if len(cdx) > 1 else 0.0
    gaps = [b - a for a, b in zip(cdx, cdx[1:])]
    pages = summary["requests"]
    per_page = len(playback) / max(pages, 1)
    playback_rate = rate_per_minute(playback)
    print("| figure | value |")
    print("| --- | ---: |")
    print(f"| records written | {summary['articles_written']} |")
    print(f"| site URLs requested | {pages} |")
    print(f"| CDX requests | {len(cdx)} |")
    print(f"| CDX rate (per minute) | {rate_per_minute(cdx):.1f} |")
    print(f"| shortest gap between CDX requests (s) | {min(gaps) if gaps else float('nan'):.2f} |")
    print(f"| listing time (s) | {listing_seconds:.1f} |")
    print(f"| playbacks (id_) | {len(playback)} |")
    print(f"| playbacks without id_ | {wrapped} |")
    print(f"| playbacks per site URL | {per_page:.2f} |")
    print(f"| playback rate (per minute) | {playback_rate:.1f} |")
    print(f"| wall time (s) | {wall:.1f} |")
    hours = REAL_PAGES * per_page / playback_rate / 60.0
    print(f"| full real archive ({REAL_PAGES:,} pages), playback alone (h) | {hours:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Shared by the benchmark scripts: generated mirrors, timing helpers."""

from __future__ import annotations

import os
import platform
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aacrawler.testing import generate_mirror  # noqa: E402

SAMPLE = ROOT / "data" / "sample_site"
OUT = ROOT / "bench" / "out"  # generated mirrors and outputs (git-ignored)


def set_out(path: Path) -> None:
    """Put generated mirrors and outputs elsewhere (tests use a temp dir)."""
    global OUT
    OUT = Path(path)
PAGE_BYTES = 60_000  # a real WordPress article page weighs about this


def mirror(articles: int) -> Path:
    """A generated mirror of `articles` ~60 KB pages, made once and kept."""
    path = Path(OUT) / f"mirror-{articles}"
    done = path / ".complete"
    if not done.exists():
        print(f"generating a mirror of {articles} articles in {path} ...", file=sys.stderr, flush=True)
        generate_mirror(SAMPLE, path, articles, per_page=10, pad_to=PAGE_BYTES)
        done.write_text("ok\n")
    return path


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.machine()}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summary_ms(seconds: list[float]) -> tuple[float, float, float]:
    """(pages per second, median ms, 95th percentile ms)."""
    return len(seconds) / sum(seconds), statistics.median(seconds) * 1000, percentile(seconds, 0.95) * 1000

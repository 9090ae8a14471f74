"""The benchmark scripts run (tiny sizes, a temp folder): a smoke test,
not a measurement; the figures come from running them in full."""

import subprocess
import sys

from .conftest import fixture_cases, load_case
from .test_crawl import ROOT


def run_bench(script, *args, tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args, "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_extract_bench_runs(tmp_path):
    out = run_bench("extract_bench.py", "--pages", "30", "--rounds", "1", tmp_path=tmp_path)
    assert "| aacrawler |" in out and "| lxml parse only (floor) |" in out
    articles = sum(1 for case in fixture_cases() if load_case(case)[2] is not None)
    assert f"| title | {articles}/{articles}" in out  # aacrawler's column comes first


def test_crawl_bench_runs(tmp_path):
    out = run_bench("crawl_bench.py", "--sizes", "40", "--http-size", "40", tmp_path=tmp_path)
    # robots.txt, home, 4 category pages, 40 articles
    assert "| replay-40 | 46 | 40 |" in out
    assert "| http-40 | 46 | 40 |" in out

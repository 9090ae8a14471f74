"""The benchmark scripts run (tiny sizes, a temp folder): a smoke test,
not a measurement; the figures come from running them in full."""

import subprocess
import sys

from .helpers import ROOT, fixture_cases, load_case


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


def test_wayback_bench_runs(tmp_path):
    out = run_bench("wayback_bench.py", "--cdx-per-minute", "6000", "--playback-per-minute", "60000", tmp_path=tmp_path)
    assert "| records written | 36 |" in out and "| playbacks without id_ | 0 |" in out

"""The benchmark scripts run (tiny sizes, a temp folder): a smoke test,
not a measurement; the figures come from running them in full."""

import re
import subprocess
import sys

import pytest

from .helpers import ROOT, fixture_cases, load_case


def run_bench(script, *args, tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args, "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_extract_bench_runs(tmp_path):
    out = run_bench("extract_bench.py", "--per-bucket", "3", "--rounds", "1", "--process-files", "12", tmp_path=tmp_path)
    for bucket in ("10k", "20k", "60k", "200k", "listing"):
        assert f"| {bucket} | 3 |" in out and "| aacrawler |" in out and "| lxml parse (floor) |" in out
    assert "| aacrawler, body only (parse, classify, walk, clean) |" in out
    targets = out.split("Targets (issue 17)")[1].split("##")[0]
    for bucket in ("10k", "20k", "60k", "200k"):  # each met or missed, never left out
        assert re.search(rf"\| {bucket} \| [0-9.]+ \| (met|missed) \| [0-9.]+ \| (met|missed) \|", targets), bucket
    assert "| parse |" in out and "| validation (record_problems) |" in out  # the per-stage table
    assert "| 12 | 11 |" in out  # 12 files, one of them a listing: 11 records
    articles = sum(1 for case in fixture_cases() if load_case(case)[2] is not None)
    assert f"| title | {articles}/{articles}" in out  # aacrawler's column comes first
    assert list(tmp_path.iterdir()) == []  # the page folders are cleaned up


def test_crawl_bench_runs(tmp_path):
    out = run_bench("crawl_bench.py", "--sizes", "40", "--http-size", "40", tmp_path=tmp_path)
    # robots.txt, home, 4 category pages, 40 articles
    assert "| replay-40 | 46 | 40 |" in out
    assert "| http-40 | 46 | 40 |" in out


def test_wayback_bench_runs(tmp_path):
    out = run_bench("wayback_bench.py", "--cdx-per-minute", "6000", "--playback-per-minute", "60000", tmp_path=tmp_path)
    assert "| records written | 36 |" in out and "| playbacks without id_ | 0 |" in out


def test_realworld_meta_scores_a_checkout_laid_out_as_trafilaturas(tmp_path):
    # Two WordPress single posts with their values written down by hand, in
    # the layout of trafilatura's evaluation data (tests/eval, evaldata.json).
    import json

    from .pages import article_page

    (tmp_path / "tests" / "eval").mkdir(parents=True)
    meta = 'by <span class="author vcard"><a href="/author/a/">Amir Taheri</a></span> | <span class="published">Jul 26, 2014</span>'
    (tmp_path / "tests" / "eval" / "one.html").write_text(article_page("<p>Text of one.</p>", title="One story", meta_line=meta))
    (tmp_path / "tests" / "eval" / "two.html").write_text(article_page("<p>Text of two.</p>", title="Two story"))
    (tmp_path / "tests" / "evaldata.json").write_text(json.dumps({
        "https://example.com/one": {"file": "one.html", "with": [], "without": [],
                                    "title": "One story", "date": "2014-07-26", "author": "Amir Taheri"},
        "https://example.com/two": {"file": "two.html", "with": [], "without": [],
                                    "title": "Two story", "date": "2015-01-01", "author": "Somebody"},
    }))
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "realworld_meta.py"), "--trafilatura-eval", str(tmp_path)],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "| aacrawler | title | 2 | 2 (100%) | 0 | 0 |" in result.stdout
    assert "| aacrawler | date | 2 | 1 (50%) | 0 | 1 |" in result.stdout
    assert "| aacrawler | author | 2 | 1 (50%) | 0 | 1 |" in result.stdout


def test_realworld_speed_buckets_the_single_posts_of_a_checkout_laid_out_as_trafilaturas(tmp_path):
    # Three WordPress single posts of 3 KB, about 100 KB and about 300 KB
    # (long bodies), and a page that is no single post (left out).
    import json

    from .pages import article_page

    (tmp_path / "tests" / "eval").mkdir(parents=True)
    paragraph = "<p>" + "A sentence of the story that goes on. " * 25 + "</p>"
    sizes = {"small": 1, "middle": 100, "large": 300}
    entries = {}
    for name, count in sizes.items():
        (tmp_path / "tests" / "eval" / f"{name}.html").write_text(article_page(paragraph * count, title=name))
        entries[f"https://example.com/{name}"] = {"file": f"{name}.html", "with": [], "without": []}
    (tmp_path / "tests" / "eval" / "home.html").write_text(article_page(paragraph, body_class="home blog"))
    entries["https://example.com/"] = {"file": "home.html", "with": [], "without": []}
    (tmp_path / "tests" / "evaldata.json").write_text(json.dumps(entries))
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "realworld_speed.py"), "--trafilatura-eval", str(tmp_path),
                             "--rounds", "1"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "on 3 real WordPress single posts" in out
    for bucket in ("under 60 KB", "60-200 KB", "over 200 KB"):
        assert f"| {bucket} | 1 | 1 | 0 |" in out  # one post each, an article, its body from the rules
        assert f"| {bucket} | 1 |" in out.split("Targets (issue 17)")[0] and f"| {bucket} | " in out.split("Targets (issue 17)")[1]


def test_ab_speed_runs():
    # It takes the baseline's code from git: a checkout is needed.
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True).returncode != 0:
        pytest.skip("not a git checkout")
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "ab_speed.py"), "--baseline", "HEAD", "--self-check",
                             "--per-bucket", "2", "--rounds", "1"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ") and "%" in line]
    assert [row.split(" | ")[0] for row in rows] == ["| 10k", "| 20k", "| 60k", "| 200k", "| listing"]

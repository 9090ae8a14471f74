"""`aacrawler report` on the sample crawl: every chart present, and the
figures in its tables equal to counts made here from the JSONL itself;
opened in headless Chromium with the network cut off, where installed."""

import shutil
import subprocess
import tempfile
from collections import Counter
from html.parser import HTMLParser

import pytest

from .helpers import ROOT, aacrawler, read_jsonl

SAMPLE = ROOT / "data" / "sample_site"
CHARTS = ("months", "fill", "captions", "authors", "runs")
FIELDS = ("media_id", "dateline", "captions", "author", "published", "categories", "tags", "image_url")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Tables(HTMLParser):
    """Every <table id=…>: its header and rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables, self.current, self.row, self.cell = {}, None, None, None
        self.chart_divs = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and (attrs.get("id") or "").startswith("chart-"):
            self.chart_divs.add(attrs["id"][len("chart-"):])
        if tag == "table":
            self.current = self.tables.setdefault(attrs["id"], [])
        elif tag == "tr" and self.current is not None:
            self.row = []
            self.current.append(self.row)
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell)
            self.cell = None
        elif tag == "table":
            self.current = None


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    out = folder / "articles.jsonl"
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out))
    assert result.returncode == 0, result.stderr
    report = folder / "report.html"
    made = aacrawler("report", str(out), "-o", str(report))
    assert made.returncode == 0, made.stderr
    parser = Tables()
    parser.feed(report.read_text("utf-8"))
    return read_jsonl(out), read_jsonl(folder / "articles.jsonl.runs.jsonl"), parser, report


def as_dict(table):
    header, *rows = table
    return {row[0]: dict(zip(header[1:], row[1:])) for row in rows}


def test_every_chart_is_there_with_its_data(crawl):
    records, runs, parser, report = crawl
    assert parser.chart_divs == set(CHARTS)
    page = report.read_text("utf-8")
    assert page.count('"type":"bar"') >= 3 and '"type":"heatmap"' in page and '"type":"scatter"' in page
    # Self-contained: plotly.js inside, nothing loaded from elsewhere.
    assert "<script src=" not in page and 'rel="stylesheet"' not in page
    assert "Plotly.newPlot" in page and len(page) > 1_000_000


def test_articles_per_year_by_first_category(crawl):
    records, runs, parser, report = crawl
    expected = Counter((r["published"][:4], r["categories"][0] if r["categories"] else "(no category)")
                       for r in records if r["published"])
    table = as_dict(parser.tables["table-months"])
    for (year, category), count in expected.items():
        assert int(table[year][category]) == count, (year, category)
    assert sum(int(v) for year, row in table.items() if year != "total" for k, v in row.items() if k != "all") == len(records)
    assert int(table["total"]["all"]) == len(records)


def test_fill_rates_by_year(crawl):
    records, runs, parser, report = crawl
    table = as_dict(parser.tables["table-fill"])
    years = Counter(r["published"][:4] if r["published"] else "undated" for r in records)
    assert {year: int(row["articles"]) for year, row in table.items()} == dict(years)
    for year in years:
        of_year = [r for r in records if (r["published"] or "undated")[:4] == year[:4]]
        for field in FIELDS:
            rate = 100 * sum(1 for r in of_year if r[field] not in (None, "", [])) / len(of_year)
            assert float(table[year][field]) == round(rate, 1), (year, field)


def test_captions_and_copies_merged(crawl):
    records, runs, parser, report = crawl
    per_article = Counter(len(r["captions"]) for r in records)
    table = as_dict(parser.tables["table-captions"])
    assert {int(k): int(v["articles"]) for k, v in table.items() if int(v["articles"])} == dict(per_article)
    [copies] = parser.tables["table-captions-2"][1:]
    found, kept = runs[0]["caption_copies"]["found"], runs[0]["caption_copies"]["kept"]
    assert copies == ["run 1", str(runs[0]["article_pages"]), str(found), str(kept), str(found - kept)]
    assert found > kept >= sum(len(r["captions"]) for r in records)  # the sample repeats its captions


def test_top_authors(crawl):
    records, runs, parser, report = crawl
    authors = Counter(r["author"] for r in records if r["author"])
    header, *rows = parser.tables["table-authors"]
    shown = {name: int(n) for name, n in rows if name != "(no author)"}
    assert all(authors[name] == n for name, n in shown.items())
    assert len(shown) == min(20, len(authors))
    assert sorted(shown.values(), reverse=True) == sorted(authors.values(), reverse=True)[:len(shown)]
    assert dict(rows)["(no author)"] == str(sum(1 for r in records if not r["author"]))


def test_run_history(crawl):
    records, runs, parser, report = crawl
    header, *rows = parser.tables["table-runs"]
    [row] = rows
    run = dict(zip(header, row))
    assert int(run["pages"]) == sum(runs[0]["responses_by_status"].values())
    assert int(run["records"]) == len(records) and int(run["errors"]) == runs[0]["errors"]


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_opens_offline_in_headless_chromium(crawl, tmp_path):
    records, runs, parser, report = crawl
    profile = tempfile.mkdtemp(prefix="aacrawler-chromium-")
    # No network: every host name fails to resolve.
    common = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
              "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=10000", "--window-size=1200,2400"]
    try:
        dom = subprocess.run([*common, "--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=180)
        shot = tmp_path / "report.png"
        subprocess.run([*common, f"--screenshot={shot}", report.as_uri()], capture_output=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    # plotly.js ran: each chart drew its SVG.
    for chart in CHARTS:
        start = dom.stdout.index(f'id="chart-{chart}"')
        assert "main-svg" in dom.stdout[start:start + 3000], chart
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000

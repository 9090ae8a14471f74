"""`aacrawler report`: a first look at what a crawl's records hold, as one
HTML file that opens with no network (plotly.js is written into it).

Each section is a plotly chart and, under it, the same figures as a
table (`<table id="table-NAME">`) for readers who prefer numbers:

    months    articles per month, 2005-2017, by category (an article
              counted once, under its first category)
    fill      each field's fill rate by publication year
    captions  captions per article, and the caption copies merged into
              them (from OUT.runs.jsonl, counted on the pages each run read)
    authors   the most frequent bylines
    runs      the history of runs from OUT.runs.jsonl, when it is there
"""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs
from plotly.subplots import make_subplots

from ..output.sidecars import Sidecars

FIRST_YEAR, LAST_YEAR = 2005, 2017
TOP_CATEGORIES = 8
TOP_AUTHORS = 20
NO_CATEGORY, OTHER_CATEGORIES = "(no category)", "(other categories)"
UNDATED = "undated"
# The fields a data team asks about first; title, body, url and
# fetched_at are always there (RECORD.md).
FILL_FIELDS = ("media_id", "dateline", "captions", "author", "published", "categories", "tags", "image_url")


@dataclass
class Section:
    name: str
    title: str
    note: str
    figure: go.Figure
    tables: list[tuple[list[str], list[list]]] = field(default_factory=list)  # (header, rows)


def filled(value) -> bool:
    return value not in (None, "", [])


def year_of(record: dict) -> str:
    return str(record["published"].year) if record["published"] else UNDATED


def first_category(record: dict) -> str:
    return record["categories"][0] if record["categories"] else NO_CATEGORY


def months_section(records: list[dict]) -> Section:
    counts = Counter(first_category(r) for r in records)
    named = [c for c, _ in counts.most_common() if c != NO_CATEGORY][:TOP_CATEGORIES]
    groups = named + ([OTHER_CATEGORIES] if len(counts) - (NO_CATEGORY in counts) > len(named) else []) \
        + ([NO_CATEGORY] if NO_CATEGORY in counts else [])

    def group_of(record):
        category = first_category(record)
        return category if category in named or category == NO_CATEGORY else OTHER_CATEGORIES

    months = [f"{y}-{m:02d}" for y in range(FIRST_YEAR, LAST_YEAR + 1) for m in range(1, 13)]
    per_month = Counter()
    per_year = Counter()
    for record in records:
        published = record["published"]
        if published is None:
            row = UNDATED
        elif FIRST_YEAR <= published.year <= LAST_YEAR:
            per_month[(published.strftime("%Y-%m"), group_of(record))] += 1
            row = str(published.year)
        else:
            row = f"outside {FIRST_YEAR}-{LAST_YEAR}"
        per_year[(row, group_of(record))] += 1
    figure = go.Figure([go.Bar(name=group, x=months, y=[per_month[(m, group)] for m in months]) for group in groups])
    figure.update_layout(barmode="stack", xaxis_title="month of publication", yaxis_title="articles",
                         legend_title="first category")
    rows_order = [str(y) for y in range(FIRST_YEAR, LAST_YEAR + 1)] + [f"outside {FIRST_YEAR}-{LAST_YEAR}", UNDATED]
    rows = []
    for row in rows_order:
        values = [per_year[(row, group)] for group in groups]
        if sum(values) or row[0].isdigit():
            rows.append([row, *values, sum(values)])
    rows.append(["total", *[sum(per_year[(r, g)] for r in rows_order) for g in groups], len(records)])
    return Section("months", "Articles per month, by category",
                   "Each article counted once, under its first category; the table sums the months by year.",
                   figure, [(["year", *groups, "all"], rows)])


def fill_section(records: list[dict]) -> Section:
    by_year: dict[str, list[dict]] = {}
    for record in records:
        by_year.setdefault(year_of(record), []).append(record)
    years = sorted(y for y in by_year if y != UNDATED) + ([UNDATED] if UNDATED in by_year else [])
    rates = {(y, f): round(100 * sum(filled(r[f]) for r in by_year[y]) / len(by_year[y]), 1)
             for y in years for f in FILL_FIELDS}
    figure = go.Figure(go.Heatmap(x=years, y=list(FILL_FIELDS), z=[[rates[(y, f)] for y in years] for f in FILL_FIELDS],
                                  zmin=0, zmax=100, colorscale="Blues", colorbar_title="% filled",
                                  text=[[f"{rates[(y, f)]:g}%" for y in years] for f in FILL_FIELDS],
                                  texttemplate="%{text}", hovertemplate="%{y} in %{x}: %{z}% filled<extra></extra>"))
    figure.update_layout(xaxis_title="year of publication", xaxis_type="category", yaxis_autorange="reversed")
    rows = [[y, len(by_year[y]), *[rates[(y, f)] for f in FILL_FIELDS]] for y in years]
    return Section("fill", "Fill rate of each field, by year",
                   "Share of the year's articles (%) where the field has a value: not null, not an empty list. "
                   "Where media ID, captions or datelines are missing shows here.",
                   figure, [(["year", "articles", *FILL_FIELDS], rows)])


def caption_copies(runs: list[dict]) -> list[tuple[int, dict]]:
    """(run number, {pages, found, kept}) for the runs that counted them."""
    return [(number, {"pages": run.get("article_pages", 0), **run["caption_copies"]})
            for number, run in enumerate(runs, start=1) if run.get("caption_copies")]


def captions_section(records: list[dict], runs: list[dict]) -> Section:
    per_article = Counter(len(r["captions"]) for r in records)
    sizes = list(range(0, max(per_article, default=0) + 1))
    merged = caption_copies(runs)
    figure = make_subplots(rows=1, cols=2 if merged else 1, subplot_titles=(
        ["captions per article"] + (["caption copies found and captions kept, per run"] if merged else [])))
    figure.add_trace(go.Bar(name="articles", x=[str(s) for s in sizes], y=[per_article[s] for s in sizes]), row=1, col=1)
    figure.update_xaxes(title_text="distinct captions in the record", type="category", row=1, col=1)
    figure.update_yaxes(title_text="articles", row=1, col=1)
    tables = [(["captions", "articles"], [[s, per_article[s]] for s in sizes])]
    if merged:
        labels = [f"run {n}" for n, _ in merged]
        figure.add_trace(go.Bar(name="copies found", x=labels, y=[c["found"] for _, c in merged]), row=1, col=2)
        figure.add_trace(go.Bar(name="captions kept", x=labels, y=[c["kept"] for _, c in merged]), row=1, col=2)
        tables.append((["run", "article pages", "copies found", "captions kept", "copies merged"],
                       [[f"run {n}", c["pages"], c["found"], c["kept"], c["found"] - c["kept"]] for n, c in merged]))
    figure.update_layout(barmode="group")
    return Section("captions", "Captions per article, and the copies merged",
                   "A page often shows one caption two to four times (caption label, figcaption, image alt); "
                   "each record keeps each caption once. Copies are counted by the crawl on every article page it "
                   "read (OUT.runs.jsonl), so a page read twice counts twice.", figure, tables)


def authors_section(records: list[dict]) -> Section:
    counts = Counter(r["author"] for r in records if r["author"])
    top = counts.most_common(TOP_AUTHORS)
    figure = go.Figure(go.Bar(x=[n for _, n in top], y=[a for a, _ in top], orientation="h"))
    figure.update_layout(xaxis_title="articles", yaxis_autorange="reversed", height=max(300, 28 * len(top) + 120))
    rows = [[author, n] for author, n in top]
    rows.append(["(no author)", sum(1 for r in records if not r["author"])])
    return Section("authors", f"Top authors (the {TOP_AUTHORS} most frequent bylines)",
                   f"{len(counts)} distinct bylines in all.", figure, [(["author", "articles"], rows)])


def run_figures(run: dict) -> dict:
    started, finished = (datetime.fromisoformat(run[k].replace("Z", "+00:00")) for k in ("started_at", "finished_at"))
    seconds = max((finished - started).total_seconds(), 1e-3)
    pages = sum((run.get("responses_by_status") or {}).values())
    return {"started": run["started_at"], "mode": run.get("mode") or "", "status": run.get("status") or "",
            "pages": pages, "records": run.get("articles_written", 0), "errors": run.get("errors", 0),
            "rate": round(pages / seconds, 2)}


def runs_section(runs: list[dict]) -> Section | None:
    if not runs:
        return None
    figures = [run_figures(run) for run in runs]
    labels = [f"run {n}" for n in range(1, len(runs) + 1)]
    measures = (("pages", "pages fetched"), ("records", "records written"), ("errors", "errors"), ("rate", "pages per second"))
    figure = make_subplots(rows=len(measures), cols=1, shared_xaxes=True, subplot_titles=[t for _, t in measures])
    for row, (key, title) in enumerate(measures, start=1):
        figure.add_trace(go.Scatter(name=title, x=labels, y=[f[key] for f in figures], mode="lines+markers"), row=row, col=1)
    figure.update_layout(height=720, showlegend=False)
    rows = [[label, f["started"], f["mode"], f["status"], f["pages"], f["records"], f["errors"], f["rate"]]
            for label, f in zip(labels, figures)]
    return Section("runs", "History of runs", "One point per run in OUT.runs.jsonl (pages are responses received).",
                   figure, [(["run", "started", "mode", "status", "pages", "records", "errors", "pages/s"], rows)])


def read_runs(out: Path) -> list[dict]:
    path = Sidecars(out).runs
    runs = []
    if path.exists():
        for line in path.read_text("utf-8").splitlines():
            try:
                run = json.loads(line)
                run_figures(run)  # a summary without its times is skipped
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
            runs.append(run)
    return runs


def table_html(name: str, header: list[str], rows: list[list], index: int) -> str:
    suffix = "" if index == 0 else f"-{index + 1}"
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for row in rows)
    return f'<table class="figures" id="table-{name}{suffix}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { margin-bottom: .2em; } .meta { color: #555; margin-top: 0; }
section { margin: 2.5em 0; } .note { color: #555; }
table.figures { border-collapse: collapse; font-size: 13px; margin: .8em 0; }
table.figures th, table.figures td { border: 1px solid #ccc; padding: 2px 8px; text-align: right; }
table.figures th:first-child, table.figures td:first-child { text-align: left; }
table.figures th { background: #f2f2f2; }
"""


def render(records: list[dict], runs: list[dict], source: str) -> str:
    sections = [months_section(records), fill_section(records), captions_section(records, runs), authors_section(records)]
    history = runs_section(runs)
    if history is not None:
        sections.append(history)
    dates = sorted(r["published"] for r in records if r["published"])
    span = f", published {dates[0]} to {dates[-1]}" if dates else ""
    parts = []
    for section in sections:
        section.figure.update_layout(template="plotly_white", margin=dict(t=40, b=40))
        chart = section.figure.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{section.name}",
                                       config={"displaylogo": False, "responsive": True})
        tables = "".join(table_html(section.name, header, rows, i) for i, (header, rows) in enumerate(section.tables))
        parts.append(f'<section id="{section.name}"><h2>{html.escape(section.title)}</h2>'
                     f'<p class="note">{html.escape(section.note)}</p>{chart}{tables}</section>')
    made = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>aacrawler report: {html.escape(source)}</title>'
            f"<style>{STYLE}</style><script>{get_plotlyjs()}</script></head><body>"
            f"<h1>What the records hold</h1><p class=\"meta\">{html.escape(source)}: {len(records)} articles{span};"
            f" {len(runs)} run(s) in its history. Made by aacrawler on {made}.</p>"
            + "".join(parts) + "</body></html>\n")

"""`aacrawler load`: JSON Lines files into the `articles` table, as one
upsert in one transaction (see stores.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .columns import latest_per_article
from .source import read_rows
from .stores import Upserted, open_store


@dataclass
class Loaded:
    records: int = 0
    upserted: Upserted = field(default_factory=Upserted)
    problems: list[str] = field(default_factory=list)
    rows_after: int = 0


def load_files(paths: list[Path], url: str | None, announce=None) -> Loaded:
    """Read every file first (bad lines collected), then one upsert.
    Raises SourceError / StoreError with a one-line reason."""
    result = Loaded()
    rows: list[tuple] = []
    for path in paths:
        read = read_rows(path)
        rows.extend(read.rows)
        result.problems.extend(read.problems)
    result.records = len(rows)
    articles = latest_per_article(rows)
    store = open_store(url)
    try:
        if announce is not None:
            announce(len(articles))
        result.upserted = store.upsert(articles)
        result.rows_after = store.count()
    finally:
        store.close()
    return result

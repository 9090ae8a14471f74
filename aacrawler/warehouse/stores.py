"""Where rows go: a DuckDB file (the embedded default) or PostgreSQL.

`open_store(url)` takes `postgresql://…` (or `postgres://…`), else a
DuckDB file: a path, or `duckdb:///path`. Every store's `upsert(rows)`
is one transaction: all of the rows, or none of them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = "data/articles.duckdb"


class StoreError(Exception):
    """The database cannot be opened or written: one line for the user."""


@dataclass
class Upserted:
    new: int = 0
    replaced: int = 0  # by a record fetched later
    unchanged: int = 0  # already there, fetched as late or later

    def __add__(self, other: "Upserted") -> "Upserted":
        return Upserted(self.new + other.new, self.replaced + other.replaced, self.unchanged + other.unchanged)


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def duckdb_path(url: str) -> Path:
    return Path(url[len("duckdb://"):] if url.startswith("duckdb://") else url)


def open_store(url: str | None = None):
    url = url or DEFAULT_DB
    if is_postgres(url):
        from .postgres_store import PostgresStore

        return PostgresStore.open(url)
    if "://" in url and not url.startswith("duckdb://"):
        raise StoreError(f"--db {url}: not a postgresql:// URL nor a DuckDB file")
    from .duckdb_store import DuckDBStore

    return DuckDBStore.open(duckdb_path(url))


def describe(url: str | None) -> str:
    """The database named for a message, without a password."""
    url = url or DEFAULT_DB
    if is_postgres(url):
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        host = parts.hostname or "localhost"
        return f"postgresql://{host}{f':{parts.port}' if parts.port else ''}{parts.path}"
    return str(duckdb_path(url))


def first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def check_database(url: str) -> None:
    """Open (creating the table) and close: StoreError if it cannot."""
    open_store(url).close()

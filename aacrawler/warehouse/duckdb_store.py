"""The `articles` table in a DuckDB file: rows staged as an Arrow table,
merged with one INSERT … ON CONFLICT inside one transaction."""

from __future__ import annotations

import contextlib
from pathlib import Path

import duckdb

from .columns import COLUMNS, NAMES, TABLE, TABLE_COMMENT, arrow_table
from .stores import StoreError, Upserted, first_line

_UPDATE = ", ".join(f"{name} = excluded.{name}" for name in NAMES if name != "article_key")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class DuckDBStore:
    def __init__(self, connection, path: Path):
        self.connection = connection
        self.path = path

    @classmethod
    def open(cls, path: Path) -> "DuckDBStore":
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = duckdb.connect(str(path))
        except (duckdb.Error, OSError) as error:
            raise StoreError(f"{path}: cannot open the DuckDB database ({first_line(error)})") from None
        store = cls(connection, path)
        try:
            store.create_table()
        except duckdb.Error as error:
            connection.close()
            raise StoreError(f"{path}: cannot create the table {TABLE} ({first_line(error)})") from None
        except StoreError:
            connection.close()
            raise
        return store

    def create_table(self) -> None:
        connection = self.connection
        connection.execute("SET TimeZone = 'UTC'")
        exists = connection.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [TABLE]).fetchone()[0]
        if exists:
            have = [row[0] for row in connection.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [TABLE]).fetchall()]
            if tuple(have) != NAMES:
                raise StoreError(f"{self.path}: a table {TABLE} exists with other columns ({', '.join(have)})")
            return
        columns = ",\n  ".join(f"{c.name} {c.duckdb}" for c in COLUMNS)
        connection.execute("BEGIN")
        connection.execute(f"CREATE TABLE {TABLE} (\n  {columns}\n)")
        connection.execute(f"COMMENT ON TABLE {TABLE} IS {_quote(TABLE_COMMENT)}")
        for column in COLUMNS:
            connection.execute(f"COMMENT ON COLUMN {TABLE}.{column.name} IS {_quote(column.comment)}")
        connection.execute("COMMIT")

    def upsert(self, rows: list[tuple]) -> Upserted:
        """Rows with distinct keys (columns.latest_per_article), all in
        one transaction: an exception leaves the table as it was."""
        if not rows:
            return Upserted()
        connection = self.connection
        staging = arrow_table(rows)
        connection.register("staging", staging)
        try:
            connection.execute("BEGIN")
            new, replaced = connection.execute(
                f"SELECT count(*) FILTER (WHERE a.article_key IS NULL),"
                f" count(*) FILTER (WHERE s.fetched_at > a.fetched_at)"
                f" FROM staging s LEFT JOIN {TABLE} a USING (article_key)").fetchone()
            connection.execute(
                f"INSERT INTO {TABLE} SELECT * FROM staging ON CONFLICT (article_key)"
                f" DO UPDATE SET {_UPDATE} WHERE excluded.fetched_at > {TABLE}.fetched_at")
            connection.execute("COMMIT")
        except BaseException as error:
            with contextlib.suppress(duckdb.Error):
                connection.execute("ROLLBACK")
            if isinstance(error, duckdb.Error):
                raise StoreError(f"{self.path}: nothing loaded ({first_line(error)})") from None
            raise
        finally:
            connection.unregister("staging")
        return Upserted(new, replaced, len(rows) - new - replaced)

    def count(self) -> int:
        return self.connection.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0]

    def close(self) -> None:
        self.connection.close()


"""The `articles` table in PostgreSQL (psycopg 3): rows COPied into a
temporary table, merged with one INSERT … ON CONFLICT, one transaction.
Researchers' extras: a full-text column `search` (title weighted above
body) with a GIN index, an index on `published`, and every column
documented with COMMENT ON (`\\d+ articles` in psql shows them)."""

from __future__ import annotations

import psycopg

from .columns import COLUMNS, NAMES, TABLE, TABLE_COMMENT
from .stores import StoreError, Upserted, first_line, describe

SEARCH = "search"
SEARCH_COMMENT = ("Full-text vector of title (weight A) and body (weight B), English configuration; "
                  "query with: search @@ websearch_to_tsquery('english', '...')")
_SEARCH_DDL = (f"{SEARCH} tsvector GENERATED ALWAYS AS ("
               "setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) STORED")
_COLUMN_LIST = ", ".join(NAMES)
_UPDATE = ", ".join(f"{name} = excluded.{name}" for name in NAMES if name != "article_key")
# Any number: two loads creating the table at once take turns on it.
_CREATE_LOCK = 716_016


def _staging_type(postgres_type: str) -> str:
    return postgres_type.replace(" PRIMARY KEY", "").replace(" NOT NULL", "")


class PostgresStore:
    def __init__(self, connection, url: str):
        self.connection = connection
        self.url = url

    @classmethod
    def open(cls, url: str) -> "PostgresStore":
        try:
            connection = psycopg.connect(url, connect_timeout=10)
        except psycopg.Error as error:
            raise StoreError(f"{describe(url)}: cannot connect to PostgreSQL ({first_line(error)})") from None
        store = cls(connection, url)
        try:
            store.create_table()
        except psycopg.Error as error:
            connection.close()
            raise StoreError(f"{describe(url)}: cannot create the table {TABLE} ({first_line(error)})") from None
        except StoreError:
            connection.close()
            raise
        return store

    def create_table(self) -> None:
        with self.connection.transaction(), self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CREATE_LOCK])
            cursor.execute("SELECT column_name FROM information_schema.columns"
                           " WHERE table_schema = current_schema() AND table_name = %s ORDER BY ordinal_position", [TABLE])
            have = tuple(row[0] for row in cursor.fetchall())
            if have:
                if have != NAMES + (SEARCH,):
                    raise StoreError(f"{describe(self.url)}: a table {TABLE} exists with other columns ({', '.join(have)})")
                return
            columns = ",\n  ".join([f"{c.name} {c.postgres}" for c in COLUMNS] + [_SEARCH_DDL])
            cursor.execute(f"CREATE TABLE {TABLE} (\n  {columns}\n)")
            cursor.execute(f"CREATE INDEX {TABLE}_{SEARCH}_idx ON {TABLE} USING GIN ({SEARCH})")
            cursor.execute(f"CREATE INDEX {TABLE}_published_idx ON {TABLE} (published)")
            cursor.execute(f"COMMENT ON TABLE {TABLE} IS {_literal(TABLE_COMMENT)}")
            for name, comment in [(c.name, c.comment) for c in COLUMNS] + [(SEARCH, SEARCH_COMMENT)]:
                cursor.execute(f"COMMENT ON COLUMN {TABLE}.{name} IS {_literal(comment)}")

    def upsert(self, rows: list[tuple]) -> Upserted:
        """Rows with distinct keys, in one transaction (see module doc)."""
        if not rows:
            return Upserted()
        try:
            return self._upsert(rows)
        except psycopg.Error as error:
            raise StoreError(f"{describe(self.url)}: nothing loaded ({first_line(error)})") from None

    def _upsert(self, rows: list[tuple]) -> Upserted:
        staging = ", ".join(f"{c.name} {_staging_type(c.postgres)}" for c in COLUMNS)
        with self.connection.transaction(), self.connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMPORARY TABLE staging ({staging}) ON COMMIT DROP")
            with cursor.copy(f"COPY staging ({_COLUMN_LIST}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"SELECT count(*) FILTER (WHERE a.article_key IS NULL),"
                f" count(*) FILTER (WHERE s.fetched_at > a.fetched_at)"
                f" FROM staging s LEFT JOIN {TABLE} a USING (article_key)")
            new, replaced = cursor.fetchone()
            cursor.execute(
                f"INSERT INTO {TABLE} ({_COLUMN_LIST}) SELECT {_COLUMN_LIST} FROM staging"
                f" ON CONFLICT (article_key) DO UPDATE SET {_UPDATE} WHERE excluded.fetched_at > {TABLE}.fetched_at")
        return Upserted(new, replaced, len(rows) - new - replaced)

    def count(self) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE}")
            count = cursor.fetchone()[0]
        self.connection.rollback()  # end the read's transaction
        return count

    def close(self) -> None:
        self.connection.close()


def _literal(text: str) -> str:
    # COMMENT ON takes no parameters; the comments are ours, quoted anyway.
    return "'" + text.replace("'", "''") + "'"


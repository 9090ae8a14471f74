"""The `articles` table: RECORD.md's fields with their real types, plus
the article key they are known by. One list, so DuckDB, PostgreSQL,
Parquet and CSV cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

import pyarrow as pa

from ..keys import article_key

TABLE = "articles"


@dataclass(frozen=True)
class Column:
    name: str
    duckdb: str
    postgres: str
    arrow: pa.DataType
    comment: str


_TEXT, _LIST = pa.string(), pa.list_(pa.string())

COLUMNS = (
    Column("article_key", "VARCHAR PRIMARY KEY", "text PRIMARY KEY", _TEXT,
           "How the article is known: media:<Media ID>, else url:<URL without scheme, www., trailing slash>"),
    Column("url", "VARCHAR NOT NULL", "text NOT NULL", _TEXT, "The article's URL (its canonical when on the archive's host)"),
    Column("media_id", "VARCHAR", "text", _TEXT, "The digits after 'Media ID:' on the page; null when it has none"),
    Column("title", "VARCHAR NOT NULL", "text NOT NULL", _TEXT, "The headline"),
    Column("dateline", "VARCHAR", "text", _TEXT, "The dateline opening the body, without its dash (Beirut, Asharq Al-Awsat)"),
    Column("caption", "VARCHAR", "text", _TEXT, "The first of captions, or null"),
    Column("captions", "VARCHAR[] NOT NULL", "text[] NOT NULL", _LIST, "Every distinct image caption, in order of first appearance"),
    Column("body", "VARCHAR NOT NULL", "text NOT NULL", _TEXT, "The article text, paragraphs joined by one blank line"),
    Column("author", "VARCHAR", "text", _TEXT, "The byline; null when the page gives none"),
    Column("published", "DATE", "date", pa.date32(), "Publication date as written on the page; null when it gives none"),
    Column("categories", "VARCHAR[] NOT NULL", "text[] NOT NULL", _LIST, "Category names, as shown"),
    Column("tags", "VARCHAR[] NOT NULL", "text[] NOT NULL", _LIST, "Tag names, as shown"),
    Column("image_url", "VARCHAR", "text", _TEXT, "Absolute URL of the article's main image"),
    Column("word_count", "INTEGER NOT NULL", "integer NOT NULL", pa.int32(), "Whitespace-separated words in body"),
    Column("fetched_at", "TIMESTAMPTZ NOT NULL", "timestamptz NOT NULL", pa.timestamp("us", tz="UTC"),
           "When the page was fetched (UTC); a row is replaced only by a record fetched later"),
)
NAMES = tuple(column.name for column in COLUMNS)
TABLE_COMMENT = ("Articles of the Asharq Al-Awsat English archive (2005-2017), one row per article, "
                 "loaded by aacrawler from its JSON Lines records (RECORD.md)")
ARROW_SCHEMA = pa.schema([pa.field(c.name, c.arrow, nullable="NOT NULL" not in c.duckdb) for c in COLUMNS])


def parse_timestamp(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"fetched_at {text!r} has no time zone")
    return moment.astimezone(timezone.utc)


def _typed(name: str, parse, text):
    try:
        return parse(text)
    except ValueError as error:
        raise ValueError(f"{name} {text!r} is not a real date or time ({error})") from None


INT32_MAX = 2**31 - 1


def record_row(record: dict) -> tuple:
    """A schema-valid record as a row of typed values, in COLUMNS order.
    ValueError when a date or time does not parse."""
    published = record.get("published")
    if not 0 <= int(record["word_count"]) <= INT32_MAX:
        raise ValueError(f"word_count {record['word_count']} does not fit an INTEGER")
    return (
        article_key(record),
        record["url"],
        record.get("media_id"),
        record["title"],
        record.get("dateline"),
        record.get("caption"),
        list(record.get("captions") or []),
        record["body"],
        record.get("author"),
        _typed("published", date.fromisoformat, published) if published else None,
        list(record.get("categories") or []),
        list(record.get("tags") or []),
        record.get("image_url"),
        int(record["word_count"]),
        _typed("fetched_at", parse_timestamp, record["fetched_at"]),
    )


KEY, FETCHED_AT = NAMES.index("article_key"), NAMES.index("fetched_at")


def latest_per_article(rows) -> list[tuple]:
    """One row per article key: the one fetched last (the later line on a
    tie, as in OUT, where a refreshed record follows the one it replaces)."""
    latest: dict[str, tuple] = {}
    for row in rows:
        held = latest.get(row[KEY])
        if held is None or row[FETCHED_AT] >= held[FETCHED_AT]:
            latest[row[KEY]] = row
    return list(latest.values())


def arrow_table(rows: list[tuple]) -> pa.Table:
    columns = list(zip(*rows)) if rows else [[] for _ in COLUMNS]
    return pa.Table.from_arrays([pa.array(values, type=column.arrow) for values, column in zip(columns, COLUMNS)],
                                schema=ARROW_SCHEMA)

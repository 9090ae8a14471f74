"""`aacrawler export`: Parquet with the table's column types, CSV with
lists joined by a line feed; one row per article; bad lines named."""

import csv
from datetime import date, datetime, timezone

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from .helpers import aacrawler
from .warehouse_support import record, write_jsonl

REFRESHED = record(1, title="Article 1, updated", fetched_at="2026-12-02T10:00:00Z")
NO_DATE = record(3, published=None, captions=[], caption=None, tags=[], author=None)


def test_parquet_has_the_column_types(tmp_path):
    source = write_jsonl(tmp_path / "out.jsonl", [record(1), record(2), NO_DATE, REFRESHED])
    target = tmp_path / "articles.parquet"
    result = aacrawler("export", str(source), "--format", "parquet", "-o", str(target))
    assert result.returncode == 0, result.stderr
    table = pq.read_table(target)
    schema = {field.name: field.type for field in table.schema}
    assert schema["published"] == pa.date32()
    assert schema["fetched_at"] == pa.timestamp("us", tz="UTC")
    assert schema["captions"] == schema["categories"] == schema["tags"] == pa.list_(pa.string())
    assert schema["word_count"] == pa.int32()
    rows = {row["article_key"]: row for row in table.to_pylist()}
    assert len(rows) == 3  # one row per article: the later fetch of article 1
    assert rows["media:55330001"]["title"] == "Article 1, updated"
    assert rows["media:55330002"]["published"] == date(2014, 7, 26)
    assert rows["media:55330002"]["fetched_at"] == datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)
    assert rows["media:55330003"]["published"] is None and rows["media:55330003"]["captions"] == []
    # Another reader sees the same types.
    types = {row[0]: row[1] for row in duckdb.sql(f"DESCRIBE SELECT * FROM '{target}'").fetchall()}
    assert types["published"] == "DATE" and types["fetched_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["tags"] == "VARCHAR[]" and types["word_count"] == "INTEGER"


def test_csv_joins_lists_with_a_line_feed(tmp_path):
    source = write_jsonl(tmp_path / "out.jsonl", [record(1), NO_DATE])
    target = tmp_path / "articles.csv"
    result = aacrawler("export", str(source), "--format", "csv", "-o", str(target))
    assert result.returncode == 0, result.stderr
    with target.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0])[:3] == ["article_key", "url", "media_id"]
    first, second = rows
    assert first["captions"].split("\n") == ["Delegates arrive in Cairo. (AFP)", "The hall before the talks"]
    assert first["categories"].split("\n") == ["Middle East", "News"]
    assert first["body"] == "Talks resumed on Monday, article 1.\n\nBoth sides sent delegations."
    assert first["published"] == "2014-07-26" and first["fetched_at"] == "2026-11-25T10:00:00Z"
    assert first["word_count"] == "12"
    assert second["published"] == "" and second["captions"] == "" and second["author"] == ""


def test_bad_line_named_and_an_unwritable_target_is_one_line(tmp_path):
    source = write_jsonl(tmp_path / "out.jsonl", [record(1), "not json", record(2)])
    target = tmp_path / "articles.parquet"
    result = aacrawler("export", str(source), "--format", "parquet", "-o", str(target))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{source}:2: not a JSON record")
    assert pq.read_table(target).num_rows == 2
    folder = aacrawler("export", str(source), "--format", "csv", "-o", str(tmp_path))
    assert folder.returncode == 2 and folder.stderr.strip() == f"aacrawler: error: -o {tmp_path}: is a folder"

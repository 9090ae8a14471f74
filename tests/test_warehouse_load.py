"""`aacrawler load` on both backends (a DuckDB file; a real PostgreSQL on
127.0.0.1): typed columns, upsert by article key, a refreshed record
replacing the one it supersedes, bad lines named and left out whole."""

from datetime import date, datetime, timezone

from .helpers import aacrawler
from .warehouse_support import column_types, record, table_rows, write_jsonl

URL_ONLY = record(3, media_id=None, url="https://eng-archive.aawsat.com/theaawsat/opinion/no-media-id/",
                  dateline=None, caption=None, captions=[], author=None, published=None, categories=[], tags=[],
                  image_url=None, word_count=7, fetched_at="2026-11-25T10:00:05Z")


def load(path, db):
    return aacrawler("load", str(path), "--db", db)


def test_load_gives_typed_columns_and_the_records_values(db_url, tmp_path):
    source = write_jsonl(tmp_path / "out.jsonl", [record(1), record(2, published="2009-01-31"), URL_ONLY])
    result = load(source, db_url)
    assert result.returncode == 0, result.stderr
    assert "3 new" in result.stdout and "holds 3 rows" in result.stdout

    types = column_types(db_url)
    if db_url.startswith("postgresql://"):
        expected = {"published": "date", "fetched_at": "timestamp with time zone", "captions": "text[]",
                    "categories": "text[]", "tags": "text[]", "word_count": "integer", "title": "text", "search": "tsvector"}
    else:
        expected = {"published": "DATE", "fetched_at": "TIMESTAMP WITH TIME ZONE", "captions": "VARCHAR[]",
                    "categories": "VARCHAR[]", "tags": "VARCHAR[]", "word_count": "INTEGER", "title": "VARCHAR"}
    assert {name: types[name] for name in expected} == expected

    rows = {row["article_key"]: row for row in table_rows(db_url)}
    assert sorted(rows) == ["media:55330001", "media:55330002", "url:eng-archive.aawsat.com/theaawsat/opinion/no-media-id"]
    first = rows["media:55330001"]
    assert first["published"] == date(2014, 7, 26)
    assert first["fetched_at"] == datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)
    assert first["captions"] == ["Delegates arrive in Cairo. (AFP)", "The hall before the talks"]
    assert first["categories"] == ["Middle East", "News"] and first["tags"] == ["Egypt", "Gaza"]
    assert first["word_count"] == 12 and first["dateline"] == "Cairo, Asharq Al-Awsat"
    assert rows["media:55330002"]["published"] == date(2009, 1, 31)
    no_media = rows["url:eng-archive.aawsat.com/theaawsat/opinion/no-media-id"]
    assert no_media["media_id"] is None and no_media["published"] is None and no_media["author"] is None
    assert no_media["captions"] == [] and no_media["tags"] == []


def test_loading_the_same_file_again_changes_nothing(db_url, tmp_path):
    source = write_jsonl(tmp_path / "out.jsonl", [record(1), record(2), URL_ONLY])
    assert load(source, db_url).returncode == 0
    before = table_rows(db_url)
    again = load(source, db_url)
    assert again.returncode == 0, again.stderr
    assert "0 new, 0 replaced by a later fetch, 3 unchanged" in again.stdout
    assert table_rows(db_url) == before


def test_a_record_fetched_later_replaces_the_one_it_supersedes(db_url, tmp_path):
    assert load(write_jsonl(tmp_path / "week1.jsonl", [record(1), record(2)]), db_url).returncode == 0
    # A --refresh crawl found article 1 changed; another file holds an
    # older copy of article 2, which must not win over the newer one.
    refreshed = record(1, title="Article 1 on the talks in Cairo, updated", word_count=13,
                       fetched_at="2026-12-02T10:00:00Z")
    stale = record(2, title="An older version of article 2", fetched_at="2026-11-01T10:00:00Z")
    result = load(write_jsonl(tmp_path / "week2.jsonl", [refreshed, stale, record(4)]), db_url)
    assert result.returncode == 0, result.stderr
    assert "1 new, 1 replaced by a later fetch, 1 unchanged" in result.stdout
    rows = {row["article_key"]: row for row in table_rows(db_url)}
    assert len(rows) == 3
    assert rows["media:55330001"]["title"] == "Article 1 on the talks in Cairo, updated"
    assert rows["media:55330001"]["word_count"] == 13
    assert rows["media:55330001"]["fetched_at"] == datetime(2026, 12, 2, 10, 0, tzinfo=timezone.utc)
    assert rows["media:55330002"]["title"] == "Article 2 on the talks in Cairo"


def test_one_file_with_two_versions_of_an_article_keeps_the_later(db_url, tmp_path):
    # OUT of a --refresh run killed before it compacted OUT.
    lines = [record(1), record(1, title="Second version", fetched_at="2026-11-26T09:00:00Z")]
    assert load(write_jsonl(tmp_path / "out.jsonl", lines), db_url).returncode == 0
    [row] = table_rows(db_url)
    assert row["title"] == "Second version"


def test_bad_lines_are_named_and_the_rest_loaded(db_url, tmp_path):
    source = write_jsonl(tmp_path / "out.jsonl", [
        record(1),
        '{"url": "https://eng-archive.aawsat.com/x/", "title": "cut',  # torn JSON
        {k: v for k, v in record(5).items() if k != "title"},  # no title
        record(6, published="2014-02-30"),  # a date that does not exist
        "[1, 2]",
        record(2),
    ])
    result = load(source, db_url)
    assert result.returncode == 1
    problems = [line for line in result.stderr.strip().splitlines() if not line.startswith("aacrawler: loading")]
    assert [line.split(": ")[0] for line in problems] == [f"{source}:{n}" for n in (2, 3, 4, 5)]
    assert "not a JSON record" in problems[0]
    assert "title" in problems[1]
    assert "2014-02-30" in problems[2]
    assert "not a JSON object" in problems[3]
    assert "Traceback" not in result.stderr
    assert "4 bad line(s) left out" in result.stdout
    # Nothing of the bad lines, all of the good ones.
    assert [row["article_key"] for row in table_rows(db_url)] == ["media:55330001", "media:55330002"]


def test_a_file_that_cannot_be_read_is_one_line(db_url, tmp_path):
    result = load(tmp_path / "missing.jsonl", db_url)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"aacrawler: error: {tmp_path / 'missing.jsonl'}: cannot be read (No such file or directory)"]

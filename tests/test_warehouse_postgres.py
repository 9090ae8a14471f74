"""PostgreSQL extras (full-text search, COMMENT ON), and a load killed in
the middle of its transaction, on a real server on 127.0.0.1."""

import signal
import subprocess

import psycopg
import pytest

from .helpers import ROOT, aacrawler, wait_for
from .warehouse_support import AACRAWLER, needs_postgres, new_database, record, table_rows, write_jsonl

pytestmark = needs_postgres


def test_full_text_search_over_title_and_body(postgres, tmp_path):
    db = new_database(postgres)
    lines = [record(1, title="Gaza truce holds", body="Negotiators met in Cairo.\n\nThe ceasefire was extended."),
             record(2, title="Oil prices fall", body="Brent crude fell below 50 dollars."),
             record(3, title="Markets in Riyadh", body="Traders watched oil prices and the truce talks.")]
    assert aacrawler("load", str(write_jsonl(tmp_path / "out.jsonl", lines)), "--db", db).returncode == 0
    with psycopg.connect(db) as connection:
        found = connection.execute(
            "SELECT media_id FROM articles WHERE search @@ websearch_to_tsquery('english', %s)"
            " ORDER BY ts_rank(search, websearch_to_tsquery('english', %s)) DESC, media_id", ["truce", "truce"]).fetchall()
        # Title (weight A) ranks above body (weight B); stemming finds "prices" for "price".
        assert [m for (m,) in found] == ["55330001", "55330003"]
        assert connection.execute("SELECT count(*) FROM articles WHERE search @@ to_tsquery('english', 'price')").fetchone()[0] == 2
        index = connection.execute(
            "SELECT am.amname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " JOIN pg_am am ON am.oid = c.relam WHERE i.indrelid = 'articles'::regclass AND am.amname = 'gin'").fetchall()
        assert len(index) == 1 and "(search)" in index[0][1]


def test_every_column_is_documented(postgres, tmp_path):
    db = new_database(postgres)
    assert aacrawler("load", str(write_jsonl(tmp_path / "out.jsonl", [record(1)])), "--db", db).returncode == 0
    with psycopg.connect(db) as connection:
        comments = dict(connection.execute(
            "SELECT attname, col_description(attrelid, attnum) FROM pg_attribute"
            " WHERE attrelid = 'articles'::regclass AND attnum > 0 AND NOT attisdropped").fetchall())
        table_comment = connection.execute("SELECT obj_description('articles'::regclass, 'pg_class')").fetchone()[0]
    assert len(comments) == 16  # the record's 14 fields, the key, the search vector
    assert all(comments.values()), [name for name, text in comments.items() if not text]
    assert "Media ID" in comments["media_id"] and "UTC" in comments["fetched_at"]
    assert "Asharq Al-Awsat" in table_comment


def wait_for_copy(db, timeout=60):
    """Until a load's COPY into its staging table is under way."""
    with psycopg.connect(db, autocommit=True) as connection:
        wait_for(lambda: connection.execute("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY staging%'"
                                            " AND pid <> pg_backend_pid()").fetchone()[0],
                 timeout, "a load's COPY under way", interval=0.01)


def test_a_load_killed_in_its_transaction_leaves_the_table_as_it_was(postgres, tmp_path):
    db = new_database(postgres)
    assert aacrawler("load", str(write_jsonl(tmp_path / "first.jsonl", [record(1), record(2)])), "--db", db).returncode == 0
    before = table_rows(db)
    # Large enough that the COPY is still running when it is seen.
    big = write_jsonl(tmp_path / "big.jsonl", [record(n, body="word " * 2000, word_count=2000,
                                                      fetched_at="2026-12-01T00:00:00Z") for n in range(1, 20001)])
    process = subprocess.Popen([*AACRAWLER, "load", str(big), "--db", db], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_copy(db)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    assert table_rows(db) == before  # not one row of the killed load


@pytest.mark.parametrize("url, message", [
    ("postgresql://aacrawler@127.0.0.1:1/none", "cannot connect to PostgreSQL"),
    ("mysql://127.0.0.1/x", "not a postgresql:// URL nor a DuckDB file"),
])
def test_a_database_that_cannot_be_reached_is_one_line(url, message, tmp_path):
    result = aacrawler("load", str(write_jsonl(tmp_path / "out.jsonl", [record(1)])), "--db", url)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("aacrawler: error: ") and message in line

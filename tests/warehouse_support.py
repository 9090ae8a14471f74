"""For the warehouse tests: a real PostgreSQL server on 127.0.0.1 (Debian's
`postgresql` package: initdb in a temporary folder, pg_ctl start, as a
user other than root since the server refuses root), records written by
hand, and readers of the `articles` table that do not use the code under
test."""

from __future__ import annotations

import contextlib
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from datetime import timezone
from pathlib import Path

import pytest

from .helpers import free_port, wait_for

AACRAWLER = [sys.executable, "-m", "aacrawler.cli"]


def postgres_bin() -> Path | None:
    """The newest installed server's bin folder (/usr/lib/postgresql/N/bin)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name))
    return Path(found[-1]).parent if found else None


needs_postgres = pytest.mark.skipif(postgres_bin() is None, reason="PostgreSQL is not installed (.ci/run installs it)")


def as_server_user(command: list[str]) -> list[str]:
    # PostgreSQL will not run as root: CI runs as root, so run it as the
    # package's own `postgres` user.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextlib.contextmanager
def postgres_server(timeout: float = 60):
    """Yield the URL of a fresh server's `postgres` database."""
    bin_dir = postgres_bin()
    folder = Path(tempfile.mkdtemp(prefix="aacrawler-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    port = free_port()
    try:
        subprocess.run(as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", "aacrawler", "--auth=trust",
                                       "-E", "UTF8", "--locale=C.UTF-8"]),
                       check=True, capture_output=True, timeout=120)
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"),
                                       "-o", options, "start"]),
                       check=True, capture_output=True, timeout=120)
        # Ready when pg_isready says so; bounded, polled, no fixed wait.
        wait_for(lambda: subprocess.run([str(bin_dir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                                        capture_output=True).returncode == 0,
                 timeout, f"PostgreSQL accepting connections on 127.0.0.1:{port}", interval=0.1)
        yield f"postgresql://aacrawler@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def new_database(server_url: str) -> str:
    """A database of its own for one test."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + "/" + name


# --- Records written by hand --------------------------------------------

def record(number: int, **fields) -> dict:
    """A valid record (RECORD.md's keys in order); `fields` override."""
    base = {
        "url": f"https://eng-archive.aawsat.com/theaawsat/news-middle-east/article-{number}/",
        "media_id": str(55330000 + number),
        "title": f"Article {number} on the talks in Cairo",
        "dateline": "Cairo, Asharq Al-Awsat",
        "caption": "Delegates arrive in Cairo. (AFP)",
        "captions": ["Delegates arrive in Cairo. (AFP)", "The hall before the talks"],
        "body": f"Talks resumed on Monday, article {number}.\n\nBoth sides sent delegations.",
        "author": "Mohammed Nabil",
        "published": "2014-07-26",
        "categories": ["Middle East", "News"],
        "tags": ["Egypt", "Gaza"],
        "image_url": f"https://eng-archive.aawsat.com/wp-content/uploads/2014/07/{number}.jpg",
        "word_count": 12,
        "fetched_at": "2026-11-25T10:00:00Z",
    }
    base.update(fields)
    return base


def write_jsonl(path: Path, lines) -> Path:
    """Records (dicts) as JSON lines; str lines written as they are."""
    with path.open("w", encoding="utf-8") as file:
        for line in lines:
            file.write((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n")
    return path


# --- Reading the table back, with the drivers themselves ------------------

QUERY = ("SELECT article_key, url, media_id, title, dateline, caption, captions, body, author, published,"
         " categories, tags, image_url, word_count, fetched_at FROM articles ORDER BY article_key")
FIELDS = ("article_key", "url", "media_id", "title", "dateline", "caption", "captions", "body", "author",
          "published", "categories", "tags", "image_url", "word_count", "fetched_at")


def table_rows(url: str) -> list[dict]:
    """Every row of `articles` as a dict of Python values."""
    if url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(url) as connection:
            return [dict(zip(FIELDS, row)) for row in connection.execute(QUERY).fetchall()]
    import duckdb

    with duckdb.connect(url, read_only=True) as connection:
        return [dict(zip(FIELDS, row)) for row in connection.execute(QUERY).fetchall()]


def column_types(url: str) -> dict[str, str]:
    sql = ("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'articles'")
    if url.startswith("postgresql://"):
        import psycopg

        sql = ("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
               " WHERE attrelid = 'articles'::regclass AND attnum > 0 AND NOT attisdropped")
        with psycopg.connect(url) as connection:
            return dict(connection.execute(sql).fetchall())
    import duckdb

    with duckdb.connect(url, read_only=True) as connection:
        return dict(connection.execute(sql).fetchall())


def as_record(row: dict) -> dict:
    """A table row written back as RECORD.md's JSON values, to compare with OUT."""
    out = {k: v for k, v in row.items() if k != "article_key"}
    out["published"] = row["published"].isoformat() if row["published"] else None
    out["fetched_at"] = row["fetched_at"].astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return out

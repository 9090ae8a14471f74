"""Fixtures shared by several test modules (plain helpers are in
tests/helpers.py)."""

import pytest

from .warehouse_support import needs_postgres, new_database, postgres_bin, postgres_server


@pytest.fixture(scope="session")
def postgres():
    """One server for the session; each test takes a database of its own."""
    if postgres_bin() is None:
        pytest.skip("PostgreSQL is not installed (.ci/run installs it)")
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["duckdb", pytest.param("postgresql", marks=needs_postgres)])
def db_url(request, tmp_path):
    """Each case on both backends: a DuckDB file, a PostgreSQL database."""
    if request.param == "duckdb":
        return str(tmp_path / "articles.duckdb")
    return new_database(request.getfixturevalue("postgres"))

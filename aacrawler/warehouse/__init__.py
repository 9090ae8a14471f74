"""The records in a database, in Parquet and in a report (issue 16).

    columns.py   the `articles` table: one column list for DuckDB,
                 PostgreSQL, Parquet and CSV, and record → row conversion
    source.py    reading OUT.jsonl: bad lines named, the rest kept
    stores.py    where rows go: `open_store(url)` (a DuckDB file or a
                 postgresql:// URL), each load one upsert in one transaction
    duckdb_store.py, postgres_store.py   the two backends
    export.py    Parquet and CSV files
    report.py    one self-contained HTML report with plotly charts
    pipeline.py  `crawl --db`: records into the database as the crawl goes

No Scrapy import outside pipeline.py.
"""

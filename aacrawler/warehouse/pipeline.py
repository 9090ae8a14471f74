"""`crawl --db URL` (AACRAWLER_DB): the crawl's records go to the database
as well as to OUT, in batches, each batch one committed transaction.

OUT stays the record of truth, and the database follows it:

- a record is queued only once the feed has written it to OUT (the
  handler runs on `item_scraped` after the feed's, which was connected
  first, extensions being made before pipelines), so the database never
  holds a record that OUT lacks;
- a batch is committed every AACRAWLER_DB_BATCH records, or when
  AACRAWLER_DB_BATCH_SECONDS have gone by, and when the crawl closes;
- a SIGKILL loses the uncommitted batch from the database but not from
  OUT, so at its start a crawl catches the database up with OUT: every
  record of OUT upserted in one transaction. Upserts are keyed by
  article, so nothing is ever added twice, and a row is replaced only by
  a record fetched later.
"""

from __future__ import annotations

import logging
import time
from contextlib import closing

from scrapy import signals
from scrapy.exceptions import NotConfigured

from ..output.sidecars import output_path
from ..items import ArticleRecord
from .stores import StoreError, describe, open_store

# columns and source (pyarrow) are imported only when AACRAWLER_DB is set:
# Scrapy loads this class for every crawl, and most crawls have no --db.

logger = logging.getLogger(__name__)


class DatabasePipeline:
    # `stats` first, like the other pipelines: `aacrawler extract` makes
    # every stage with the stats alone (offline.py), where this one only
    # passes items on.
    def __init__(self, stats=None, crawler=None, url: str | None = None, batch: int = 100, seconds: float = 10.0):
        self.stats = stats
        self.crawler = crawler
        self.url = url
        self.batch_size = max(1, batch)
        self.seconds = seconds
        self.pending: list[tuple] = []
        self.last_commit = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        url = settings.get("AACRAWLER_DB")
        if not url:
            raise NotConfigured  # no database asked for: quietly off (Scrapy warns about a message)
        pipeline = cls(crawler.stats, crawler, url, settings.getint("AACRAWLER_DB_BATCH"),
                       settings.getfloat("AACRAWLER_DB_BATCH_SECONDS"))
        crawler.signals.connect(pipeline.item_scraped, signal=signals.item_scraped)
        return pipeline

    def open_spider(self, spider=None):
        if self.crawler is None:
            return
        out = output_path(self.crawler.settings)
        if out is None or not out.exists():
            return
        from .columns import latest_per_article
        from .source import read_rows

        # The torn last line of a killed run is left to the feed's repair.
        rows = read_rows(out, skip_torn_last_line=True).rows
        with closing(open_store(self.url)) as store:  # StoreError: the crawl does not start
            upserted = store.upsert(latest_per_article(rows))
        if upserted.new or upserted.replaced:
            logger.warning("%s: caught up with %s: %d records added, %d replaced",
                           describe(self.url), out, upserted.new, upserted.replaced)
        self.count("caught_up", upserted.new + upserted.replaced)

    def process_item(self, item, spider=None):
        return item  # written on item_scraped, once OUT has it

    def item_scraped(self, item, response=None, spider=None):
        if not isinstance(item, ArticleRecord):
            return
        from .columns import record_row

        self.pending.append(record_row(item.as_dict()))
        if len(self.pending) >= self.batch_size or time.monotonic() - self.last_commit >= self.seconds:
            self.commit()

    def commit(self) -> None:
        if not self.pending:
            return
        from .columns import latest_per_article

        rows, self.pending = self.pending, []
        try:
            # Opened per batch: between batches, others may read or load
            # (a DuckDB file takes one writing process at a time).
            with closing(open_store(self.url)) as store:
                store.upsert(latest_per_article(rows))
        except StoreError as error:
            # OUT has the records; the next crawl's catch-up loads them.
            logger.error("%s; %d records are in the output only, until the next crawl --db", error, len(rows))
            self.count("not_loaded", len(rows))
        else:
            self.count("loaded", len(rows))
            self.count("batches")
        self.last_commit = time.monotonic()

    def close_spider(self, spider=None):
        self.commit()

    def count(self, key: str, by: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"aacrawler/db/{key}", by)

"""The crawl's feed storage for local files: never half-written.

Appending (`-o`, scheduled runs): a torn last line is repaired first,
then each record reaches the file in one unbuffered write of its own.
Overwriting (`-O`): the old file stays whole until the new one is.
A failed write stops the crawl with one line; what was written is whole.
"""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy.extensions.feedexport import FileFeedStorage
from scrapy.utils.defer import deferred_from_coro

from .atomic import AtomicFile
from .lines import WholeLineFile, repair_torn_line
from .ours import check_ours

logger = logging.getLogger(__name__)


class LineSafeFileStorage(FileFeedStorage):
    def __init__(self, uri, *, feed_options=None, crawler=None):
        super().__init__(uri, feed_options=feed_options)
        self.crawler = crawler
        self.replacement: AtomicFile | None = None

    @classmethod
    def from_crawler(cls, crawler, uri, *, feed_options=None):
        return cls(uri, feed_options=feed_options, crawler=crawler)

    def open(self, spider):
        path = Path(self.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.write_mode == "wb":
            self.replacement = AtomicFile(path)
            file = self.replacement.open(buffering=0)
        else:
            check_ours(path)  # never repair or append to someone else's file
            if repair_torn_line(path):
                logger.warning("%s: a cut-off last line was removed", path)
            file = path.open("ab", buffering=0)
        return WholeLineFile(file, path, self._write_failed, self._count_lost)

    def store(self, file):
        if self.replacement is None:
            file.close()
        elif file.failed:
            self.replacement.discard()  # keep the old file whole
        else:
            self.replacement.commit()
        return None

    def _write_failed(self, error: OSError) -> None:
        logger.error("Cannot write the output %s: %s; stopping the crawl (the records written are whole)",
                     self.path, error.strerror or error)
        if self.crawler is not None and self.crawler.engine is not None:
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="output_error"))

    def _count_lost(self) -> None:
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value("aacrawler/output/not_written")

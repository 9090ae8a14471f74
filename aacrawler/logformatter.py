"""Log lines for dropped items, and for items a pipeline raised on: the
reason and the URL, never the item (a PageItem holds a whole page of
bytes)."""

from __future__ import annotations

import logging

from scrapy import logformatter

from .pipelines import DuplicateArticleDrop, NotAnArticleDrop


class QuietLogFormatter(logformatter.LogFormatter):
    def dropped(self, item, exception, response, spider=None):
        # Listings and other non-articles are expected: debug only.
        quiet = isinstance(exception, (NotAnArticleDrop, DuplicateArticleDrop))
        level = logging.DEBUG if quiet else logging.WARNING
        return {"level": level, "msg": "Dropped: %(reason)s", "args": {"reason": exception}}

    def scraped(self, item, response, spider=None):
        return {"level": logging.DEBUG, "msg": "Exported %(url)s", "args": {"url": getattr(item, "url", "")}}

    def item_error(self, item, exception, response, spider=None):
        # Scrapy adds the traceback: what a bug report needs, with the URL.
        url = getattr(item, "url", None) or getattr(response, "url", "")
        return {"level": logging.ERROR, "args": {"url": url},
                "msg": "Extraction failed on %(url)s: given up (an aacrawler bug: please report it with the page)"}

"""Log lines for dropped items: the reason and the URL, never the item
(a PageItem holds a whole page of bytes)."""

from __future__ import annotations

import logging

from scrapy import logformatter

from .pipelines import NotAnArticleDrop


class QuietLogFormatter(logformatter.LogFormatter):
    def dropped(self, item, exception, response, spider=None):
        # Listings and other non-articles are expected: debug only.
        level = logging.DEBUG if isinstance(exception, NotAnArticleDrop) else logging.WARNING
        if "duplicate article" in str(exception):
            level = logging.DEBUG
        return {"level": level, "msg": "Dropped: %(reason)s", "args": {"reason": exception}}

    def scraped(self, item, response, spider=None):
        return {"level": logging.DEBUG, "msg": "Exported %(url)s", "args": {"url": getattr(item, "url", "")}}

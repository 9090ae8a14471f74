"""The output add-on: a setting that follows from another, applied before
the crawler starts (Scrapy's add-on mechanism)."""

from __future__ import annotations


class OutputAddon:
    """AACRAWLER_OUTPUT=PATH is enough to get records at PATH: the JSON
    Lines feed is added (appending, as scheduled runs need), so the CLI,
    `scrapy crawl -s AACRAWLER_OUTPUT=…` and Scrapyd's `setting=` all
    write the same way."""

    def update_settings(self, settings):
        out = settings.get("AACRAWLER_OUTPUT")
        if not out:
            return
        feeds = dict(settings.getdict("FEEDS"))
        if str(out) not in {str(uri) for uri in feeds}:
            feeds[str(out)] = {"format": "jsonlines", "overwrite": False}
            settings.set("FEEDS", feeds, priority=max(settings.getpriority("FEEDS") or 0, settings.getpriority("AACRAWLER_OUTPUT")))

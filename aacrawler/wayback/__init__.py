"""Crawling the archive from the Internet Archive's Wayback Machine
(`aacrawler crawl --source wayback`, setting AACRAWLER_SOURCE=wayback).

    cdx.py        the CDX server API: one prefix query, JSON, resumeKey paging
    listing.py    that listing kept beside OUT (OUT.cdx.jsonl, OUT.cdx.json)
    captures.py   the capture map: URLs folded, the capture to read for a URL
    quality.py    a capture that is no real page (soft 404, empty, parked)
    source.py     the crawl's one Wayback source: polite requests, 429 pauses
    middleware.py the downloader middleware: site URL → capture → response
    hooks.py      start after the map; capture time as fetched_at; map-only
                  articles; provenance in OUT.captures.jsonl

The add-on below gives the two kinds of archive requests their own
download slots, from the per-minute settings (settings.py).
"""

from __future__ import annotations

from .source import CDX_SLOT, PLAYBACK_SLOT, is_wayback

__all__ = ["WaybackAddon"]


class WaybackAddon:
    """DOWNLOAD_SLOTS for the CDX server and playback: one request at a
    time, a fixed delay (no jitter: the limit is an average the delay must
    keep under). An entry the user set for either slot is kept."""

    def update_settings(self, settings):
        if not is_wayback(settings):
            return
        slots = dict(settings.getdict("DOWNLOAD_SLOTS"))
        for slot, per_minute in ((CDX_SLOT, "AACRAWLER_WAYBACK_CDX_PER_MINUTE"),
                                 (PLAYBACK_SLOT, "AACRAWLER_WAYBACK_PLAYBACK_PER_MINUTE")):
            rate = settings.getfloat(per_minute)
            slots.setdefault(slot, {"concurrency": 1, "delay": 60.0 / rate if rate > 0 else 0.0, "jitter": 0})
        settings.set("DOWNLOAD_SLOTS", slots, priority="addon")

"""Timestamps as the record and the run summary write them."""

from __future__ import annotations

from datetime import datetime, timezone


def utc_now() -> str:
    """Now, ISO 8601 UTC to the second: `2026-11-25T10:00:00Z`."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

"""The --since/--until window (AACRAWLER_SINCE, AACRAWLER_UNTIL): which
publication dates a run keeps. Dates are `YYYY-MM-DD` strings, which
compare as dates."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DateWindow:
    since: str | None = None
    until: str | None = None

    @classmethod
    def from_settings(cls, settings) -> "DateWindow":
        return cls(settings.get("AACRAWLER_SINCE") or None, settings.get("AACRAWLER_UNTIL") or None)

    def __bool__(self) -> bool:
        return bool(self.since or self.until)

    def is_before(self, published: str) -> bool:
        return bool(self.since) and published < self.since

    def is_after(self, published: str) -> bool:
        return bool(self.until) and published > self.until

    def holds(self, published: str) -> bool:
        return not (self.is_before(published) or self.is_after(published))

"""The files a crawl keeps beside its output, named in one place.

    OUT                the records, one per article (append-only)
    OUT.state.json     the last run's status: running, finished or stopped
    OUT.pages.jsonl    for each record written: the URL its page was
                       fetched from and its article key
    OUT.runs.jsonl     one summary line per run
    OUT.failed.jsonl   the URLs the last run gave up, with the reason
    OUT.lock           while a crawl runs: its lock (output/lock.py)
    OUT.missing.jsonl  the article URLs the last run found but did not
                       export, with why (runs/coverage.py)
    OUT.norecord.json  article URLs that gave no record (a 404, a page
                       with no text), not fetched again by incremental runs
    OUT.cdx.jsonl      --source wayback: the archive's captures of the site
    OUT.cdx.json       --source wayback: how far that listing got (resume key)
    OUT.captures.jsonl --source wayback: per record, the capture it was read from
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sidecars:
    out: Path

    def __init__(self, out: str | Path):
        object.__setattr__(self, "out", Path(out))

    def _beside(self, suffix: str) -> Path:
        return self.out.with_name(self.out.name + suffix)

    @property
    def state(self) -> Path:
        return self._beside(".state.json")

    @property
    def pages(self) -> Path:
        return self._beside(".pages.jsonl")

    @property
    def runs(self) -> Path:
        return self._beside(".runs.jsonl")

    @property
    def failed(self) -> Path:
        return self._beside(".failed.jsonl")

    @property
    def lock(self) -> Path:
        return self._beside(".lock")

    @property
    def missing(self) -> Path:
        return self._beside(".missing.jsonl")

    @property
    def no_record(self) -> Path:
        return self._beside(".norecord.json")

    @property
    def cdx(self) -> Path:
        return self._beside(".cdx.jsonl")

    @property
    def cdx_state(self) -> Path:
        return self._beside(".cdx.json")

    @property
    def captures(self) -> Path:
        return self._beside(".captures.jsonl")


def output_path(settings) -> Path | None:
    """The crawl's JSONL output: AACRAWLER_OUTPUT, else the first local
    feed (`scrapy crawl archive -O out.jsonl`); None when records go
    nowhere on disk (then no state is kept either)."""
    explicit = settings.get("AACRAWLER_OUTPUT")
    if explicit:
        return Path(explicit)
    for uri in (settings.getdict("FEEDS") or {}):
        uri = str(uri)
        if uri.startswith("file://"):
            return Path(uri[len("file://"):])
        if "://" not in uri:
            return Path(uri)
    return None

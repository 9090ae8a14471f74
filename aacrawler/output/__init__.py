"""Where a crawl's output goes and how it is written.

    sidecars.py  the files kept beside OUT (`Sidecars(out)`), and which
                 file a crawl's output is (`output_path(settings)`)
    atomic.py    a file replaced only once its new version is complete
    lines.py     JSON Lines files that only ever hold whole lines
    feed.py      the crawl's feed storage, built on lines.py and atomic.py
    records.py   records written by `extract` and `merge`
    addon.py     AACRAWLER_OUTPUT=PATH turned into a feed

No module here decides what to write: the pipelines make the records,
the exporter (aacrawler.exporters) serializes them.
"""

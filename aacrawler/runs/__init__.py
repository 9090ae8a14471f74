"""The crawl's life across runs: what earlier runs left, what this run
skips, how it ends and what it reports.

    state.py      what earlier runs exported, and the run's mode (pure)
    store.py      the crawl-state store the crawl asks (file or Redis)
    extension.py  the store's life on the crawl's signals
    known.py      the spider middleware that skips known articles and
                  stops walking listings an incremental run has seen
    window.py     the --since/--until window
    failures.py   why a request was given up, in a few words
    summary.py    the run summary (OUT.runs.jsonl) and OUT.failed.jsonl
    progress.py   progress on standard error
"""

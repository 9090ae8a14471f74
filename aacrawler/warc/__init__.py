"""WARC: the crawl recorded as it was received, and read back.

    reading.py   responses out of a WARC (ours, wget's, Heritrix's ...)
    writing.py   the WARC/1.1 writer and the append-safety checks
    recorder.py  the downloader middleware that records a crawl
"""

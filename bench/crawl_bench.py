"""The whole crawl: replayed from generated mirrors of 2,000 and 20,000
articles (~60 KB pages, listings of 10), and against a local HTTP server
serving the 2,000-article mirror with the politeness limits lifted (the
crawl engine's own ceiling over real sockets).

    python bench/crawl_bench.py [--sizes 2000 20000] [--http-size 2000]

Each crawl runs as `aacrawler crawl` in a child process, measured from
outside: wall time, CPU seconds (user + system), peak resident memory.
The generated mirrors have no sitemap, feed or REST API: the crawls use
`--discover home,listings`, so the figures measure pages, not six 404s.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import common
from common import ROOT, machine, mirror

LIFTED = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=false", "-s", "CONCURRENT_REQUESTS=16",
          "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "AACRAWLER_PROGRESS_INTERVAL=0"]


def crawl(name: str, args: list[str]) -> dict:
    out = common.OUT / f"{name}.jsonl"
    for stale in common.OUT.glob(f"{name}.jsonl*"):
        stale.unlink()
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "aacrawler.cli", "crawl", "-o", str(out),
                                "--discover", "home,listings", *args],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    summary = json.loads(out.with_name(out.name + ".runs.jsonl").read_text().splitlines()[-1])
    pages = sum(summary["responses_by_status"].values())
    return {
        "name": name, "status": os.waitstatus_to_exitcode(status), "pages": pages,
        "records": summary["articles_written"], "wall": wall, "pages_per_s": pages / wall,
        "cpu_ms_per_page": (usage.ru_utime + usage.ru_stime) / pages * 1000,
        "peak_mb": usage.ru_maxrss / 1024, "output_mb": out.stat().st_size / 1e6,
    }


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(path):
    handler = functools.partial(_Quiet, directory=str(path / "eng-archive.aawsat.com"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--http-size", type=int, default=2000, help="0 to skip the HTTP crawl")
    parser.add_argument("--out", help="where generated mirrors and outputs go (default bench/out)")
    args = parser.parse_args()
    if args.out:
        common.set_out(args.out)
    common.OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes:
        rows.append(crawl(f"replay-{size}", ["--replay", str(mirror(size))]))
    if args.http_size:
        server = serve(mirror(args.http_size))
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        # The server shares the machine's two cores with the crawl.
        rows.append(crawl(f"http-{args.http_size}", ["--site", base, *LIFTED]))
        server.shutdown()
    print(f"# Crawl: {machine()}\n")
    print("| crawl | pages | records | wall s | pages/s | CPU ms/page | peak RSS MB | output MB | exit |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['name']} | {r['pages']} | {r['records']} | {r['wall']:.1f} | {r['pages_per_s']:.0f} | "
              f"{r['cpu_ms_per_page']:.2f} | {r['peak_mb']:.0f} | {r['output_mb']:.1f} | {r['status']} |")
    replays = [r for r in rows if r["name"].startswith("replay-")]
    if len(replays) >= 2:
        growth = replays[-1]["peak_mb"] / replays[0]["peak_mb"] - 1
        print(f"\npeak memory growth from {replays[0]['name']} to {replays[-1]['name']}: {growth:+.0%}")


if __name__ == "__main__":
    main()

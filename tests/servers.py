"""A local copy of the archive over HTTP, on 127.0.0.1 only, for tests."""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections import Counter
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ARCHIVE_ORIGINS = (b"https://eng-archive.aawsat.com", b"http://eng-archive.aawsat.com")


class Gate:
    """Holds the requests for paths under `prefix` until the test lets
    them through, so a test can bring several crawlers to a known point
    (each waiting on the server) instead of guessing at timings.

    Closed at first: `release(n)` lets n held or coming requests through,
    `open()` all of them from then on. `waiting` counts the requests
    held now by User-Agent; `passed` counts those let through. A request
    is never held longer than `limit` seconds (then it is served).
    """

    def __init__(self, prefix: str, limit: float = 120):
        self.prefix = prefix
        self.limit = limit
        self.allowance = 0
        self.is_open = False
        self.passed = 0
        self.waiting: Counter[str] = Counter()
        self.changed = threading.Condition()

    def hold(self, path: str, agent: str) -> None:
        if not path.startswith(self.prefix):
            return
        with self.changed:
            self.waiting[agent] += 1
            self.changed.wait_for(lambda: self.is_open or self.allowance > 0, timeout=self.limit)
            self.waiting[agent] -= 1
            if self.allowance > 0:
                self.allowance -= 1
            self.passed += 1

    def release(self, count: int) -> None:
        with self.changed:
            self.allowance += count
            self.changed.notify_all()

    def open(self) -> None:
        with self.changed:
            self.is_open = True
            self.changed.notify_all()

    def held_agents(self) -> set[str]:
        with self.changed:
            return {agent for agent, count in self.waiting.items() if count > 0}


@contextlib.contextmanager
def serve_mirror(mirror: Path, host_dir: str = "eng-archive.aawsat.com", faults=None, rewrite_links=False,
                 gate: Gate | None = None, answers=None):
    """Serve MIRROR/<host_dir> at http://127.0.0.1:<port>/; yields the base
    URL and the list of (path, User-Agent) requested.

    `faults` maps a path to the (status, headers) answers it gets before
    the page itself. `rewrite_links` serves the pages as a copy of the
    site on another host would (WordPress with its own site URL): every
    absolute link to the archive points at this server instead. A
    `gate` holds the requests it covers until the test lets them through.
    `answers` maps a path with its query (`/wp-json/wp/v2/posts?page=1…`)
    to the (status, headers, body) it is always answered with: what a
    folder of files cannot serve (headers, pages told apart by a query).
    """
    requested: list[tuple[str, str]] = []
    pending = {path: list(given) for path, given in (faults or {}).items()}
    origin = {}

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # keep test output clean
            pass

        def do_GET(self):
            agent = self.headers.get("User-Agent", "")
            requested.append((self.path, agent))
            if gate is not None:
                gate.hold(self.path, agent)
            if pending.get(self.path):
                status, headers = pending[self.path].pop(0)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.path in (answers or {}):
                status, headers, body = answers[self.path]
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            try:
                if rewrite_links and self._send_rewritten():
                    return
                super().do_GET()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client went away (a killed crawler): nothing to answer

        def _send_rewritten(self) -> bool:
            path = self.translate_path(self.path)
            if os.path.isdir(path):
                if not self.path.split("?")[0].endswith("/"):
                    return False  # the base class redirects to the slash form
                path = os.path.join(path, "index.html")
            if not path.endswith(".html") or not os.path.isfile(path):
                return False
            body = Path(path).read_bytes()
            for archive in ARCHIVE_ORIGINS:
                body = body.replace(archive, origin["base"])
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8" if b"windows-1252" not in body[:2000] else "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return True

    handler = functools.partial(Handler, directory=str(mirror / host_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    origin["base"] = f"http://127.0.0.1:{server.server_address[1]}".encode()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", requested
    finally:
        if gate is not None:
            gate.open()  # no handler left waiting
        server.shutdown()
        server.server_close()

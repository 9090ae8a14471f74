"""A local copy of the archive over HTTP, on 127.0.0.1 only, for tests."""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ARCHIVE_ORIGINS = (b"https://eng-archive.aawsat.com", b"http://eng-archive.aawsat.com")


@contextlib.contextmanager
def serve_mirror(mirror: Path, host_dir: str = "eng-archive.aawsat.com", faults=None, rewrite_links=False,
                 answers=None):
    """Serve MIRROR/<host_dir> at http://127.0.0.1:<port>/; yields the base
    URL and the list of (path, User-Agent) requested.

    `faults` maps a path to the (status, headers) answers it gets before
    the page itself. `rewrite_links` serves the pages as a copy of the
    site on another host would (WordPress with its own site URL): every
    absolute link to the archive points at this server instead.
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
            requested.append((self.path, self.headers.get("User-Agent", "")))
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
            if rewrite_links and self._send_rewritten():
                return
            super().do_GET()

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
        server.shutdown()
        server.server_close()

"""A local copy of the archive over HTTP, on 127.0.0.1 only, for tests."""

from __future__ import annotations

import contextlib
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep test output clean
        pass


@contextlib.contextmanager
def serve_mirror(mirror: Path, host_dir: str = "eng-archive.aawsat.com", faults=None):
    """Serve MIRROR/<host_dir> at http://127.0.0.1:<port>/; yields the base
    URL and the list of (path, User-Agent) requested. `faults` maps a path
    to the (status, headers) answers it gets before the page itself."""
    requested: list[tuple[str, str]] = []
    pending = {path: list(answers) for path, answers in (faults or {}).items()}

    class Handler(_QuietHandler):
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
            super().do_GET()

    handler = functools.partial(Handler, directory=str(mirror / host_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", requested
    finally:
        server.shutdown()
        server.server_close()

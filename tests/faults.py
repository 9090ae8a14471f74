"""A misbehaving copy of the archive, on 127.0.0.1 only, for fault tests.

`serve_faults(mirror, faults)` serves MIRROR/eng-archive.aawsat.com like a
web server, except on the paths `faults` names, where it misbehaves:

    ("status", 503, n)          answer 503 n times, then the page
    ("retry-after", 429, s)     answer 429 with Retry-After: s once, then the page
    ("hang", seconds)           say nothing for that long (bounded), then the page
    ("reset", n)                send half the page, then reset the connection (n times)
    ("short", n)                promise more bytes than it sends (n times)
    ("gzip-bomb", size)         a gzip body that expands to `size` bytes
    ("huge", size)              a page of `size` bytes
    ("redirect-loop",)          a redirect to itself
    ("redirect-offsite",)       a redirect to another host
    ("no-content-type",)        the page with no Content-Type header
    ("content-type", value)     the page with a wrong Content-Type
    ("charset", name)           the page with a wrong charset declaration
    ("garbage",)                binary noise as text/html
    ("deep", depth)             the page wrapped in `depth` nested <div>s
    ("trickle", seconds)        the page a few bytes at a time over `seconds`

Every request is recorded (path, Host header), so a test can check that
nothing went elsewhere, with the moment it arrived (`requested.times`).
The slow faults are the server's deliberate behaviour, not a test
waiting: each pause is bounded by MAX_SLEEP and ends at once when the
server shuts down.
"""

from __future__ import annotations

import contextlib
import gzip
import random
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MAX_SLEEP = 10.0  # no fault keeps a connection longer than this
TRICKLE_STEPS = 100  # a trickled page comes in this many pieces


class Requests(list):
    """(path, Host header) of each request, in order; `times[i]` is when
    request i arrived (time.monotonic())."""

    def __init__(self):
        super().__init__()
        self.times: list[float] = []

    def record(self, path: str, host: str) -> None:
        self.times.append(time.monotonic())
        self.append((path, host))

    def clear(self) -> None:
        super().clear()
        self.times.clear()

    def arrivals(self, path: str) -> list[float]:
        return [at for (p, _), at in zip(self, self.times) if p == path]


def _page(root: Path, path: str) -> bytes | None:
    relative = path.split("?", 1)[0].lstrip("/")
    for candidate in (root / relative / "index.html", root / relative):
        if candidate.is_file() and root in candidate.resolve().parents:
            return candidate.read_bytes()
    return None


@contextlib.contextmanager
def serve_faults(mirror: Path, faults: dict[str, tuple]):
    root = (mirror / "eng-archive.aawsat.com").resolve()
    requested = Requests()
    stopping = threading.Event()  # ends every deliberate pause at shutdown
    remaining = {path: list(spec) for path, spec in faults.items()}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def send_page(self, body: bytes, content_type: str | None = "text/html; charset=utf-8", headers=()):
            self.send_response(200)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def send_status(self, status: int, headers=()):
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self):
            with lock:
                requested.record(self.path, self.headers.get("Host", ""))
                spec = remaining.get(self.path)
            body = _page(root, self.path)
            if spec is None:
                if body is None:
                    return self.send_status(404)
                return self.send_page(body)
            kind = spec[0]
            if kind in ("status", "reset", "short"):
                with lock:
                    times = spec[-1]
                    if times <= 0:
                        return self.send_page(body)
                    spec[-1] = times - 1
                if kind == "status":
                    return self.send_status(spec[1])
                if kind == "reset":
                    return self.reset_midway(body)
                return self.short_body(body)
            if kind == "retry-after":
                with lock:
                    if spec[-1] is None:
                        return self.send_page(body)
                    wait, spec[-1] = spec[2], None
                return self.send_status(spec[1], [("Retry-After", str(wait))])
            if kind == "hang":
                stopping.wait(min(spec[1], MAX_SLEEP))  # the fault: a silent server
                return self.send_page(body)
            if kind == "gzip-bomb":
                # Gzip members concatenated decompress to their sum: a few
                # hundred KB that expand to `size` bytes, made in a blink.
                member = gzip.compress(b"A" * 10_000_000, compresslevel=9)
                bomb = member * max(1, spec[1] // 10_000_000)
                return self.send_page(bomb, headers=[("Content-Encoding", "gzip")])
            if kind == "huge":
                filler = b"<p>" + b"lorem ipsum dolor sit amet " * (spec[1] // 27) + b"</p>"
                return self.send_page(body.replace(b"</body>", filler + b"</body>"))
            if kind == "redirect-loop":
                return self.send_status(302, [("Location", self.path)])
            if kind == "redirect-offsite":
                return self.send_status(302, [("Location", "http://elsewhere.example/stolen")])
            if kind == "no-content-type":
                return self.send_page(body, content_type=None)
            if kind == "content-type":
                return self.send_page(body, content_type=spec[1])
            if kind == "charset":
                return self.send_page(body, content_type=f"text/html; charset={spec[1]}")
            if kind == "garbage":
                noise = random.Random(7).randbytes(20000)
                return self.send_page(noise)
            if kind == "deep":
                depth = spec[1]
                deep = body.replace(b"<body", b"<div>" * depth + b"<body", 1).replace(b"</body>", b"</body>" + b"</div>" * depth, 1)
                return self.send_page(deep)
            if kind == "trickle":
                return self.trickle(body, spec[1])
            raise AssertionError(f"unknown fault {spec}")

        def reset_midway(self, body: bytes):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            # SO_LINGER 0: close with a TCP reset, not a clean end.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True

        def short_body(self, body: bytes):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body) + 5000))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_WR)
            self.close_connection = True

        def trickle(self, body: bytes, seconds: float):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            seconds = min(seconds, MAX_SLEEP)
            deadline = time.monotonic() + seconds
            step = max(1, len(body) // TRICKLE_STEPS)
            try:
                for start in range(0, len(body), step):
                    if time.monotonic() > deadline or stopping.is_set():
                        break
                    self.wfile.write(body[start:start + step])
                    self.wfile.flush()
                    stopping.wait(seconds / TRICKLE_STEPS)  # the fault: a slow server
            except OSError:
                pass  # the client gave up first, as it should
            self.close_connection = True

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", requested
    finally:
        stopping.set()
        server.shutdown()
        server.server_close()


def url_path(article_url: str) -> str:
    """The path of an archive URL, as the fault server sees it."""
    return "/" + article_url.split("/", 3)[3]


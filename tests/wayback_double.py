"""A test double of the Internet Archive's Wayback Machine, on 127.0.0.1
only, serving a mirror folder (data/sample_site) as captures.

What it imitates (internetarchive/wayback, wayback-cdx-server/README.md;
../shared/research/archive-sources.md §6):

- `/cdx/search/cdx`: prefix queries (`url=HOST/*` or `matchType=prefix`),
  `output=json` (an array of arrays, field names first), `fl=`, `from=`/
  `to=`, `filter=[!]field:regex` (whole-value match), `limit=`, and
  `showResumeKey`/`resumeKey`: an answer holds at most
  `row_cap` rows whatever `limit` asks (the server's own cap), then `[]`
  and `[key]` when rows remain. Rows sorted by urlkey, then timestamp; one
  urlkey for http/https/www/trailing-slash variants, `original` as
  captured (`:80`, `www.`, no slash …).
- `/web/<timestamp><modifier>/<url>`: with `id_`, the capture's bytes as
  stored (gzip on the wire when asked), its original Content-Type,
  Memento-Datetime, Link rel="original" and X-Archive-Orig-* headers; a
  redirect capture as a 302 to `/web/<ts>id_/<target>`; a revisit as the
  capture it repeats; an inexact timestamp as a 302 to the nearest
  capture; without `id_`, the page wrapped in a toolbar with its links
  rewritten to `/web/<ts>/…` (a crawl that drops `id_` gets wrong records).
- `faults`: the next playbacks of a path answer these statuses (5xx).
- 429 (no Retry-After) once more than N requests of a kind (cdx,
  playback) came within the last `window` seconds: `limits` is mutable.

The traps (TRAPS below): newer soft-404, empty, parked and redirect
captures in front of the real one; revisit rows; a URL captured only as a
redirect to its `-2/` twin; non-HTML rows (images, feeds, CSS); captured
URLs that are not articles (`?replytocom=`, `/amp/`, feeds). Every
request is logged (time, kind, path, status) for the tests' counts.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from email.utils import formatdate
from calendar import timegm
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlsplit

HOST = "eng-archive.aawsat.com"
GOOD_YEAR = "2017"  # the real captures; traps come later, old copies earlier

SOFT_404 = b"""<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8">
<title>Page not found | ASHARQ AL-AWSAT English Archive 2005 -2017</title></head>
<body class="error404 et_pb_pagebuilder_layout"><div id="main-content"><article>
<h1 class="entry-title">No Results Found</h1><p>The page you requested could not be found.</p>
</article></div></body></html>"""
PARKED = b"""<!DOCTYPE html><html><head><title>eng-archive.aawsat.com is for sale</title></head>
<body><h1>This domain may be for sale</h1><p>Buy this domain today.</p></body></html>"""
TOOLBAR = b"<!-- BEGIN WAYBACK TOOLBAR INSERT --><div id=\"wm-ipp\">Wayback Machine</div><!-- END WAYBACK TOOLBAR INSERT -->"

A = "/theaawsat/news-middle-east/"
F = "/theaawsat/features/"
# path → the traps in front of (or beside) its real capture
TRAPS = {
    A + "syrian-troops-isis-face-off-in-raqqa/": ["soft404", "revisit"],
    A + "saudi-led-coalition-widens-air-strikes-on-houthi-positions/": ["redirect-newest"],
    A + "iraqi-forces-push-into-ramadis-outskirts/": ["empty", "soft404"],
    A + "egypt-opens-new-suez-canal-branch-amid-tight-security/": ["parked", "replytocom", "amp"],
    A + "displaced-iraqis-recount-escape-from-mosul/": ["revisit", "old"],
    F + "what-isis-left-behind-in-palmyra/": ["soft404", "old", "replytocom"],
    "/amir-taheri/opinion/irans-regime-and-the-politics-of-self-delusion/": ["redirect-newest", "amp"],
    "/category/opinion/": ["soft404", "feed"],
    "/": ["revisit"],
}
# Captured only as a redirect to another URL, which holds the page.
ONLY_REDIRECT = {A + "lebanons-parliament-fails-again-to-elect-a-president/":
                 A + "lebanons-parliament-fails-again-to-elect-a-president-2/"}
OTHER_ROWS = [  # (path, mimetype): captured, never a page of the crawl
    ("/wp-content/uploads/2014/07/raqqa.jpg", "image/jpeg"),
    ("/wp-content/themes/Divi/style.css", "text/css"),
    ("/feed/", "application/rss+xml"),
    ("/category/opinion/feed/", "text/xml"),
]


def urlkey(url: str) -> str:
    """The archive's SURT-like key: scheme, www., port, case and a
    trailing slash make no difference."""
    parts = urlsplit(url if "://" in url else "http://" + url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    surt = ",".join(reversed(host.split(".")))
    path = (parts.path or "/").lower()
    path = path.rstrip("/") or "/"
    return f"{surt}){path}" + (f"?{parts.query.lower()}" if parts.query else "")


def digest(body: bytes) -> str:
    return base64.b32encode(hashlib.sha1(body).digest()).decode()


@dataclass
class Capture:
    timestamp: str
    original: str
    mimetype: str
    status: str
    body: bytes = b""
    content_type: str = ""
    location: str | None = None  # a redirect capture's target (original URL)
    digest: str = ""

    def __post_init__(self):
        self.digest = self.digest or digest(self.body)

    @property
    def key(self) -> str:
        return urlkey(self.original)


def variant(path: str, index: int) -> str:
    """http/https/www/:80/no-slash forms of the site's URL, in turn."""
    forms = (
        f"https://{HOST}{path}",
        f"http://{HOST}:80{path}",
        f"http://www.{HOST}{path}",
        f"https://www.{HOST}{path.rstrip('/') or '/'}",
    )
    return forms[index % len(forms)]


def content_type_of(body: bytes) -> str:
    return "text/html" if b"windows-1252" in body[:2000] else "text/html; charset=UTF-8"


def mirror_pages(mirror: Path) -> list[tuple[str, bytes]]:
    root = mirror / HOST
    pages = []
    for file in sorted(root.rglob("*")):
        if not file.is_file():
            continue
        relative = file.relative_to(root).as_posix()
        if relative == "robots.txt":
            pages.append(("/robots.txt", file.read_bytes()))
        elif relative.endswith("index.html"):
            pages.append(("/" + relative[: -len("index.html")], file.read_bytes()))
    return pages


def build_captures(mirror: Path, orphans: dict[str, bytes] | None = None) -> list[Capture]:
    captures: list[Capture] = []
    pages = mirror_pages(mirror) + sorted((orphans or {}).items())
    for index, (path, body) in enumerate(pages):
        month, day = 1 + index % 12, 1 + index % 28
        good = f"{GOOD_YEAR}{month:02d}{day:02d}{index % 24:02d}1500"
        if path == "/robots.txt":
            captures.append(Capture(good, variant(path, 0), "text/plain", "200", body, "text/plain"))
            continue
        target = ONLY_REDIRECT.get(path)
        if target:
            captures.append(Capture(good, variant(path, index), "text/html", "301", b"", "text/html",
                                    location=f"https://{HOST}{target}"))
            captures.append(Capture(good[:-2] + "59", variant(target, 0), "text/html", "200", body, content_type_of(body)))
            continue
        real = Capture(good, variant(path, index), "text/html", "200", body, content_type_of(body))
        captures.append(real)
        traps = TRAPS.get(path, [])
        for n, trap in enumerate(traps):
            later = f"{2018 + n}{month:02d}{day:02d}{index % 24:02d}{30 + n:02d}00"
            url = variant(path, index + n + 1)
            if trap == "soft404":
                captures.append(Capture(later, url, "text/html", "200", SOFT_404, "text/html; charset=UTF-8"))
            elif trap == "empty":
                captures.append(Capture(later, url, "text/html", "200", b"", "text/html"))
            elif trap == "parked":
                captures.append(Capture(later, url, "text/html", "200", PARKED, "text/html"))
            elif trap == "redirect-newest":
                captures.append(Capture(later, url, "text/html", "302", b"", "text/html", location=f"https://{HOST}/"))
            elif trap == "revisit":
                captures.append(Capture(later, url, "warc/revisit", "-", b"", digest=real.digest))
            elif trap == "old":
                captures.append(Capture(f"2012{month:02d}{day:02d}000000", url, "text/html", "200", body, content_type_of(body)))
            elif trap == "replytocom":
                captures.append(Capture(later, variant(path, 0) + "?replytocom=1234", "text/html", "200", body, content_type_of(body)))
            elif trap == "amp":
                captures.append(Capture(later, variant(path + "amp/", 0), "text/html", "200", body, content_type_of(body)))
            elif trap == "feed":
                captures.append(Capture(later, variant(path + "feed/", 0), "application/rss+xml", "200", b"<rss/>", "application/rss+xml"))
    for n, (path, mimetype) in enumerate(OTHER_ROWS):
        captures.append(Capture(f"2016010{n + 1}000000", variant(path, n), mimetype, "200", b"x" * 10, mimetype))
    captures.sort(key=lambda c: (c.key, c.timestamp))
    keys = [(c.key, c.timestamp) for c in captures]
    assert len(keys) == len(set(keys)), "one capture per urlkey and timestamp"
    return captures


def real_capture_time(captures: list[Capture], path: str) -> str:
    """The timestamp of the capture a crawl should read for `path`: its
    newest real page (what the traps must not hide)."""
    key = urlkey(f"https://{HOST}{ONLY_REDIRECT.get(path, path)}")
    real = [c for c in captures if c.key == key and c.status == "200" and c.body not in (SOFT_404, PARKED, b"")]
    return max(real, key=lambda c: c.timestamp).timestamp


@dataclass
class Log:
    entries: list[dict] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, **entry) -> None:
        with self.lock:
            self.entries.append(entry)

    def of(self, kind: str) -> list[dict]:
        with self.lock:
            return [e for e in self.entries if e["kind"] == kind]


class WaybackDouble:
    def __init__(self, mirror: Path, row_cap: int = 25, limits: dict | None = None, orphans: dict | None = None):
        self.captures = build_captures(mirror, orphans)
        self.row_cap = row_cap
        # kind → (N, window seconds): the N+1st request within the window gets 429
        self.limits: dict[str, tuple[int, float]] = dict(limits or {})
        self.recent: dict[str, deque] = {"cdx": deque(), "playback": deque()}
        self.log = Log()
        self.base = ""
        # a fragment of a playback path → statuses its next requests get
        self.faults: dict[str, list[int]] = {}

    # --- rate limit ---
    def allowed(self, kind: str) -> bool:
        limit = self.limits.get(kind)
        now = time.monotonic()
        recent = self.recent[kind]
        if limit is None:
            recent.append(now)
            return True
        count, window = limit
        while recent and recent[0] <= now - window:
            recent.popleft()
        if len(recent) >= count:
            return False
        recent.append(now)
        return True

    # --- CDX ---
    def cdx(self, query: str) -> tuple[int, bytes, str]:
        params = parse_qsl(query, keep_blank_values=True)
        args = dict(params)
        url = args.get("url", "")
        if not (url == f"{HOST}/*" or (args.get("matchType") == "prefix" and url.rstrip("/") == HOST)):
            return 400, b"only a prefix query of the site is served here", "text/plain"
        prefix = urlkey(HOST) .removesuffix("/")
        rows = [c for c in self.captures if c.key.startswith(prefix)]
        if args.get("from"):
            rows = [c for c in rows if c.timestamp >= args["from"].ljust(14, "0")]
        if args.get("to"):
            rows = [c for c in rows if c.timestamp <= args["to"].ljust(14, "9")]
        for spec in (value for name, value in params if name == "filter"):
            # IA's filters: [!]field:regex, the regex matching the whole value
            negate, (name, _, pattern) = spec.startswith("!"), spec.lstrip("!").partition(":")
            field_of = {"mimetype": lambda c: c.mimetype, "statuscode": lambda c: c.status,
                        "original": lambda c: c.original, "urlkey": lambda c: c.key}[name]
            rows = [c for c in rows if bool(re.fullmatch(pattern, field_of(c))) != negate]
        if args.get("resumeKey"):
            after = unquote(args["resumeKey"]).rstrip("!").rsplit(" ", 1)
            rows = [c for c in rows if (c.key, c.timestamp) > (after[0], after[1])]
        limit = int(args.get("limit") or 150000)
        page = rows[: min(limit, self.row_cap)]
        more = len(rows) > len(page)
        fields = (args.get("fl") or "urlkey,timestamp,original,mimetype,statuscode,digest,length").split(",")
        value = {
            "urlkey": lambda c: c.key, "timestamp": lambda c: c.timestamp, "original": lambda c: c.original,
            "mimetype": lambda c: c.mimetype, "statuscode": lambda c: c.status, "digest": lambda c: c.digest,
            "length": lambda c: str(len(c.body)),
        }
        if args.get("output") != "json":
            text = "\n".join(" ".join(value[f](c) for f in fields) for c in page)
            return 200, text.encode(), "text/plain"
        table: list = [fields] + [[value[f](c) for f in fields] for c in page]
        if more and args.get("showResumeKey") == "true":
            last = page[-1]
            table += [[], [quote(f"{last.key} {last.timestamp}!")]]
        return 200, json.dumps(table).encode(), "application/json"

    # --- playback ---
    def find(self, url: str, timestamp: str) -> tuple[Capture | None, list[Capture]]:
        key = urlkey(url)
        same = [c for c in self.captures if c.key == key]
        exact = [c for c in same if c.timestamp == timestamp]
        return (exact[0] if exact else None), same


_PLAYBACK = re.compile(r"^/web/(\d{1,14})([a-z]{2}_)?/(.+)$")


def _http_date(timestamp: str) -> str:
    return formatdate(timegm(time.strptime(timestamp, "%Y%m%d%H%M%S")), usegmt=True)


def make_handler(double: WaybackDouble):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def send(self, status: int, body: bytes = b"", headers: dict | None = None, kind: str = "other") -> None:
            double.log.add(time=time.monotonic(), kind=kind, path=self.path, status=status,
                           agent=self.headers.get("User-Agent", ""))
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            path, _, query = self.path.partition("?")
            if path == "/cdx/search/cdx":
                if not double.allowed("cdx"):
                    return self.send(429, b"Too Many Requests", {"Content-Type": "text/html"}, "cdx")
                status, body, content_type = double.cdx(query)
                return self.send(status, body, {"Content-Type": content_type}, "cdx")
            match = _PLAYBACK.match(self.path)
            if not match:
                return self.send(404, b"not here", {"Content-Type": "text/plain"})
            kind = "playback" if match.group(2) == "id_" else "wrapped"
            if not double.allowed("playback"):
                return self.send(429, b"Too Many Requests", {"Content-Type": "text/html"}, kind)
            for fragment, statuses in double.faults.items():
                if fragment in self.path and statuses:
                    return self.send(statuses.pop(0), b"Service Unavailable", {"Content-Type": "text/html"}, kind)
            timestamp, modifier, url = match.group(1), match.group(2) or "", match.group(3)
            capture, same = double.find(url, timestamp.ljust(14, "0"))
            if capture is None:
                if not same:
                    return self.send(404, b"Wayback Machine has not archived that URL.", {"Content-Type": "text/html"}, kind)
                nearest = min(same, key=lambda c: abs(int(c.timestamp) - int(timestamp.ljust(14, "0"))))
                return self.send(302, b"", {"Location": f"{double.base}/web/{nearest.timestamp}{modifier}/{nearest.original}"}, kind)
            if capture.status == "-":  # a revisit plays back the capture it repeats
                capture = next(c for c in same if c.digest == capture.digest and c.status == "200")
            headers = {"Memento-Datetime": _http_date(capture.timestamp),
                       "Link": f'<{capture.original}>; rel="original"',
                       "X-Archive-Orig-Server": "Apache/2.4.7 (Ubuntu)",
                       "X-Archive-Orig-Date": _http_date(capture.timestamp)}
            if capture.location:
                headers["Location"] = f"{double.base}/web/{timestamp}{modifier}/{capture.location}"
                return self.send(302, b"", headers, kind)
            body = capture.body
            if capture.content_type:
                headers["Content-Type"] = capture.content_type
            if kind == "wrapped":
                body = body.replace(b"<head>", b"<head>" + TOOLBAR, 1)
                for origin in (b"https://" + HOST.encode(), b"http://" + HOST.encode()):
                    body = body.replace(b'"' + origin, f'"{double.base}/web/{timestamp}/'.encode() + origin)
            elif "gzip" in (self.headers.get("Accept-Encoding") or "") and body:
                body = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            return self.send(200, body, headers, kind)

    return Handler


@contextlib.contextmanager
def serve_wayback(mirror: Path, **options):
    """Start the double on 127.0.0.1:<free port>; yields it (its `base`
    URL, `log`, `limits`, `captures`)."""
    double = WaybackDouble(mirror, **options)
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(double))
    server.daemon_threads = True
    double.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield double
    finally:
        server.shutdown()
        server.server_close()

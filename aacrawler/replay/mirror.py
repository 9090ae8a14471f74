"""The mirror folder of INTERFACE.md, as `wget --mirror` writes it:

    SOURCE/eng-archive.aawsat.com/index.html                   → https://eng-archive.aawsat.com/
    SOURCE/eng-archive.aawsat.com/category/opinion/index.html  → …/category/opinion/

http and https, and a path with or without its trailing slash, find the
same file. A lookup never leaves SOURCE: `..`, encoded dots, absolute
paths, backslashes, NUL bytes and symlinks pointing outside give nothing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..warc.reading import SavedResponse

_HOST_DIR = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?$|^(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?$", re.IGNORECASE)
INDEX = "index.html"
ARCHIVE_HOST = "eng-archive.aawsat.com"


class NotAMirror(ValueError):
    """A --replay SOURCE that is not a mirror folder."""


def looks_like_host(name: str) -> bool:
    return bool(_HOST_DIR.match(name)) and not name.lower().endswith((".html", ".htm"))


def check_mirror(source: str | os.PathLike) -> Path:
    """SOURCE as an absolute path, or NotAMirror saying why not."""
    root = Path(source)
    if not root.exists():
        raise NotAMirror(f"{source}: no such folder")
    if not root.is_dir():
        raise NotAMirror(f"{source}: not a folder (a mirror folder holds one folder per host)")
    hosts = [p.name for p in root.iterdir() if p.is_dir() and looks_like_host(p.name)]
    if not hosts:
        raise NotAMirror(
            f"{source}: not a mirror folder (expected SOURCE/<host>/index.html, "
            "e.g. SOURCE/eng-archive.aawsat.com/index.html)"
        )
    return root.resolve()


def _candidates(path: str, query: str) -> list[str]:
    path = path.lstrip("/")
    stem = path.rstrip("/")
    names = []
    if query:
        names += [f"{stem}/{INDEX}?{query}" if stem else f"{INDEX}?{query}", f"{stem}?{query}"]
    names.append(f"{stem}/{INDEX}" if stem else INDEX)
    if stem and not path.endswith("/"):
        names += [stem, f"{stem}.html"]
    return names


def _unsafe(part: str) -> bool:
    return "\x00" in part or "\\" in part or any(seg in ("..", ".") for seg in part.split("/"))


class MirrorFolder:
    """Answers URLs from a mirror folder (see module doc)."""

    def __init__(self, source: str | os.PathLike):
        self.root = check_mirror(source)

    def retrieve(self, url: str) -> SavedResponse | None:
        """The saved page as a 200 response, or None. OSError if the file
        exists but cannot be read."""
        path = self.path_for(url)
        if path is None:
            return None
        body = path.read_bytes()
        html = path.name.endswith((".html", ".htm")) or ".html?" in path.name or b"<" in body[:1024]
        headers = [("Content-Type", "text/html")] if html else []
        return SavedResponse(url=url, status=200, headers=headers, body=body)

    def path_for(self, url: str) -> Path | None:
        """The saved file for `url`, or None (missing or outside SOURCE)."""
        parts = urlsplit(url)
        host = parts.netloc.lower()
        if not host or _unsafe(host) or "/" in host:
            return None
        raw_path = parts.path or "/"
        for path in dict.fromkeys((unquote(raw_path), raw_path)):
            if _unsafe(path):
                return None
            for name in _candidates(path, parts.query):
                found = self._inside(Path(host) / name)
                if found is not None:
                    return found
        return None

    def _inside(self, relative: Path) -> Path | None:
        if relative.is_absolute():
            return None
        candidate = self.root / relative
        try:
            real = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        # A symlink may point anywhere: follow it only inside SOURCE.
        if not real.is_relative_to(self.root) or not real.is_file():
            return None
        return real


def url_for_file(file: Path) -> str | None:
    """The URL a file in a mirror folder stands for, or None when no
    folder above it is named like a host."""
    parts = file.resolve().parts
    hosts = [i for i in range(len(parts) - 1) if looks_like_host(parts[i])]
    archive = [i for i in hosts if parts[i] == ARCHIVE_HOST]
    for index in (archive or hosts)[-1:]:
            rest = list(parts[index + 1:])
            if rest and rest[-1] == INDEX:
                rest[-1] = ""
            return f"https://{parts[index]}/" + "/".join(rest)
    return None

"""What an archive URL is, by its path alone (WordPress's permalinks):
a listing (category, tag, its /page/N/), or a candidate article."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_ARCHIVE_PATH = re.compile(r"^/(?:category|tag)/[^?#]+$")
_PAGED_PATH = re.compile(r"^(?P<base>.*?)/page/(?P<number>\d+)/?$")
# Paths that are never a post: WordPress's own, archives, feeds, files.
_NOT_ARTICLE = re.compile(
    r"^/(?:category|tag|author|page|feed|comments|search|wp-[\w-]+|xmlrpc\.php|cdn-cgi)(?:/|$)"
    r"|/(?:feed|amp|embed|trackback)/?$"
    r"|\.(?:xml|gz|txt|jpe?g|png|gif|webp|svg|pdf|css|js|ico|mp3|mp4|zip)$",
    re.IGNORECASE,
)


def listing_base(url: str) -> str:
    """The listing a URL is a page of: the URL without its /page/N/ or
    ?paged=N (so page 1 and page 7 of a category share one base)."""
    parts = urlsplit(url)
    match = _PAGED_PATH.match(parts.path)
    path = (match.group("base") if match else parts.path).rstrip("/") + "/"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "paged"])
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, query, ""))


def page_number(url: str) -> int:
    """The page of its listing a URL shows: /page/N/ or ?paged=N, else 1."""
    parts = urlsplit(url)
    match = _PAGED_PATH.match(parts.path)
    if match:
        return int(match.group("number"))
    for key, value in parse_qsl(parts.query):
        if key == "paged" and value.isdigit():
            return int(value)
    return 1


def with_page_number(url: str, number: int) -> str | None:
    """The same listing's page NUMBER, written as URL writes its page
    (None for a first page: nothing tells how its later pages are written)."""
    parts = urlsplit(url)
    match = _PAGED_PATH.match(parts.path)
    if match:
        path = f"{match.group('base')}/page/{number}/"
        return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
    query = parse_qsl(parts.query)
    if any(k == "paged" for k, _ in query):
        query = [(k, str(number) if k == "paged" else v) for k, v in query]
        return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
    return None


def is_archive_listing(url: str) -> bool:
    """A category or tag archive (any of its pages)."""
    return bool(_ARCHIVE_PATH.match(urlsplit(url).path))


def is_category(url: str) -> bool:
    return urlsplit(url).path.startswith("/category/")


def may_be_article(url: str) -> bool:
    """Not the home, an archive, a feed or a file: worth fetching as a post
    (the page itself then says whether it is one)."""
    parts = urlsplit(url)
    if parts.path in ("", "/"):
        return bool(re.search(r"(?:^|&)p=\d+", parts.query))  # ?p=N short link
    if parts.query and re.search(r"(?:^|&)(?:s|paged|cat|tag|feed|author)=", parts.query):
        return False
    return not _NOT_ARTICLE.search(parts.path)

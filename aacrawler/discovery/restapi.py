"""The WordPress REST API (/wp-json/wp/v2/posts): every published post's
link, a hundred a page, and the archive's own count of its posts in the
X-WP-Total header."""

from __future__ import annotations

import json
from urllib.parse import urlencode

POSTS = "/wp-json/wp/v2/posts"
PER_PAGE = 100  # the API's maximum


def posts_url(site_root: str, page: int, per_page: int = PER_PAGE) -> str:
    # Only the field needed: the answer stays small.
    query = urlencode({"per_page": per_page, "page": page, "_fields": "link"})
    return f"{site_root.rstrip('/')}{POSTS}?{query}"


class NotAnApiAnswer(ValueError):
    pass


def post_links(body: bytes) -> list[str]:
    try:
        posts = json.loads(body)
    except ValueError:
        raise NotAnApiAnswer("not JSON") from None
    if not isinstance(posts, list):
        raise NotAnApiAnswer("not a list of posts")
    return [p["link"] for p in posts if isinstance(p, dict) and isinstance(p.get("link"), str)]


def header_int(headers, name: str) -> int | None:
    value = headers.get(name)
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    try:
        return int(str(value).strip()) if value is not None else None
    except ValueError:
        return None

"""How an article is known (RECORD.md): by its media_id, or by its url
where it has none, the url taken without the differences that do not
make another page (scheme, host case, www., trailing slash, fragment)."""

from __future__ import annotations

from urllib.parse import urlsplit


def normalize_url(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    path = parts.path.rstrip("/") or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{port}{path}{query}"


def article_key(record: dict) -> str:
    media_id = record.get("media_id")
    if media_id:
        return f"media:{media_id}"
    return f"url:{normalize_url(record['url'])}"

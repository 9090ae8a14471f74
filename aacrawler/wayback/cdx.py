"""The Wayback Machine's CDX server API, as far as the capture map needs it.

One prefix query for the whole host (`url=HOST/*`), JSON output, only the
fields the map uses, paged with `showResumeKey`/`resumeKey`: each answer
is `[[field names], row, row, …]`, and when rows remain, an empty row `[]`
then `[resume key]`; the next query is the same one plus `resumeKey=`
(internetarchive/wayback, wayback-cdx-server/README.md, "Resumption Key").
The key arrives URL-encoded and is sent back as a parameter value
(encoded once more), as edgi's `wayback` client does. The page API
(`page=`) is not used: its answers can miss the latest captures (README;
edgi's `search()` notes the same).

No status filter is sent: redirect, revisit and error rows must stay
visible for the choice of a capture (captures.py); only the types that are
never a page are left out on the server (images, media, fonts, scripts,
stylesheets: on a WordPress site most of the rows), with IA's filter
syntax (`!field:regex`, the regex matching the whole value). The capture
window is applied on our side, so one listing serves every window.
No Scrapy here.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

CDX_PATH = "/cdx/search/cdx"
FIELDS = ("timestamp", "original", "mimetype", "statuscode", "digest")
FILTERS = ("!mimetype:(image|audio|video|font)/.*", "!mimetype:(text/css|.*javascript.*)")


class CdxError(ValueError):
    """An answer that is not a CDX listing (an exclusion notice, an
    error page, a cut-off body)."""


def listing_url(archive_url: str, host: str, limit: int, resume_key: str | None = None) -> str:
    params = [
        ("url", f"{host}/*"),
        ("output", "json"),
        ("fl", ",".join(FIELDS)),
        *(("filter", f) for f in FILTERS),
        ("showResumeKey", "true"),
        ("limit", str(limit)),
    ]
    if resume_key:
        params.append(("resumeKey", resume_key))
    return archive_url.rstrip("/") + CDX_PATH + "?" + urlencode(params)


def parse_answer(body: bytes) -> tuple[list[list[str]], str | None]:
    """(rows in FIELDS order, resume key or None when the listing is done)."""
    text = body.decode("utf-8", "replace").strip()
    if not text:
        return [], None  # IA answers an empty body when nothing matched
    try:
        table = json.loads(text)
    except ValueError:
        first = text.splitlines()[0][:120]
        raise CdxError(f"not a JSON CDX listing: {first!r}") from None
    if not isinstance(table, list) or not table:
        return [], None
    header, rows = table[0], table[1:]
    if not isinstance(header, list) or any(name not in header for name in FIELDS):
        raise CdxError(f"unexpected CDX fields {header!r}")
    resume_key = None
    if len(rows) >= 2 and rows[-2] == [] and len(rows[-1]) == 1:
        resume_key = str(rows[-1][0])
        rows = rows[:-2]
    order = [header.index(name) for name in FIELDS]
    picked = []
    for row in rows:
        if isinstance(row, list) and len(row) == len(header):
            picked.append([str(row[i]) for i in order])
    return picked, resume_key

"""Every value that reaches a request header, checked in one place.

A carriage return or line feed in a header value starts a header of its
own (`--contact $'me@x.org\\r\\nX-Evil: 1'` would add `X-Evil` to every
request and to the WARC's request records); other control characters
have no business there either. Tab is allowed, as HTTP allows it.
"""

from __future__ import annotations

import json

class HeaderValueError(ValueError):
    """A control character in a header value; the message names where."""


def check_header_value(what: str, value) -> None:
    text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
    for char in text:
        if (ord(char) < 32 and char != "\t") or ord(char) == 127:
            raise HeaderValueError(f"{what}: a control character ({char!r}) cannot go into a request header")


def check_header_settings(settings) -> None:
    """USER_AGENT, AACRAWLER_CONTACT and DEFAULT_REQUEST_HEADERS."""
    for name in ("USER_AGENT", "AACRAWLER_CONTACT"):
        if settings.get(name):
            check_header_value(name, settings.get(name))
    try:
        headers = settings.getdict("DEFAULT_REQUEST_HEADERS")
    except (ValueError, TypeError, json.JSONDecodeError):
        raise HeaderValueError("DEFAULT_REQUEST_HEADERS: not a JSON object of header names and values") from None
    for header, value in headers.items():
        check_header_value(f"DEFAULT_REQUEST_HEADERS {header}", header)
        for one in value if isinstance(value, (list, tuple)) else [value]:
            check_header_value(f"DEFAULT_REQUEST_HEADERS {header}", one)

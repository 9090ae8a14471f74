"""Settings given on the command line (`-s NAME=VALUE`, `--log-level`)
checked before the crawl starts, so a mistake is one line naming the
setting (exit 2), not a ValueError from deep inside Scrapy mid-start."""

from __future__ import annotations

import logging
import math

from .offline import project_settings

# Read by Scrapy (or by us) as integers: "1.5" is refused there too.
INTEGER_SETTINGS = frozenset({
    "CONCURRENT_ITEMS", "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "DEPTH_LIMIT", "DEPTH_PRIORITY",
    "DOWNLOAD_MAXSIZE", "DOWNLOAD_WARNSIZE", "REDIRECT_MAX_TIMES", "RETRY_TIMES", "CLOSESPIDER_ITEMCOUNT",
    "CLOSESPIDER_PAGECOUNT", "CLOSESPIDER_ERRORCOUNT", "AACRAWLER_LISTING_MARGIN", "URLLENGTH_LIMIT", "MEMUSAGE_LIMIT_MB",
})
# What Scrapy's Settings.getbool accepts from a string.
BOOLEAN_WORDS = frozenset({"0", "1", "True", "False", "true", "false"})


class SettingError(ValueError):
    """A setting's value that cannot work; the message names the setting."""


def log_level(value: str, what: str = "--log-level") -> str:
    """The level's name as logging knows it (upper case), or SettingError."""
    name = str(value).strip().upper()
    if not isinstance(logging.getLevelName(name), int):
        raise SettingError(f"{what} {value!r}: not a log level (CRITICAL, ERROR, WARNING, INFO or DEBUG)")
    return name


def check_setting(name: str, value: str) -> None:
    """A value given as text for a setting whose default is a number or a
    boolean must be one."""
    if name == "LOG_LEVEL":
        log_level(value, "-s LOG_LEVEL")
        return
    default = project_settings().get(name)
    if isinstance(default, bool):
        if str(value).strip() not in BOOLEAN_WORDS:
            raise SettingError(f"-s {name}={value!r}: not a boolean (true/false or 1/0)")
    elif isinstance(default, (int, float)):
        try:
            number = int(value) if name in INTEGER_SETTINGS else float(value)
        except ValueError:
            kind = "a whole number" if name in INTEGER_SETTINGS else "a number"
            raise SettingError(f"-s {name}={value!r}: not {kind}") from None
        if isinstance(number, float) and not math.isfinite(number):
            raise SettingError(f"-s {name}={value!r}: not a finite number")

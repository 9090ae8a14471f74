"""Why a request was given up, in a few words a person can act on."""

from __future__ import annotations

from scrapy import exceptions as scrapy_errors
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from ..signals import request_given_up

# Scrapy 2.13+ raises its own download errors; Twisted's for older ones.
_NETWORK = tuple(
    ((getattr(scrapy_errors, name),), reason) for name, reason in (
        ("DownloadTimeoutError", "timeout"),
        ("DownloadConnectionRefusedError", "connection refused"),
        ("CannotResolveHostError", "host not found"),
        ("ResponseDataLossError", "incomplete body"),
        ("DownloadFailedError", "connection lost"),
    ) if hasattr(scrapy_errors, name)
) + (
    ((net.TimeoutError, net.TCPTimedOutError), "timeout"),
    ((net.ConnectionRefusedError,), "connection refused"),
    ((net.DNSLookupError,), "host not found"),
    ((net.ConnectionLost, net.ConnectionDone, ResponseFailed, ResponseNeverReceived), "connection lost"),
)


def failure_reason(failure: Failure) -> tuple[str, int | None]:
    """(reason, last HTTP status or None) for a failed request."""
    if failure.check(HttpError):
        status = failure.value.response.status
        return f"HTTP {status}", status
    if failure.check(IgnoreRequest):
        text = str(failure.value) or "ignored"
        lowered = text.lower()
        if "robots.txt" in lowered:
            return "forbidden by robots.txt", None
        if "offsite" in lowered or "another host" in lowered:
            return "redirect to another host", None
        if "max redirections" in lowered:
            return "too many redirects", None
        if "max size" in lowered or "maxsize" in lowered or "larger than" in lowered:
            return "too large", None  # DOWNLOAD_MAXSIZE, decompressed bodies too
        return text.splitlines()[0], None
    for kinds, reason in _NETWORK:
        if failure.check(*kinds):
            if failure.check(ResponseFailed) and "PotentialDataLoss" in repr(failure.value.reasons):
                return "incomplete body", None
            return reason, None
    message = failure.getErrorMessage().splitlines()[0] if failure.getErrorMessage() else ""
    if "max size" in message.lower() or "maxsize" in message.lower():
        return "too large", None  # the download handler cancelled it
    return f"{failure.type.__name__}: {message}".rstrip(": "), None


def give_up(crawler, url: str, reason: str, status: int | None = None) -> None:
    """Count `url` as given up for `reason` and tell the run's summary
    and coverage (OUT.failed.jsonl, the next run's retries)."""
    crawler.stats.inc_value("aacrawler/given_up")
    crawler.stats.inc_value(f"aacrawler/given_up_by_reason/{reason}")
    crawler.signals.send_catch_log(request_given_up, url=url, reason=reason, status=status)

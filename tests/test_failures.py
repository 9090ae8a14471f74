"""Why a request was given up (runs/failures.py), for each kind of
failure Scrapy and Twisted report: the reasons INTERFACE.md's failed
list and the run summary count."""

import pytest
from scrapy import exceptions as scrapy_errors
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived
from twisted.web.http import PotentialDataLoss

from aacrawler.runs.failures import failure_reason

URL = "https://eng-archive.aawsat.com/news/x/"


def reason(exception):
    return failure_reason(Failure(exception))


@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_http_errors_give_their_status(status):
    response = Response(URL, status=status, request=Request(URL))
    assert reason(HttpError(response, "Ignoring non-200 response")) == (f"HTTP {status}", status)


@pytest.mark.parametrize("message, expected", [
    ("Forbidden by robots.txt", "forbidden by robots.txt"),                       # RobotsTxtMiddleware
    ("Filtered offsite request to 'elsewhere.example'", "redirect to another host"),  # OffsiteMiddleware
    ("redirect to another host (elsewhere.example)", "redirect to another host"),   # aacrawler's redirects
    ("max redirections reached", "too many redirects"),                           # RedirectMiddleware
    ("Ignored response <200 https://x/> because its body (300 B compressed, 2000 B decompressed so far) "
     "exceeded DOWNLOAD_MAXSIZE (1000 B) during decompression.", "too large"),   # HttpCompressionMiddleware
    ("body is larger than the download max size", "too large"),
    ("Something else\nwith a second line", "Something else"),
    ("", "ignored"),
])
def test_ignored_requests_say_why(message, expected):
    assert reason(IgnoreRequest(message)) == (expected, None)


@pytest.mark.parametrize("exception, expected", [
    (net.TimeoutError(), "timeout"),
    (net.TCPTimedOutError(), "timeout"),
    (scrapy_errors.DownloadTimeoutError("Getting https://x/ took longer than 1.0 seconds."), "timeout"),
    (net.ConnectionRefusedError(), "connection refused"),
    (scrapy_errors.DownloadConnectionRefusedError(), "connection refused"),
    (net.DNSLookupError(), "host not found"),
    (scrapy_errors.CannotResolveHostError(), "host not found"),
    (net.ConnectionLost(), "connection lost"),
    (net.ConnectionDone(), "connection lost"),
    (ResponseNeverReceived([Failure(net.ConnectionLost())]), "connection lost"),
    (ResponseFailed([Failure(net.ConnectionLost())]), "connection lost"),
    (scrapy_errors.DownloadFailedError(), "connection lost"),
    # The body stopped short of its Content-Length.
    (ResponseFailed([Failure(net.ConnectionDone()), Failure(PotentialDataLoss())]), "incomplete body"),
    (scrapy_errors.ResponseDataLossError(), "incomplete body"),
])
def test_network_failures(exception, expected):
    assert reason(exception) == (expected, None)


def test_a_download_cancelled_at_the_size_limit_is_too_large():
    message = f"Received 2000 bytes which is larger than download max size (1000) in request <GET {URL}>."
    assert reason(scrapy_errors.DownloadCancelledError(message)) == ("too large", None)


def test_anything_else_is_named_by_its_type_and_message():
    assert reason(ValueError("boom\nand more")) == ("ValueError: boom", None)
    assert reason(ValueError()) == ("ValueError", None)

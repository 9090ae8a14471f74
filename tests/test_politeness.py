"""The live-site defaults and the retry wait (no timing: the computed
waits are checked, never measured)."""

from email.utils import format_datetime
from datetime import datetime, timedelta, timezone

from scrapy.http import Request, Response

from aacrawler.middlewares import BackoffRetryMiddleware, retry_after_seconds
from aacrawler.offline import project_settings


def test_polite_defaults():
    settings = project_settings()
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2
    assert settings.getfloat("DOWNLOAD_DELAY") >= 1.0
    assert {429, 500, 502, 503, 504} <= set(settings.getlist("RETRY_HTTP_CODES"))
    assert settings.get("USER_AGENT").startswith("aacrawler/")


def test_retry_after_header_forms():
    assert retry_after_seconds(b"7") == 7.0
    later = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=30), usegmt=True)
    assert 25 <= retry_after_seconds(later.encode()) <= 30
    assert retry_after_seconds(b"soon") is None
    assert retry_after_seconds(None) is None


def test_backoff_doubles_honours_retry_after_and_is_capped():
    settings = project_settings()
    middleware = BackoffRetryMiddleware(settings)
    request = Request("https://eng-archive.aawsat.com/x/")
    assert middleware.delay_for(request) == 2.0
    assert middleware.delay_for(request.replace(meta={"retry_times": 2})) == 8.0
    assert middleware.delay_for(request.replace(meta={"retry_times": 10})) == 120.0
    busy = Response(request.url, status=503, headers={"Retry-After": "5"})
    assert middleware.delay_for(request, busy) == 5.0
    huge = Response(request.url, status=429, headers={"Retry-After": "86400"})
    assert middleware.delay_for(request, huge) == 120.0

"""`scrapy crawl` (and Scrapyd's jobs, which run it), with the refusals
`aacrawler crawl` gives: a mistake found as the crawl starts is one line
on standard error and an exit status a scheduler can act on, not
Scrapy's traceback and a status of 1.

    75  another run is writing OUT, or the --warc file (try again later)
    2   OUT is not ours; a control character in a header's value

Everything else is Scrapy's own `crawl`: other errors keep their
traceback."""

from __future__ import annotations

import asyncio
import sys

from scrapy.commands.crawl import Command as ScrapyCrawl

from ..headers import HeaderValueError
from ..output.lock import OutputLocked
from ..output.ours import NotOurs

# sysexits' EX_TEMPFAIL, as `aacrawler crawl` exits for a locked output.
LOCKED = 75
REFUSED = 2
_MISTAKES = (OutputLocked, NotOurs, HeaderValueError)


class Command(ScrapyCrawl):
    def run(self, args, opts) -> None:
        if len(args) != 1:
            return super().run(args, opts)  # Scrapy's usage errors
        assert self.crawler_process
        crawler = self._create_crawler(args[0])
        refused: list[Exception] = []
        started = self.crawler_process.crawl(crawler, **opts.spargs)
        _on_refusal(started, refused.append)
        self.crawler_process.start()
        if refused:
            print(f"aacrawler: {refused[0]}", file=sys.stderr)
            self.exitcode = LOCKED if isinstance(refused[0], OutputLocked) else REFUSED
        elif self.crawler_process.bootstrap_failed:
            self.exitcode = 1


def _on_refusal(started, refuse) -> None:
    """Call `refuse` with the start's exception when it is a user's
    mistake (which is then not logged again); any other exception is
    left to be reported as Scrapy and asyncio report it."""
    if isinstance(started, asyncio.Future):

        def done(task: asyncio.Future) -> None:
            if task.cancelled():
                return
            error = task.exception()  # retrieved: asyncio no longer logs it
            if isinstance(error, _MISTAKES):
                refuse(error)
            elif error is not None:
                task.get_loop().call_exception_handler(
                    {"message": "Task exception was never retrieved", "exception": error, "future": task})

        started.add_done_callback(done)
    else:  # a Deferred (Scrapy's older CrawlerProcess)

        def failed(failure):
            if failure.check(*_MISTAKES):
                refuse(failure.value)
                return None
            return failure

        started.addErrback(failed)

"""Distributed crawls on Redis (AACRAWLER_REDIS, `crawl --redis URL`).

scrapy-redis holds the shared frontier: its Scheduler keeps the request
queue and its dupefilter the request fingerprints in Redis, so every
worker started with the same URL and crawl name takes requests from one
queue. What aacrawler adds, under the keys `<crawl>:*`:

    <crawl>:requests, <crawl>:dupefilter   scrapy-redis's frontier
    <crawl>:workers    worker id → last heartbeat (a hash)
    <crawl>:articles   article keys claimed (SADD) in this run before a record
                       is written: no article is exported by two workers
    <crawl>:written    article keys whose record is on disk, in any run
    <crawl>:exported   fetched URLs of exported articles: never fetched again

A run: the first worker to arrive when no worker is alive starts a new
run (clears the frontier; the spider's start pages are then enqueued once,
the shared dupefilter dropping the other workers' copies). Workers stop by
themselves once the queue has stayed empty for AACRAWLER_REDIS_IDLE_TIMEOUT
seconds; the last one out clears the frontier. A worker killed mid-crawl
loses the requests it had taken, and the articles it had claimed but not
yet written; a new run clears the claims (only `written` says what is
done), walks every listing again, skipping exported articles, and fetches
them: run the crawl again, and the union of shards is complete.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured

from .keys import normalize_url
from .runs.state import RESUME

logger = logging.getLogger(__name__)

class RedisUnavailable(ConnectionError):
    """Redis cannot be reached at the URL given."""


def connect(url: str):
    """A Redis client for `url`, checked with PING."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=30, decode_responses=True)
        client.ping()
    except ValueError as error:  # not a redis:// URL
        raise RedisUnavailable(f"{url!r} is not a Redis URL ({error})") from None
    except redis.RedisError as error:
        raise RedisUnavailable(f"cannot reach Redis at {url}: {error}") from None
    return client


def crawl_keys(crawl: str) -> dict[str, str]:
    return {name: f"{crawl}:{name}" for name in ("requests", "dupefilter", "workers", "articles", "written", "exported", "lock")}


def clear_crawl(url: str, crawl: str) -> int:
    """Delete every key of a crawl: the next run starts clean."""
    client = connect(url)
    return client.delete(*crawl_keys(crawl).values())


class RedisAddon:
    """Switches the crawl to scrapy-redis's scheduler when AACRAWLER_REDIS
    is set."""

    def update_settings(self, settings):
        url = settings.get("AACRAWLER_REDIS")
        if not url:
            return
        keys = crawl_keys(settings["AACRAWLER_REDIS_CRAWL"])
        for name, value in (
            ("SCHEDULER", "scrapy_redis.scheduler.Scheduler"),
            ("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter"),
            ("SCHEDULER_PERSIST", True),  # a run's end is ours to decide
            ("SCHEDULER_QUEUE_KEY", keys["requests"]),
            ("SCHEDULER_DUPEFILTER_KEY", keys["dupefilter"]),
            ("REDIS_URL", url),
        ):
            settings.set(name, value, priority="addon")
        # What was exported is asked of Redis, shared by every worker. The
        # project declares the file store: this follows AACRAWLER_REDIS's
        # own priority to win over it (as the output add-on does).
        settings.set("AACRAWLER_STATE_STORE", "aacrawler.distributed.RedisStateStore",
                     priority=max(settings.getpriority("AACRAWLER_STATE_STORE") or 0, settings.getpriority("AACRAWLER_REDIS")))


class RedisStateStore:
    """The crawl-state store (aacrawler.runs.store) of a distributed
    crawl: what every worker of every run exported."""

    mode = RESUME  # every listing walked, exported articles skipped
    previous_started_at = None

    def __init__(self, client, keys):
        self.client = client
        self.keys = keys

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(connect(settings["AACRAWLER_REDIS"]), crawl_keys(settings["AACRAWLER_REDIS_CRAWL"]))

    def is_exported(self, url: str) -> bool:
        return bool(self.client.sismember(self.keys["exported"], normalize_url(url)))

    def admit(self, key: str, record: dict) -> str:
        """Claims the article atomically: one worker of this run writes
        it, unless a run already wrote it."""
        if self.client.sismember(self.keys["written"], key):
            return "exported by an earlier run"
        if self.client.sadd(self.keys["articles"], key) == 1:
            return "new"
        return "exported by another worker"

    def mark_exported(self, key: str, *urls: str, details: dict | None = None) -> None:
        pipe = self.client.pipeline()
        pipe.sadd(self.keys["written"], key)
        pipe.sadd(self.keys["exported"], *(normalize_url(u) for u in urls))
        pipe.execute()

    # Pages that gave no record are not remembered across a shared crawl:
    # its runs fetch them again.
    def mark_no_record(self, url: str, reason: str, only_if_remembered: bool = False) -> None:
        pass

    def no_record_reason(self, url: str) -> str | None:
        return None

    def exported_total(self) -> int | None:
        return self.client.scard(self.keys["written"])

    # The run's life is the coordinator's (heartbeats, the last one out).
    def open(self) -> None:
        pass

    def close(self, reason: str) -> None:
        pass

    def finish(self) -> int:
        return 0


class RedisCoordinator:
    """Joins a worker to the crawl, keeps it alive while the shared queue
    has work, lets it go when the queue has stayed empty."""

    def __init__(self, crawler, client, keys, idle_timeout: float):
        self.crawler = crawler
        self.client = client
        self.keys = keys
        self.idle_timeout = idle_timeout
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.idle_since: float | None = None
        self.heartbeat = None
        # A worker silent for three heartbeats is dead (killed, crashed).
        self.beat_interval = max(1.0, idle_timeout / 3)

    @classmethod
    def from_crawler(cls, crawler):
        url = crawler.settings.get("AACRAWLER_REDIS")
        if not url:
            raise NotConfigured
        keys = crawl_keys(crawler.settings["AACRAWLER_REDIS_CRAWL"])
        coordinator = cls(crawler, connect(url), keys, crawler.settings.getfloat("AACRAWLER_REDIS_IDLE_TIMEOUT"))
        for handler, signal in (
            (coordinator.spider_opened, signals.spider_opened),
            (coordinator.spider_idle, signals.spider_idle),
            (coordinator.spider_closed, signals.spider_closed),
        ):
            crawler.signals.connect(handler, signal=signal)
        return coordinator

    def live_workers(self) -> list[str]:
        now = time.time()
        beats = self.client.hgetall(self.keys["workers"])
        return [w for w, beat in beats.items() if now - float(beat) < 3 * self.beat_interval]

    def spider_opened(self, spider):
        from twisted.internet import task

        # An idle worker looks for work in the shared queue on the engine's
        # heartbeat, every 5 s by default; a worker that joins while the
        # queue is momentarily empty should not wait that long. (A class
        # attribute of Scrapy's engine, read when the crawl starts, just
        # after this signal.)
        engine = self.crawler.engine
        if engine is not None and hasattr(engine, "_SLOT_HEARTBEAT_INTERVAL"):
            engine._SLOT_HEARTBEAT_INTERVAL = min(engine._SLOT_HEARTBEAT_INTERVAL, 1.0)

        with self.client.lock(self.keys["lock"], timeout=30, blocking_timeout=30):
            if not self.live_workers():
                # A new run: what a dead run left in the frontier is cleared,
                # so every listing is walked again (exported articles are not
                # fetched again: <crawl>:exported), and so are its claims: a
                # worker killed between a claim and the write left its
                # article claimed but not written (<crawl>:written).
                self.client.delete(self.keys["requests"], self.keys["dupefilter"], self.keys["workers"],
                                   self.keys["articles"])
                logger.info("Starting a new distributed run of %s", self.keys["requests"].split(":")[0])
            self.beat()
        self.heartbeat = task.LoopingCall(self.beat)
        self.heartbeat.start(self.beat_interval, now=False)

    def beat(self):
        self.client.hset(self.keys["workers"], self.worker, time.time())

    def queue_length(self) -> int:
        return self.client.zcard(self.keys["requests"])

    def spider_idle(self, spider):
        if self.queue_length() > 0:
            self.idle_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.idle_timeout:
            raise DontCloseSpider

    def spider_closed(self, spider, reason):
        if self.heartbeat is not None and self.heartbeat.running:
            self.heartbeat.stop()
        with self.client.lock(self.keys["lock"], timeout=30, blocking_timeout=30):
            self.client.hdel(self.keys["workers"], self.worker)
            if reason == "finished" and not self.live_workers() and self.queue_length() == 0:
                # The last worker out ends the run.
                self.client.delete(self.keys["requests"], self.keys["dupefilter"])

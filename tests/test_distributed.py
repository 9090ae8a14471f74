"""Distributed crawls: three workers sharing one crawl through a real
redis-server on 127.0.0.1 (scrapy-redis scheduler and dupefilter)."""

import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest

from aacrawler.testing import generate_mirror

from .test_crawl import ROOT, SAMPLE, aacrawler, read_jsonl
from .test_scheduled import content

REDIS_SERVER = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed (.ci/run installs it)")
ARTICLES = 300


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url():
    port = free_port()
    server = subprocess.Popen([REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no"], stdout=subprocess.DEVNULL)
    try:
        import redis

        client = redis.Redis(port=port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def mirror(tmp_path_factory):
    path = tmp_path_factory.mktemp("distributed") / "mirror"
    generate_mirror(SAMPLE, path, ARTICLES)
    return path


@pytest.fixture(scope="module")
def reference(mirror, tmp_path_factory):
    out = tmp_path_factory.mktemp("single") / "single.jsonl"
    assert aacrawler("crawl", "--replay", str(mirror), "-o", str(out)).returncode == 0
    return content(read_jsonl(out))


def worker(mirror, out, redis_url, crawl):
    # A little delay per request: the crawl lasts long enough for every
    # worker to join (an idle worker looks at the queue every second).
    return subprocess.Popen(
        [sys.executable, "-m", "aacrawler.cli", "crawl", "--replay", str(mirror), "-o", str(out),
         "--redis", f"{redis_url}/0", "--redis-crawl", crawl, "--redis-idle", "2",
         "-s", "DOWNLOAD_DELAY=0.05", "-s", "CONCURRENT_REQUESTS=2"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def union(shards):
    records = [record for shard in shards if shard.exists() for record in read_jsonl(shard)]
    return content(records)  # fails on an article in two shards


def test_three_workers_share_one_crawl(mirror, reference, redis_url, tmp_path):
    shards = [tmp_path / f"shard{i}.jsonl" for i in range(3)]
    workers = []
    for shard in shards:
        workers.append(worker(mirror, shard, redis_url, "three"))
        time.sleep(0.3)
    for process in workers:
        _, stderr = process.communicate(timeout=180)
        assert process.returncode == 0, stderr
    assert union(shards) == reference
    assert all(len(read_jsonl(shard)) > 0 for shard in shards), "every worker did part of the work"
    merged = tmp_path / "all.jsonl"
    assert aacrawler("merge", *map(str, shards), "-o", str(merged)).returncode == 0
    assert content(read_jsonl(merged)) == reference


def test_a_killed_worker_loses_nothing_after_the_crawl_is_run_again(mirror, reference, redis_url, tmp_path):
    shards = [tmp_path / f"shard{i}.jsonl" for i in range(3)]
    workers = [worker(mirror, shard, redis_url, "killed") for shard in shards]
    time.sleep(4)
    workers[1].send_signal(signal.SIGKILL)
    for process in workers:
        process.communicate(timeout=180)
    first = union(shards)
    assert len(first) <= ARTICLES
    # As documented: run the crawl again (here one worker) with the same options.
    again = worker(mirror, shards[1], redis_url, "killed")
    _, stderr = again.communicate(timeout=180)
    assert again.returncode == 0, stderr
    assert union(shards) == reference
    last = read_jsonl(shards[1].with_name(shards[1].name + ".runs.jsonl"))[-1]
    # The second run fetched only what the first had not exported.
    assert last["article_pages"] == ARTICLES - len(first)


def test_redis_clear_then_start_clean(mirror, redis_url, tmp_path):
    import redis

    out = tmp_path / "one.jsonl"
    process = worker(SAMPLE, out, redis_url, "clear")
    process.communicate(timeout=120)
    client = redis.Redis.from_url(redis_url)
    assert client.scard("clear:articles") == 36
    result = aacrawler("redis-clear", "--redis", f"{redis_url}/0", "--redis-crawl", "clear")
    assert result.returncode == 0 and "cleared crawl 'clear'" in result.stdout
    assert not client.keys("clear:*")


@pytest.mark.parametrize("url, message", [
    ("redis://127.0.0.1:1/0", "cannot reach Redis at redis://127.0.0.1:1/0"),
    ("http://127.0.0.1/", "is not a Redis URL"),
])
def test_unreachable_redis_is_one_line_before_any_fetch(url, message, tmp_path):
    out = tmp_path / "x.jsonl"
    result = aacrawler("crawl", "--replay", str(SAMPLE), "-o", str(out), "--redis", url)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert message in line
    assert not out.exists()

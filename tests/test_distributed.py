"""Distributed crawls: three workers sharing one crawl through a real
redis-server on 127.0.0.1 (scrapy-redis scheduler and dupefilter).

The workers fetch from a local server whose gate (tests/servers.py)
holds article pages until the test lets them through: the test brings
every worker to a known point (waiting on the server) instead of
guessing how long start-up takes."""

import shutil
import signal
import subprocess
import time

import pytest

from aacrawler.keys import article_key

from .helpers import (SAMPLE, aacrawler, content, expected_records, finish, free_port, generated_mirror, line_count,
                      read_jsonl, start_aacrawler, wait_for)
from .servers import Gate, serve_mirror

REDIS_SERVER = shutil.which("redis-server")  # a system program (.ci/run installs it)
pytestmark = pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed (.ci/run installs it)")
ARTICLES = 300
IDLE = 2  # --redis-idle: a worker stops once the queue has been empty this long
# distributed.py: a worker beats every max(1, idle / 3) s and is dead once
# silent for three beats.
DEAD_AFTER = 3 * max(1.0, IDLE / 3)


@pytest.fixture(scope="module")
def redis_url():
    import redis

    port = free_port()
    server = subprocess.Popen([REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no"], stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)

    def answers():
        assert server.poll() is None, "redis-server exited"
        try:
            return client.ping()
        except redis.ConnectionError:
            return False

    try:
        wait_for(answers, 10, f"redis-server to answer on port {port}")
        yield f"redis://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def redis_client(redis_url):
    import redis

    return redis.Redis.from_url(redis_url, decode_responses=True)


@pytest.fixture(scope="module")
def mirror(tmp_path_factory):
    return generated_mirror(tmp_path_factory.mktemp("distributed") / "mirror", ARTICLES)


@pytest.fixture(scope="module")
def reference(mirror, tmp_path_factory):
    out = tmp_path_factory.mktemp("single") / "single.jsonl"
    assert aacrawler("crawl", "--replay", str(mirror), "-o", str(out)).returncode == 0
    return content(read_jsonl(out))


def worker(source: list, out, redis_url, crawl, name="worker"):
    """A worker of crawl `crawl`; `name` ends its User-Agent (--contact),
    so the server can tell the workers apart. Its log: OUT.log."""
    return start_aacrawler(
        "crawl", *source, "-o", out, "--redis", f"{redis_url}/0", "--redis-crawl", crawl, "--redis-idle", str(IDLE),
        "--contact", name, "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=false", "-s", "CONCURRENT_REQUESTS=2",
        log=log_of(out))


def log_of(out):
    return out.with_name(out.name + ".log")


def site(base):
    return ["--site", base]


def names_held(gate):
    """The workers (their --contact) with a request held at the gate."""
    return {agent.rsplit("contact: ", 1)[-1] for agent in gate.held_agents()}


def start_three(mirror_base, gate, shards, redis_url, crawl):
    """Three workers, each with a request held at the gate. The first
    alone, until it waits on the gate: by then the shared queue holds
    articles the gate keeps there, so the others find work at once
    (never an empty queue that would let them stop)."""
    workers = [worker(site(mirror_base), shards[0], redis_url, crawl, "worker-0")]
    wait_for(lambda: "worker-0" in names_held(gate), 60, "worker-0 to wait on the gate")
    workers += [worker(site(mirror_base), shard, redis_url, crawl, f"worker-{i}") for i, shard in enumerate(shards[1:], 1)]
    wait_for(lambda: names_held(gate) == {"worker-0", "worker-1", "worker-2"}, 60,
             f"every worker to wait on the gate (waiting: {sorted(names_held(gate))})")
    return workers


def union(shards):
    records = [record for shard in shards if shard.exists() for record in read_jsonl(shard)]
    return content(records)  # fails on an article in two shards


def test_three_workers_share_one_crawl(mirror, reference, redis_url, redis_client, tmp_path):
    shards = [tmp_path / f"shard{i}.jsonl" for i in range(3)]
    gate = Gate("/generated/")
    with serve_mirror(mirror, gate=gate) as (base, _):
        workers = start_three(base, gate, shards, redis_url, "three")
        assert redis_client.hlen("three:workers") == 3, "all three joined the crawl"
        gate.open()
        for process, shard in zip(workers, shards):
            stderr = finish(process, log_of(shard))
            assert process.returncode == 0, stderr
    assert union(shards) == reference
    # Each had an article page on its way when the gate opened.
    assert all(len(read_jsonl(shard)) > 0 for shard in shards), "every worker did part of the work"
    merged = tmp_path / "all.jsonl"
    assert aacrawler("merge", *map(str, shards), "-o", str(merged)).returncode == 0
    assert content(read_jsonl(merged)) == reference


def test_a_killed_worker_loses_nothing_after_the_crawl_is_run_again(mirror, reference, redis_url, redis_client, tmp_path):
    shards = [tmp_path / f"shard{i}.jsonl" for i in range(3)]
    gate = Gate("/generated/")
    let_through = 30
    with serve_mirror(mirror, gate=gate) as (base, _):
        workers = start_three(base, gate, shards, redis_url, "killed")
        gate.release(let_through)
        # The shards hold those records and worker-1 waits on the gate
        # again, its requests taken from the shared queue and in flight.
        wait_for(lambda: gate.passed == let_through and redis_client.scard("killed:exported") == let_through
                 and "worker-1" in names_held(gate), 60, f"{let_through} records exported, worker-1 waiting")
        assert sum(line_count(shard) for shard in shards) == let_through
        workers[1].send_signal(signal.SIGKILL)
        workers[1].wait(timeout=30)
        assert workers[1].returncode == -signal.SIGKILL
        gate.open()
        for process in workers:
            process.wait(timeout=180)
        first = union(shards)
        assert len(first) < ARTICLES, "the killed worker's requests were lost"

        # The next run starts once the killed worker counts as dead (its
        # heartbeat stale), as distributed.py decides.
        def killed_worker_dead():
            beats = redis_client.hgetall("killed:workers")
            return all(time.time() - float(beat) >= DEAD_AFTER for w, beat in beats.items()
                       if f":{workers[1].pid}:" in w)

        wait_for(killed_worker_dead, 30, "the killed worker's heartbeat to go stale")
    # As documented: run the crawl again (here one worker). From the same
    # mirror replayed rather than served: under --site a run fetches every
    # exported article again (the xfail test below), which would hide
    # what this test counts.
    again = worker(["--replay", mirror], shards[1], redis_url, "killed", "worker-1")
    stderr = finish(again, log_of(shards[1]))
    assert again.returncode == 0, stderr
    assert union(shards) == reference
    last = read_jsonl(shards[1].with_name(shards[1].name + ".runs.jsonl"))[-1]
    # The second run fetched only what the first had not exported.
    assert last["article_pages"] == ARTICLES - len(first)


def test_an_article_claimed_by_a_worker_killed_before_writing_it_is_written_by_the_next_run(redis_url, redis_client,
                                                                                         tmp_path):
    # What a worker killed between the claim and the write leaves in Redis:
    # the claim, no exported URL, no record on disk.
    claimed = next(iter(expected_records().values()))
    redis_client.sadd("claimed:articles", article_key(claimed))
    out = tmp_path / "next.jsonl"
    process = worker(["--replay", SAMPLE], out, redis_url, "claimed")
    stderr = finish(process, log_of(out), timeout=120)
    assert process.returncode == 0, stderr
    assert claimed["url"] in {r["url"] for r in read_jsonl(out)}, "the claimed article was never written"


def test_redis_clear_then_start_clean(redis_url, redis_client, tmp_path):
    out = tmp_path / "one.jsonl"
    process = worker(["--replay", SAMPLE], out, redis_url, "clear")
    process.wait(timeout=120)
    assert redis_client.scard("clear:articles") == 36
    result = aacrawler("redis-clear", "--redis", f"{redis_url}/0", "--redis-crawl", "clear")
    assert result.returncode == 0 and "cleared crawl 'clear'" in result.stdout
    assert not redis_client.keys("clear:*")


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

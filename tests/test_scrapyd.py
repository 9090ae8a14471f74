"""The project deployed to a real Scrapyd (on 127.0.0.1) and run there
with its own settings: deploy, schedule the archive spider replaying the
sample site, wait for it, check its records."""

import json
import shutil
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from .helpers import ROOT, SAMPLE, assert_expected_records, free_port, venv_command, wait_for

SCRAPYD, DEPLOY = venv_command("scrapyd"), venv_command("scrapyd-deploy")
pytestmark = pytest.mark.skipif(not (SCRAPYD.exists() and DEPLOY.exists()),
                                reason="scrapyd and scrapyd-client come with the test extra")


def call(base, endpoint, data=None):
    """Scrapyd's JSON API; `base` is the test's own 127.0.0.1 server."""
    assert base.startswith("http://127.0.0.1:")
    body = urllib.parse.urlencode(data, doseq=True).encode() if data else None
    port = base.split(":")[2].rstrip("/")
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{endpoint}", data=body, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture
def scrapyd(tmp_path):
    port = free_port()
    home = tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\neggs_dir = eggs\nlogs_dir = logs\nitems_dir =\ndbs_dir = dbs\n"
        "max_proc = 1\npoll_interval = 0.5\n"
    )
    log = home / "scrapyd.log"  # a file, not a pipe nobody reads (it could fill and stall scrapyd)
    with log.open("wb") as stderr:
        process = subprocess.Popen([str(SCRAPYD)], cwd=home, stdout=subprocess.DEVNULL, stderr=stderr)
    base = f"http://127.0.0.1:{port}/"

    def answers():
        try:
            return call(base, "daemonstatus.json")["status"] == "ok"
        except OSError:
            assert process.poll() is None, f"scrapyd exited: {log.read_text(errors='replace')}"
            return False

    try:
        wait_for(answers, 30, f"scrapyd to answer at {base}", interval=0.1)
        yield base, home
    finally:
        process.terminate()
        process.wait(timeout=20)


def project_copy(target: Path, scrapyd_url: str) -> Path:
    """The project as a user deploys it, in a folder of the test's own
    (scrapyd-deploy builds in place), pointed at the test's Scrapyd."""
    target.mkdir()
    shutil.copytree(ROOT / "aacrawler", target / "aacrawler", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, target / name)
    config = (ROOT / "scrapy.cfg").read_text().replace("http://localhost:6800/", scrapyd_url)
    (target / "scrapy.cfg").write_text(config)
    return target


def test_deploy_and_run_on_scrapyd(scrapyd, tmp_path):
    base, home = scrapyd
    project = project_copy(tmp_path / "project", base)
    deploy = subprocess.run([str(DEPLOY)], cwd=project, capture_output=True, text=True, timeout=180)
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    assert call(base, "listprojects.json")["projects"] == ["aacrawler"]
    assert call(base, "listspiders.json?project=aacrawler")["spiders"] == ["archive"]

    out = tmp_path / "scrapyd-articles.jsonl"
    job = call(base, "schedule.json", {
        "project": "aacrawler", "spider": "archive", "replay": str(SAMPLE),
        "setting": [f"AACRAWLER_OUTPUT={out}"],
    })
    assert job["status"] == "ok"
    wait_for(lambda: any(j["id"] == job["jobid"] for j in call(base, "listjobs.json?project=aacrawler")["finished"]),
             120, f"the Scrapyd job {job['jobid']} to finish", interval=0.25)
    assert_expected_records(out)
    [summary] = [json.loads(line) for line in out.with_name(out.name + ".runs.jsonl").read_text().splitlines()]
    assert summary["finish_reason"] == "finished" and summary["options"]["replay"] == str(SAMPLE)

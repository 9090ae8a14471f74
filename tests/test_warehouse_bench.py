"""bench/load_bench.py runs (a tiny size, a temp folder): a smoke test,
not a measurement; the figures come from running it in full."""

import subprocess
import sys

from .helpers import ROOT
from .warehouse_support import postgres_bin


def test_load_bench_runs(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "load_bench.py"), "--records", "50", "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "| DuckDB | load | 50 |" in result.stdout
    assert "| DuckDB | reload | 50 |" in result.stdout and "0 new, 0 replaced by a later fetch, 50 unchanged" in result.stdout
    if postgres_bin():
        assert "| PostgreSQL | refresh | 50 |" in result.stdout

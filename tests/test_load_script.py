"""benchmarks/load.py end to end, briefly: a real gunicorn, wrk on the public mix and editors saving, zero 5xx.

On SQLite by default; when the suite runs on PostgreSQL (DATABASE_URL names a server) the script is pointed at that
server, where it makes and drops a database of its own, and at CACHE_URL's Redis when set.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.system("wrk", "gunicorn")
def test_load_script_runs_readers_and_editors_with_zero_server_errors(tmp_path):
    result_path = tmp_path / "load.json"
    command = [sys.executable, str(ROOT / "benchmarks" / "load.py"), "--duration=5", "--editors=4", "--stories=10"]
    command.append(f"--json={result_path}")
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith("postgres"):
        command.append(f"--database-url={database_url}")
    if os.environ.get("CACHE_URL", "").startswith("redis"):
        command.append(f"--cache-url={os.environ['CACHE_URL']}")

    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=150)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "Result: zero 5xx" in done.stdout
    figures = json.loads(result_path.read_text())
    readers, editors = figures["readers"], figures["editors"]
    assert readers["requests"] > 0
    assert readers["server_errors"] == 0
    assert readers["statuses"].get("200", 0) > 0
    assert 0 < readers["latency_ms"]["p50"] <= readers["latency_ms"]["p95"] <= readers["latency_ms"]["p99"]
    # Every page of the mix was found in the seeded data, so the readers saw no 404s.
    assert readers["non_2xx_3xx"] == 0
    assert editors["editors"] == 4
    assert editors["saves"] > 0, editors["failure_examples"]
    assert editors["server_errors"] == 0
    assert 0 < editors["save_ms"]["p50"] <= editors["save_ms"]["p95"] <= editors["save_ms"]["max"]
    assert figures["memory"]["workers_seen"] >= 2
    assert figures["memory"]["max_worker_peak_rss_mb"] > 10
    assert figures["server_log"]["internal_server_errors"] == 0

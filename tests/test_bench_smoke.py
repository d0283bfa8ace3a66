"""``make bench`` (benchmarks/bench.py) end to end, small: 300 stories, one-second runs, so the benchmark cannot rot.

It asserts what the benchmark must produce, never how fast anything was: every page measured answered 200 under
gunicorn (uncached, cached and through nginx's front cache), the read API's endpoints among them, the figures are
all there, and the SQL queries per page stay within the budgets the issues set (listings at most 6, a story at most
8; the same for the API's story list, deep or not, and its story). On PostgreSQL when the suite
runs there (the script makes and drops a database of its own on that server).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks" / "bench.py"


@pytest.mark.system("wrk", "nginx", "gunicorn", "openssl")
def test_the_benchmark_measures_every_page_and_reports_the_targets(tmp_path):
    result_path = tmp_path / "bench.json"
    command = [sys.executable, str(BENCH), "--size=300", "--duration=1", "--import-stories=20", f"--json={result_path}"]
    env = {**os.environ, "PATH": os.environ.get("PATH", "") + ":/usr/sbin"}
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        env.pop("DATABASE_URL", None)

    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)

    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    figures = json.loads(result_path.read_text())
    pages = figures["setup"]["pages"]
    expected = {"home", "section-p1", "section-deep", "archive-p1", "archive-deep", "story-1", "tag", "contributor"}
    expected |= {"search-rare", "search-topical", "search-common", "feed", "sitemap", "ping", "static"}
    expected |= {"api-stories", "api-stories-deep", "api-story", "api-ninjs"}
    assert set(pages) == expected
    assert "?page=" in pages["section-deep"] and "?page=" in pages["archive-deep"]
    assert "cursor=" in pages["api-stories-deep"] and pages["api-ninjs"].endswith(".ninjs")
    for kind in ("uncached", "cached"):
        for name, run in figures[kind].items():
            assert run["requests"] > 0 and run["not_200"] == 0, (kind, name, run)
    assert set(figures["cached"]) == expected - {"ping", "static"}
    for name, pair in figures["front_cache"].items():
        assert pair["front_cache"]["not_200"] == 0 and pair["file"]["not_200"] == 0, name
        assert pair["front_cache"]["requests"] > 0 and pair["file"]["requests"] > 0
    words = figures["setup"]["search_words"]
    assert words["rare"]["matches"] >= 1
    assert words["rare"]["matches"] <= words["topical"]["matches"] <= words["common"]["matches"]
    costs = figures["costs"]
    assert costs["ping"]["queries"] == 0 and costs["static"]["queries"] == 0
    for name in ("section-p1", "section-deep", "archive-p1", "archive-deep", "tag", "contributor"):
        assert costs[name]["queries"] <= 6, (name, costs[name])
    assert costs["story-1"]["queries"] <= 8
    # The read API (issue 24): a list page, deep or not, and a story in a fixed small number of queries.
    assert costs["api-stories"]["queries"] == costs["api-stories-deep"]["queries"] <= 6
    assert costs["api-story"]["queries"] <= 8
    assert figures["import"]["stories"] == 20 and figures["import"]["stories_per_second"] > 0
    assert figures["quote_extraction_1mb"]["characters"] >= 1_000_000
    for memory in figures["memory"].values():
        assert memory["workers_seen"] >= 2 and memory["max_worker_peak_rss_mb"] > 10
    assert figures["server_log"]["uncached"]["internal_server_errors"] == 0
    assert figures["server_log"]["cached"]["internal_server_errors"] == 0
    # The printed table names every page and says which targets are met.
    for name in expected:
        assert f"\n{name} " in done.stdout
    assert "Targets (issue 22):" in done.stdout and "[met]" in done.stdout
    assert "Targets (issue 24, the API):" in done.stdout

"""``make bench``: every kind of public page under gunicorn and wrk, uncached, cached and behind nginx, with figures.

    make bench                                   # SQLite, 10,000 stories, 10 s a run
    make bench SIZE=1000                         # how cost grows: SIZE=1000, SIZE=100000
    make bench DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres   # on a database of its own there
    .venv/bin/python benchmarks/bench.py --size 300 --duration 1            # the smoke CI runs

It builds on the load script (benchmarks/load.py ``serving``): a fresh database in a temp folder (or one created on
the PostgreSQL server DATABASE_URL names and dropped afterwards; the database named is never touched), seeded with
SIZE demo stories, served by gunicorn (2 sync workers on a free 127.0.0.1 port). Then, each run ``--duration``
seconds of wrk with 8 connections on one page:

1. every page uncached (NEWSROOM_PAGE_CACHE_SECONDS=0): home, a section's page 1 and a deep page, the archive's
   page 1 and a deep page, a story, a tag, a contributor, search for a rare, a topical and the most common word
   (also with one connection: what one reader waits), a feed, the sitemap; the read API's story list (page one and
   a cursor page as deep as the archive's), a story's JSON and its ninjs (issue 24); the "ping" view (a view doing
   nothing, behind all the middleware, benchmarks/bench_urls.py) and a static file through whitenoise as references;
2. the same pages with the page cache on (a new gunicorn on the same database);
3. the pages through nginx's front cache, with the site file from deploy/ (benchmarks/local_nginx.py), beside
   nginx serving the same bytes as a file.

Also: SQL queries and in-process milliseconds per page (benchmarks/bench_site.py), the workers' memory after the
runs, the seed time, stories a second through ``import_story`` and quote extraction on 1 MB of hostile text. It
prints a table and the issue's targets met or not, writes the figures as JSON under benchmarks/results/ (ignored by
git), stops everything it started, and exits 1 when a page answered anything but 200.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The helpers beside this script (benchmarks/ is not a package).
import load
import load_server
import load_wrk
import local_nginx
import quote_extraction

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PYTHON = sys.executable
# The pages measured, in the table's order: the load script's names (load_prepare.py) and bench_site.py's.
PAGES = (
    "home", "section-p1", "section-deep", "archive-p1", "archive-deep", "story-1", "tag", "contributor",
    "search-rare", "search-topical", "search-common", "feed", "sitemap",
    "api-stories", "api-stories-deep", "api-story", "api-ninjs", "ping", "static",
)  # fmt: skip
REFERENCES = ("ping", "static")  # the same with or without the page cache: measured once
SEARCHES = ("search-rare", "search-topical", "search-common")
FRONT_CACHED = ("home", "section-p1", "story-1")  # through nginx's front cache, each beside the same bytes as a file
LISTINGS = ("home", "section-p1", "archive-p1", "tag", "contributor")
API = ("api-stories", "api-stories-deep", "api-story", "api-ninjs")  # the read API and ninjs (issue 24)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=int(os.environ.get("SIZE") or 10_000), help="Stories seeded.")
    parser.add_argument("--duration", type=int, default=10, help="Seconds of each wrk run (default 10).")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (default 8).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2).")
    parser.add_argument("--import-stories", type=int, default=200, help="Stories imported through import_story.")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="A postgres:// URL: measure on a database made there (default: DATABASE_URL when it names "
        "PostgreSQL, else SQLite in a temp folder).",
    )
    parser.add_argument("--cache-url", default="", help="redis://host:port/db for the cache (default: memory).")
    parser.add_argument("--json", metavar="PATH", help="Where the JSON goes (default benchmarks/results/...).")
    parser.add_argument("--keep", action="store_true", help="Keep the temp folder (and PostgreSQL database).")
    args = parser.parse_args(argv)
    if urlsplit(args.database_url).scheme not in {"postgres", "postgresql", "pgsql"}:
        args.database_url = ""  # SQLite (a sqlite:// DATABASE_URL is the developer's own: never measured on)
    if args.size < 30:
        parser.error("--size must be at least 30 (the pages need a few sections, tags and stories)")
    if args.duration < 1 or args.connections < 2 or args.workers < 1:
        parser.error("--duration and --workers must be 1 or more, --connections 2 or more")
    return args


def site_script(env: dict, *arguments: str) -> dict:
    """benchmarks/bench_site.py in the site's environment; its JSON answer."""
    command = [PYTHON, str(ROOT / "benchmarks" / "bench_site.py"), *arguments]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench_site.py {arguments[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_wrk(url: str, path: str, workdir: Path, seconds: int, connections: int) -> dict:
    """One page, ``seconds`` of wrk: requests a second, latency p50/p99 and the statuses."""
    script = load_wrk.write_script([path], workdir)
    output = workdir / "wrk.txt"
    load_wrk.start(url, script, seconds, connections, min(2, connections), output).wait()
    figures = load.reader_figures(load_wrk.result(output))
    latency = figures["latency_ms"]
    return {
        "requests_per_second": figures["requests_per_second"],
        "p50_ms": latency["p50"],
        "p99_ms": latency["p99"],
        "requests": figures["requests"],
        "statuses": figures["statuses"],
        "not_200": figures["requests"] - figures["statuses"].get(200, 0) + sum(figures["socket_errors"].values()),
    }


def fetch(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(load_server.HOST, port, timeout=60)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


def measure_server(server: load_server.Gunicorn, pages: dict[str, str], names, args, workdir: Path) -> dict:
    url = f"http://{load_server.HOST}:{server.port}"
    results = {}
    for name in names:
        fetch(server.port, pages[name])  # rendered once (and cached, when the cache is on) before the clock starts
        results[name] = run_wrk(url, pages[name], workdir, args.duration, args.connections)
    return results


def measure_front_cache(cached: load_server.Gunicorn, pages: dict[str, str], args, workdir: Path) -> dict:
    """nginx with deploy/'s site file in front of the cached server: each page through the front cache, beside the
    same bytes served by nginx as a file (under /static/)."""
    nginx_dir = workdir / "nginx"
    http_port, https_port = load_server.free_port(), load_server.free_port()
    local_nginx.prepare(
        nginx_dir, http_port, https_port, upstream=f"{load_server.HOST}:{cached.port}", workers="auto", access_log=False
    )
    for name in FRONT_CACHED:
        status, body = fetch(cached.port, pages[name])
        if status != 200:
            raise RuntimeError(f"{name} answered {status} before the nginx runs")
        (nginx_dir / "site" / "staticfiles" / f"bench-{name}.html").write_bytes(body)
    nginx = local_nginx.start(nginx_dir)
    url = f"https://{load_server.HOST}:{https_port}"
    try:
        deadline = time.monotonic() + 30
        while not _answers_https(https_port, "/bench-ping/"):
            if nginx.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("nginx did not start: " + (nginx_dir / "logs" / "nginx.out").read_text()[-2000:])
            time.sleep(0.2)
        results = {}
        for name in FRONT_CACHED:
            results[name] = {
                "front_cache": run_wrk(url, pages[name], workdir, args.duration, args.connections),
                "file": run_wrk(url, f"/static/bench-{name}.html", workdir, args.duration, args.connections),
            }
        return results
    finally:
        local_nginx.stop(nginx)


def _answers_https(port: int, path: str) -> bool:
    import ssl

    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    connection = http.client.HTTPSConnection(load_server.HOST, port, context=context, timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def quote_extraction_figures() -> dict:
    caption, paragraphs = quote_extraction.hostile_story(1_000_000)
    seconds, quotes = quote_extraction._time(caption, paragraphs)
    chars = len(caption) + sum(len(paragraph) for paragraph in paragraphs)
    return {"characters": chars, "quotes": quotes, "seconds": round(seconds, 3)}


def run(args) -> dict:
    load_args = SimpleNamespace(
        database_url=args.database_url, cache_url=args.cache_url, page_cache_seconds=0, stories=args.size,
        editors=0, workers=args.workers, worker_class="sync", threads=1, keep=args.keep,
    )  # fmt: skip
    with load.serving(load_args, extra_env={"DJANGO_SETTINGS_MODULE": "bench_settings"}) as served:
        extra = site_script(served.env, "pages")
        pages = {**served.pages, **extra["pages"]}
        pages = {name: pages[name] for name in PAGES}
        pages_file = served.workdir / "bench-pages.json"
        pages_file.write_text(json.dumps(pages))
        costs = site_script(served.env, "costs", str(pages_file))

        uncached = measure_server(served.server, pages, PAGES, args, served.workdir)
        one_reader_url = f"http://{load_server.HOST}:{served.server.port}"
        one_reader = {name: run_wrk(one_reader_url, pages[name], served.workdir, args.duration, 1) for name in SEARCHES}
        served.server.stop()
        memory = {"uncached": served.server.memory()}

        cached_env = {**served.env, "NEWSROOM_PAGE_CACHE_SECONDS": "300"}
        cached = load_server.Gunicorn(cached_env, served.workdir / "server-cached.log", args.workers)
        cached.start()
        try:
            with_cache = measure_server(
                cached, pages, [name for name in PAGES if name not in REFERENCES], args, served.workdir
            )
            front_cache = measure_front_cache(cached, pages, args, served.workdir)
        finally:
            cached.stop()
        memory["cached"] = cached.memory()
        importing = site_script(served.env, "import", "--stories", str(args.import_stories))
        log = load_server.log_findings(served.workdir / "server.log")
        log_cached = load_server.log_findings(served.workdir / "server-cached.log")
        return {
            "setup": {
                "database": served.database,
                "cache": "redis" if args.cache_url else "local memory",
                "size": args.size,
                "stories": extra["stories"],
                "seed_seconds": served.seed_seconds,
                "workers": args.workers,
                "connections": args.connections,
                "duration": args.duration,
                "code": load.code_version(),
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "cpus": os.cpu_count(),
                "pages": pages,
                "search_words": extra["search_words"],
            },
            "costs": costs,
            "uncached": uncached,
            "one_reader": one_reader,
            "cached": with_cache,
            "front_cache": front_cache,
            "memory": memory,
            "import": importing,
            "quote_extraction_1mb": quote_extraction_figures(),
            "server_log": {"uncached": log, "cached": log_cached},
        }


def targets(figures: dict) -> list[tuple[str, bool, str]]:
    """The issue's targets, each with whether this run meets it and the figures it was judged on."""
    uncached, cached, costs = figures["uncached"], figures["cached"], figures["costs"]
    ping = uncached["ping"]["requests_per_second"] or 1

    def share(name: str, source: dict) -> float:
        return 100 * source[name]["requests_per_second"] / ping

    found = []
    story = share("story-1", uncached)
    found.append(("uncached story >= 8 % of ping", story >= 8, f"{story:.1f} %"))
    for name in LISTINGS:
        value = share(name, uncached)
        found.append((f"uncached {name} >= 3 % of ping", value >= 3, f"{value:.1f} %"))
    for deep, first in (("section-deep", "section-p1"), ("archive-deep", "archive-p1")):
        ratio = uncached[first]["requests_per_second"] / max(uncached[deep]["requests_per_second"], 0.1)
        found.append((f"{deep} within 1.5x {first}", ratio <= 1.5, f"{ratio:.2f}x"))
    lowest = min(cached, key=lambda name: cached[name]["requests_per_second"])
    value = share(lowest, cached)
    found.append(("cached pages >= 70 % of ping", value >= 70, f"lowest {lowest} {value:.1f} %"))
    for name, pair in figures["front_cache"].items():
        value = 100 * pair["front_cache"]["requests_per_second"] / max(pair["file"]["requests_per_second"], 0.1)
        found.append((f"nginx front cache {name} >= 50 % of the file", value >= 50, f"{value:.1f} %"))
    for name, run_figures in figures["one_reader"].items():
        p50 = run_figures["p50_ms"]
        found.append((f"{name} p50 <= 50 ms, one reader", p50 <= 50, f"{p50} ms"))
    listing_queries = max(costs[name]["queries"] for name in LISTINGS if name != "home")
    found.append(("listings <= 6 queries", listing_queries <= 6, f"at most {listing_queries}"))
    found.append(("story <= 8 queries", costs["story-1"]["queries"] <= 8, str(costs["story-1"]["queries"])))
    rate = figures["import"]["stories_per_second"] or 0
    found.append(("import >= 200 stories/s", rate >= 200, f"{rate}/s"))
    peak = max(memory["max_worker_peak_rss_mb"] or 0 for memory in figures["memory"].values())
    found.append(("worker memory <= 100 MB", peak <= 100, f"{peak} MB"))
    return found


def api_targets(figures: dict) -> list[tuple[str, bool, str]]:
    """The API's: a fixed small number of queries, a deep cursor page as fast as the first, and each endpoint
    at least as fast as the HTML page it stands beside (uncached: the code's own cost)."""
    uncached, costs = figures["uncached"], figures["costs"]

    def rate(name: str) -> float:
        return uncached[name]["requests_per_second"]

    found = []
    lists = max(costs[name]["queries"] for name in ("api-stories", "api-stories-deep"))
    found.append(("API story list <= 6 queries", lists <= 6, f"at most {lists}"))
    story = costs["api-story"]["queries"]
    found.append(("API story <= 8 queries", story <= 8, str(story)))
    ratio = rate("api-stories") / max(rate("api-stories-deep"), 0.1)
    found.append(("API deep cursor page within 1.5x page one", ratio <= 1.5, f"{ratio:.2f}x"))
    for api_name, page in (("api-stories", "archive-p1"), ("api-story", "story-1")):
        value = rate(api_name) / max(rate(page), 0.1)
        found.append((f"uncached {api_name} >= {page}", value >= 1, f"{value:.2f}x"))
    return found


def report_text(figures: dict) -> str:
    setup = figures["setup"]
    database = setup["database"] + (" + Redis" if setup["cache"] == "redis" else "")
    words = ", ".join(f"{kind} “{w['word']}” ({w['matches']:,} matches)" for kind, w in setup["search_words"].items())
    lines = [
        f"Newsroom bench on {database}: {setup['stories']['published']:,} published stories of "
        f"{setup['stories']['all']:,} (seeded in {setup['seed_seconds']} s); gunicorn {setup['workers']} sync workers; "
        f"wrk {setup['connections']} connections x {setup['duration']} s a page; {setup['cpus']} CPUs; "
        f"code {setup['code']}",
        f"Search words: {words}",
        "",
        f"{'page':15} {'queries':>7} {'in-proc':>8} | {'uncached':>9} {'p50':>7} {'p99':>7} | "
        f"{'cached':>8} {'p50':>6} {'p99':>6} | path",
        f"{'':15} {'':>7} {'ms':>8} | {'req/s':>9} {'ms':>7} {'ms':>7} | {'req/s':>8} {'ms':>6} {'ms':>6} |",
    ]
    for name, path in setup["pages"].items():
        cost, plain = figures["costs"][name], figures["uncached"][name]
        cached = figures["cached"].get(name)
        cached_text = (
            f"{cached['requests_per_second']:8,.0f} {cached['p50_ms']:6} {cached['p99_ms']:6}"
            if cached
            else f"{'(same)':>8} {'':6} {'':6}"
        )
        flag = "  NOT 200: " + json.dumps(plain["statuses"]) if plain["not_200"] else ""
        lines.append(
            f"{name:15} {cost['queries']:7} {cost['in_process_ms']:8} | {plain['requests_per_second']:9,.1f} "
            f"{plain['p50_ms']:7} {plain['p99_ms']:7} | {cached_text} | {path}{flag}"
        )
    lines += ["", "Search, one reader (1 connection, uncached):"]
    for name, run_figures in figures["one_reader"].items():
        lines.append(
            f"  {name:15} {run_figures['requests_per_second']:7,.1f} req/s  p50 {run_figures['p50_ms']} ms  "
            f"p99 {run_figures['p99_ms']} ms"
        )
    lines += ["", "Through nginx's front cache (deploy/nginx/newsroom.conf, HTTPS), beside nginx serving the bytes:"]
    for name, pair in figures["front_cache"].items():
        front, file = pair["front_cache"], pair["file"]
        lines.append(
            f"  {name:15} front cache {front['requests_per_second']:9,.0f} req/s (p50 {front['p50_ms']} ms)   "
            f"file {file['requests_per_second']:9,.0f} req/s (p50 {file['p50_ms']} ms)"
        )
    memory, importing, quotes = figures["memory"], figures["import"], figures["quote_extraction_1mb"]
    lines += [
        "",
        "Worker peak memory: uncached "
        + " / ".join(map(str, memory["uncached"]["worker_peak_rss_mb"]))
        + " MB; cached "
        + " / ".join(map(str, memory["cached"]["worker_peak_rss_mb"]))
        + " MB",
        f"import_story: {importing['stories']} stories ({importing['quotes']} proposed quotes) in "
        f"{importing['seconds']} s = {importing['stories_per_second']} stories/s",
        f"Quote extraction, 1 MB of hostile text: {quotes['characters']:,} characters, {quotes['quotes']:,} quotes "
        f"in {quotes['seconds']} s",
        "",
        "Targets (issue 22):",
    ]
    for label, met, value in targets(figures):
        lines.append(f"  [{'met' if met else 'NOT met'}] {label}: {value}")
    lines.append("Targets (issue 24, the API):")
    for label, met, value in api_targets(figures):
        lines.append(f"  [{'met' if met else 'NOT met'}] {label}: {value}")
    return "\n".join(lines)


def failures(figures: dict) -> list[str]:
    wrong = []
    for kind in ("uncached", "cached", "one_reader"):
        wrong += [f"{kind} {name}: {run['statuses']}" for name, run in figures[kind].items() if run["not_200"]]
    for name, pair in figures["front_cache"].items():
        wrong += [f"nginx {name} {side}: {run['statuses']}" for side, run in pair.items() if run["not_200"]]
    return wrong


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load_wrk.wrk_program()  # before anything is seeded: say at once when wrk is missing
    if not Path(local_nginx.nginx_program()).exists():
        raise SystemExit("nginx is not installed: apt-get install nginx (Debian's package)")
    figures = run(args)
    print(report_text(figures))
    database = figures["setup"]["database"].lower()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = Path(args.json) if args.json else RESULTS / f"bench-{database}-{args.size}-{stamp}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"\nFigures: {path}")
    wrong = failures(figures)
    if wrong:
        print("Pages that answered anything but 200:\n  " + "\n  ".join(wrong))
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())

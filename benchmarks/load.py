"""Load on a real server: readers through wrk and editors saving in the admin, at the same time.

    .venv/bin/python benchmarks/load.py                       # SQLite in a temp folder, 60 s, 20 editors
    .venv/bin/python benchmarks/load.py --database-url postgres://postgres@127.0.0.1:5432/postgres \\
        --cache-url redis://127.0.0.1:6379/13                 # PostgreSQL and Redis
    .venv/bin/python benchmarks/load.py --duration 5 --editors 4 --stories 10 --json result.json

Everything lives in a temp folder (database file, media, static files, server log, wrk script) removed afterwards
(``--keep`` keeps it). On PostgreSQL a database of its own is created on the server the URL names and dropped at the
end; the database the URL names is never touched. With Redis, keys get a prefix of their own, deleted at the end.

The script migrates and seeds the demo content (``seed_demo --stories N``), makes one Editor account per editor,
starts gunicorn (``--workers`` sync workers by default, on a free 127.0.0.1 port), checks every page of the public
mix answers 200, then for ``--duration`` seconds runs wrk over the mix (home, a section, a tag, a contributor, a
source, five stories, search, quote search, feeds, sitemaps) while each editor thread saves its own story through
the real admin form again and again. It prints requests/s and latency for the readers, status counts, saves and
their timings (a save's time is its POST's, until the redirect) with failures by kind, the workers' peak memory
(VmHWM) and what the server log says went wrong, and exits 1 if any response was a 5xx.

Other scripts reuse it: ``with serving(args) as site:`` gives a seeded site under gunicorn, and ``measure(args, site,
pages)`` runs wrk over any of its pages (``--editors 0`` for readers alone) as often as wanted before it is removed.

Why sync workers by default: that is gunicorn's default and what the performance comparison uses; one request per
process at a time, so the figures are the code's, not thread scheduling's. But then the database never sees more
than two requests at once: the editors queue in gunicorn, not on SQLite's write lock. ``--worker-class gthread
--threads 10`` gives the 20 editors 20 connections at once, the desk SQLite must hold ("database is locked").
"""

from __future__ import annotations

import argparse
import json
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The helpers beside this script (benchmarks/ is not a package).
import load_editors
import load_server
import load_wrk

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=60, help="Seconds of load (default 60).")
    parser.add_argument("--editors", type=int, default=20, help="Editor threads saving in parallel (default 20).")
    parser.add_argument("--stories", type=int, default=1000, help="Demo stories seeded (default 1000).")
    parser.add_argument(
        "--database-url", default="", help="postgres://user@host:port/any: a server to use (default: SQLite)."
    )
    parser.add_argument("--cache-url", default="", help="redis://host:port/db (default: each worker's memory).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2).")
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"], help="gunicorn worker class.")
    parser.add_argument("--threads", type=int, default=1, help="Threads per gthread worker (default 1).")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (default 8).")
    parser.add_argument("--wrk-threads", type=int, default=2, help="wrk threads (default 2).")
    parser.add_argument(
        "--page-cache-seconds",
        type=int,
        default=None,
        help="NEWSROOM_PAGE_CACHE_SECONDS for the server; 0 renders every page (default: the site's setting).",
    )
    parser.add_argument(
        "--page",
        action="append",
        metavar="NAME",
        help="Only this page of the mix (repeatable; names as printed in the JSON's setup.pages, e.g. story-1).",
    )
    parser.add_argument("--json", metavar="PATH", help="Also write the figures as JSON to PATH ('-': standard output).")
    parser.add_argument("--keep", action="store_true", help="Keep the temp folder (and PostgreSQL database).")
    args = parser.parse_args(argv)
    for name in ("duration", "workers", "threads", "connections", "wrk_threads"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be 1 or more")
    if args.connections < args.wrk_threads:
        parser.error("--connections must be at least --wrk-threads (each wrk thread needs a connection)")
    if args.editors < 0 or args.stories < 0:
        parser.error("--editors and --stories must be 0 or more")
    if args.database_url and urlsplit(args.database_url).scheme not in {"postgres", "postgresql", "pgsql"}:
        parser.error("--database-url must be a postgres:// URL (SQLite is the default)")
    if args.cache_url and urlsplit(args.cache_url).scheme not in {"redis", "rediss"}:
        parser.error("--cache-url must be a redis:// URL")
    return args


class PostgresDatabase:
    """A database of the load's own on the server a URL names: created empty, dropped at the end."""

    def __init__(self, url: str):
        self.server = urlsplit(url)
        self.name = f"newsroom_load_{secrets.token_hex(4)}"

    def _admin_connection(self):
        import psycopg

        return psycopg.connect(
            host=self.server.hostname or "127.0.0.1",
            port=self.server.port or 5432,
            user=self.server.username or "postgres",
            password=self.server.password or None,
            dbname="postgres",
            autocommit=True,
        )

    def create(self) -> str:
        with self._admin_connection() as connection:
            connection.execute(f'CREATE DATABASE "{self.name}"')
        return urlunsplit(self.server._replace(path=f"/{self.name}"))

    def drop(self) -> None:
        with self._admin_connection() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def forget_cache_keys(cache_url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(cache_url)
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        client.delete(key)


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile (``share`` 0-100) of ``values``, None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, round(share / 100 * len(ordered) + 0.4999))
    return ordered[min(rank, len(ordered)) - 1]


def prepare_site(args, env: dict) -> dict:
    command = [PYTHON, str(ROOT / "benchmarks" / "load_prepare.py"), f"--stories={args.stories}"]
    command.append(f"--editors={args.editors}")
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"Preparing the site failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def check_pages(host: str, port: int, pages: dict[str, str]) -> None:
    """Every page of the mix answers 200 before the load starts (and each is rendered once)."""
    reader = load_editors.Browser(host, port)
    answers = {name: reader.request("GET", path) for name, path in pages.items()}
    wrong = [
        f"{name} {pages[name]}: HTTP {reply.status} {reply.error}"
        for name, reply in answers.items()
        if reply.status != 200
    ]
    if wrong:
        raise RuntimeError("pages of the mix that do not answer 200:\n  " + "\n  ".join(wrong))


def measure(args, served: ServedSite, pages: dict[str, str] | None = None) -> dict:
    """One run of wrk over ``pages`` (default: the whole mix) for ``args.duration`` seconds, with the site's editors
    saving at the same time; the readers' and the editors' figures. May be called again on the same site."""
    host, port = load_server.HOST, served.server.port
    browsers = []
    for account in served.editors:
        browser = load_editors.Browser(host, port)
        browser.log_in(account["username"], account["password"])
        browsers.append((browser, account["story_id"]))
    script = load_wrk.write_script(list((pages or served.pages).values()), served.workdir)
    wrk_output = served.workdir / "wrk.txt"
    stop = threading.Event()
    tallies = [load_editors.EditorTally() for _ in browsers]
    editors = [
        threading.Thread(target=load_editors.run_editor, args=(browser, story_id, stop, tally), daemon=True)
        for (browser, story_id), tally in zip(browsers, tallies, strict=True)
    ]
    url = f"http://{host}:{port}"
    wrk = load_wrk.start(url, script, args.duration, args.connections, args.wrk_threads, wrk_output)
    started = time.perf_counter()
    for editor in editors:
        editor.start()
    wrk.wait()
    stop.set()
    for editor in editors:
        editor.join(timeout=150)
    elapsed = time.perf_counter() - started
    return {"readers": reader_figures(load_wrk.result(wrk_output)), "editors": editor_figures(tallies, elapsed)}


def reader_figures(raw: dict) -> dict:
    statuses = raw["statuses"]
    seconds = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "requests_per_second": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "latency_ms": {name: round(value / 1000, 1) for name, value in raw["latency_us"].items()},
        "statuses": dict(sorted(statuses.items())),
        "non_2xx_3xx": sum(count for status, count in statuses.items() if not 200 <= status < 400),
        "server_errors": sum(count for status, count in statuses.items() if status >= 500),
        "database_locked": raw["locked"],
        "socket_errors": raw["socket_errors"],
    }


def editor_figures(tallies: list[load_editors.EditorTally], seconds: float) -> dict:
    timings = [value for tally in tallies for value in tally.save_seconds]
    failures: dict[str, int] = {}
    for tally in tallies:
        for kind, count in tally.failures.items():
            failures[kind] = failures.get(kind, 0) + count

    def ms(value: float | None) -> float | None:
        return None if value is None else round(value * 1000, 1)

    return {
        "editors": len(tallies),
        "saves": len(timings),
        "saves_per_second": round(len(timings) / seconds, 2) if seconds else 0.0,
        "save_ms": {
            "p50": ms(percentile(timings, 50)),
            "p95": ms(percentile(timings, 95)),
            "max": ms(max(timings, default=None)),
        },
        "failures": dict(sorted(failures.items())),
        "requests": sum(tally.requests for tally in tallies),
        "server_errors": sum(tally.server_errors for tally in tallies),
        "database_locked": sum(tally.locked for tally in tallies),
        "failure_examples": {
            kind: next(tally.examples[kind] for tally in tallies if kind in tally.examples) for kind in failures
        },
    }


def code_version() -> str:
    """The commit measured, and whether the working tree differed from it (figures of uncommitted code)."""
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    changed = subprocess.run([*git, "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True)
    return (head or "unknown") + (" + uncommitted changes" if changed.stdout.strip() else "")


def page_cache_text(seconds: int | None) -> str:
    if seconds is None:
        return "as the site sets it"
    return "off" if seconds == 0 else f"{seconds} s"


def report_text(figures: dict) -> str:
    setup, readers, editors = figures["setup"], figures["readers"], figures["editors"]
    latency, saves = readers["latency_ms"], editors["save_ms"]
    memory, log = figures["memory"], figures["server_log"]
    statuses = ", ".join(f"{status}: {count:,}" for status, count in readers["statuses"].items()) or "none"
    failures = ", ".join(f"{kind} {count}" for kind, count in editors["failures"].items()) or "none"
    by_path = ", ".join(f"{path} {count}" for path, count in log["internal_server_errors_by_path"].items())
    database = setup["database"] + (" + Redis" if setup["cache"] == "redis" else "")
    workers = f"{setup['workers']} {setup['worker_class']} worker(s)"
    if setup["worker_class"] == "gthread":
        workers += f" x {setup['threads']} threads"
    outcome = f"FAIL, {figures['server_errors']} responses were 5xx" if figures["server_errors"] else "zero 5xx"
    lines = [
        f"Newsroom load on {database}: {setup['stories']:,} seeded stories ({setup['seed_seconds']} s), "
        f"gunicorn {workers}, page cache {setup['page_cache']}, {setup['duration']} s; code {setup['code']}",
        f"Readers (wrk {setup['connections']} connections, {len(setup['pages'])} public pages):",
        f"  {readers['requests_per_second']:,} requests/s ({readers['requests']:,} requests); latency p50 "
        f"{latency['p50']} ms, p95 {latency['p95']} ms, p99 {latency['p99']} ms, max {latency['max']} ms",
        f"  statuses {statuses}; non-2xx/3xx {readers['non_2xx_3xx']}; 5xx {readers['server_errors']} "
        f"(database is locked {readers['database_locked']}); socket errors {readers['socket_errors']}",
        f"Editors ({editors['editors']}, each saving its own story through the admin form):",
        f"  {editors['saves']:,} saves ({editors['saves_per_second']}/s); "
        f"save p50 {saves['p50']} ms, p95 {saves['p95']} ms, max {saves['max']} ms",
        f"  failures: {failures}; 5xx answers to editors {editors['server_errors']} "
        f"of {editors['requests']:,} requests (database is locked {editors['database_locked']})",
        *[f"    first {kind}: {example}" for kind, example in editors["failure_examples"].items()],
        f"Workers: peak RSS {' / '.join(str(mb) for mb in memory['worker_peak_rss_mb'])} MB "
        f"({memory['workers_seen']} worker process(es) seen)",
        f'Server log: {log["database_locked"]} "database is locked", {log["internal_server_errors"]} internal '
        f"server errors{' (' + by_path + ')' if by_path else ''}, {log['worker_timeouts']} worker timeouts",
        f"Result: {outcome}",
    ]
    return "\n".join(lines)


@dataclass
class ServedSite:
    """A seeded site under gunicorn, ready for ``measure``: its temp folder, public pages and editor accounts."""

    server: load_server.Gunicorn
    workdir: Path
    env: dict  # the server's environment: another server on the same site starts from it
    database: str
    seed_seconds: float
    pages: dict[str, str]
    editors: list[dict]


@contextmanager
def serving(args, extra_env: dict | None = None) -> Iterator[ServedSite]:
    """A fresh database (SQLite in the temp folder, or one made on the PostgreSQL server of ``--database-url``),
    seeded and served; everything made is removed on leaving (``--keep`` keeps the folder and the database).
    ``extra_env`` is added to the environment of the preparation and the server (e.g. another settings module)."""
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-load-"))
    postgres = PostgresDatabase(args.database_url) if args.database_url else None
    cache_prefix = f"load-{secrets.token_hex(4)}"
    env = {
        "DEBUG": "0",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "CACHE_URL": args.cache_url,
        "CACHE_KEY_PREFIX": cache_prefix,
        "DATABASE_URL": f"sqlite:///{workdir / 'load.sqlite3'}",
        **(extra_env or {}),
    }
    if args.page_cache_seconds is not None:
        env["NEWSROOM_PAGE_CACHE_SECONDS"] = str(args.page_cache_seconds)
    server = None
    try:
        if postgres is not None:
            env["DATABASE_URL"] = postgres.create()
        env = load_server.server_environment(env)
        site = prepare_site(args, env)
        server = load_server.Gunicorn(env, workdir / "server.log", args.workers, args.worker_class, args.threads)
        server.start()
        check_pages(load_server.HOST, server.port, site["pages"])
        database = "PostgreSQL" if postgres else "SQLite"
        yield ServedSite(server, workdir, env, database, site["seed_seconds"], site["pages"], site["editors"])
    finally:
        if server is not None:
            server.stop()
        if postgres is not None and not args.keep:
            postgres.drop()
        if args.cache_url and not args.keep:
            forget_cache_keys(args.cache_url, cache_prefix)
        if args.keep:
            print(f"Kept {workdir}" + (f" and database {postgres.name}" if postgres else ""), file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load_wrk.wrk_program()  # before anything is seeded: say at once when wrk is missing
    with serving(args) as served:
        pages = served.pages
        if args.page:
            unknown = sorted(set(args.page) - set(pages))
            if unknown:
                raise SystemExit(f"--page: no page named {', '.join(unknown)}; the mix has: {', '.join(pages)}")
            pages = {name: path for name, path in pages.items() if name in args.page}
        figures = measure(args, served, pages)
        served.server.stop()
        figures["memory"] = served.server.memory()
        figures["server_log"] = load_server.log_findings(served.workdir / "server.log")
        figures["setup"] = {
            "database": served.database,
            "cache": "redis" if args.cache_url else "local memory",
            "page_cache": page_cache_text(args.page_cache_seconds),
            "stories": args.stories,
            "seed_seconds": served.seed_seconds,
            "workers": args.workers,
            "worker_class": args.worker_class,
            "threads": args.threads,
            "connections": args.connections,
            "duration": args.duration,
            "pages": pages,
            "code": code_version(),
        }
    figures["server_errors"] = figures["readers"]["server_errors"] + figures["editors"]["server_errors"]
    print(report_text(figures), file=sys.stderr if args.json == "-" else sys.stdout)
    if args.json == "-":
        print(json.dumps(figures, indent=2))
    elif args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    return 1 if figures["server_errors"] else 0


if __name__ == "__main__":
    sys.exit(main())

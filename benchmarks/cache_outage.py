"""What a reader waits when Redis is down or hung, on a throwaway SQLite database with the demo content.

    .venv/bin/python benchmarks/cache_outage.py

For each fault — a Redis address nobody listens on (down) and a server that accepts connections and never answers
(hung) — the cache is pointed at it as settings.py does for CACHE_URL (newsroom/cache_backend.py, with its socket
timeouts), and the home page is asked for 21 times (Django test client, no network in between): prints the first
request's time, then the median and slowest of the next 20, and their statuses. The first request of each process
waits for the fault once; the next ones go on without the cache until CACHE_RETRY_AFTER has passed.
"""

from __future__ import annotations

import io
import socket
import statistics
import threading
import time

from scratch import scratch_django


def hung_server() -> int:
    """A listening socket that accepts and never answers; returns its port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held = []

    def accept() -> None:
        while True:
            held.append(listener.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    return listener.getsockname()[1]


def main() -> None:
    # A Redis address makes settings build the Redis cache; the address is replaced per fault below.
    scratch_django("newsroom-outage-", CACHE_URL="redis://127.0.0.1:1/0")
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stories=20, stdout=io.StringIO())
    faults = {"down": "redis://127.0.0.1:1/0", "hung": f"redis://127.0.0.1:{hung_server()}/0"}
    options = settings.CACHES["default"]["OPTIONS"]
    print(
        f"cache: {settings.CACHES['default']['BACKEND']}, connect/socket timeout "
        f"{options['socket_connect_timeout']}/{options['socket_timeout']} s, retry after {options['RETRY_AFTER']} s"
    )
    for name, location in faults.items():
        caches = {"default": {**settings.CACHES["default"], "LOCATION": location}}
        with override_settings(CACHES=caches):
            client = Client()
            statuses, times = [], []
            for _ in range(21):
                started = time.perf_counter()
                statuses.append(client.get("/").status_code)
                times.append((time.perf_counter() - started) * 1000)
        rest = times[1:]
        print(
            f"Redis {name}: first request {times[0]:.0f} ms; next 20 median {statistics.median(rest):.0f} ms, "
            f"slowest {max(rest):.0f} ms; statuses {sorted(set(statuses))}"
        )


if __name__ == "__main__":
    main()

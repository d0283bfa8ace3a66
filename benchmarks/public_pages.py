"""Seed time and per-page figures for the public site, on a throwaway SQLite database.

    .venv/bin/python benchmarks/public_pages.py --stories 10000

Prints how long ``seed_demo --stories N`` took, then for each public page the number of SQL queries and the median
response time over several requests with the page cache off (every request renders), and the median time of a
cached request (Django test client, no network).
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

from scratch import scratch_django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    scratch_django("newsroom-bench-")
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article, Contributor, Section

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", stories=args.stories, no_admin=True, seed=1, stdout=io.StringIO())
    seed_seconds = time.perf_counter() - started
    print(f"seed_demo --stories {args.stories:,}: {seed_seconds:.1f} s ({Article.objects.count():,} stories in all)")

    story = Article.objects.published().latest_first().first()
    tag = story.tags.first()
    pages = {
        "home": "/",
        "home, page 50": "/?page=50",
        "section": Section.objects.first().get_absolute_url(),
        "tag": f"/topik/{tag.slug}/",
        "contributor": Contributor.objects.first().get_absolute_url(),
        "story": story.get_absolute_url(),
    }
    client = Client()

    def median_ms(url: str) -> float:
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        return statistics.median(timings)

    print(f"{'page':16} {'queries':>7} {'uncached ms':>12} {'cached ms':>10}")
    for name, url in pages.items():
        with override_settings(NEWSROOM_PAGE_CACHE_SECONDS=0):
            reset_queries()  # the seeding filled the bounded query log; start from an empty one
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            uncached = median_ms(url)
        client.get(url)  # fills the cache
        print(f"{name:16} {len(queries):7d} {uncached:12.1f} {median_ms(url):10.1f}")


if __name__ == "__main__":
    main()

"""Search times on a seeded archive, for a rare word and for the most common word.

    .venv/bin/python benchmarks/search.py --stories 10000                 # SQLite (a throwaway file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench .venv/bin/python benchmarks/search.py

Seeds the database with ``seed_demo`` (PostgreSQL: the named database is emptied first), finds the most common and
a rare indexed word, then times the full search page (ranking, filtering by published(), the page of results and
its highlights) through the Django test client with the page cache off: median of repeated requests.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections import Counter

from scratch import scratch_django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()

    scratch_django("newsroom-search-bench-", keep_database_url=True, NEWSROOM_PAGE_CACHE_SECONDS="0")
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils.html import strip_tags

    from articles import search
    from articles.models import Article

    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", stories=args.stories, no_admin=True, seed=3, stdout=io.StringIO())
    print(f"{connection.vendor}: seeded {Article.objects.count():,} stories in {time.perf_counter() - started:.1f} s")

    words = Counter()
    for headline, body in Article.objects.values_list("headline", "body")[:2000]:
        words.update(set(search.terms(f"{headline} {strip_tags(body)}")))
    common = next(word for word, _ in words.most_common() if len(word) > 2)
    # A rare word: of the words seen once in the sample, the one with the fewest matches in the whole index.
    candidates = [word for word, count in words.items() if count == 1 and len(word) > 4][:300]
    rare = min(candidates, key=lambda word: len(search.ranked_ids(word, limit=10**9)))
    client = Client()
    print(f"{'query':>28} {'matches':>8} {'median ms':>10} {'p90 ms':>8}")
    for label, word in [("most common word", common), ("rare word", rare)]:
        matches = len(search.ranked_ids(word, limit=10**9))
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            response = client.get("/cari/", {"q": word})
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        timings.sort()
        print(
            f"{label + ' “' + word + '”':>28} {matches:8,d} {statistics.median(timings):10.1f} "
            f"{timings[int(len(timings) * 0.9) - 1]:8.1f}"
        )


if __name__ == "__main__":
    main()

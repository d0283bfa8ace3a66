"""Search and archive times on a seeded archive: a rare, a topical and the most common word, and the archive's
first and deep pages.

    .venv/bin/python benchmarks/search.py --stories 10000                 # SQLite (a throwaway file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench .venv/bin/python benchmarks/search.py
    DATABASE_URL=... .venv/bin/python benchmarks/search.py --no-seed      # a database seeded by an earlier run

Seeds the database with ``seed_demo`` (PostgreSQL: the named database is emptied first), finds the most common word,
a topical one (in about 5% of the stories) and a rare one, then times the full search page (ranking, filtering by
published(), the page of results and its highlights) and the archive (the same page without words) through the
Django test client with the page cache off: median and 90th percentile of repeated requests, and the queries one
request makes.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections import Counter

from scratch import scratch_django

SAMPLE = 2000
TOPICAL_SHARE = 0.05  # a topical word: in about one story in twenty


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--no-seed", action="store_true", help="Measure the database as it is (PostgreSQL).")
    args = parser.parse_args()

    # DEBUG off as in production (DEBUG keeps every query's text); the queries of one request are counted apart.
    scratch_django("newsroom-search-bench-", keep_database_url=True, NEWSROOM_PAGE_CACHE_SECONDS="0", DEBUG="0")
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils.html import strip_tags

    from articles import search
    from articles.models import Article

    if not args.no_seed:
        if connection.vendor == "postgresql":
            call_command("flush", interactive=False, verbosity=0)
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("seed_demo", stories=args.stories, no_admin=True, seed=3, stdout=io.StringIO())
        print(f"{connection.vendor}: seeded in {time.perf_counter() - started:.1f} s")
    if connection.vendor == "postgresql":
        # What autovacuum does within minutes of a bulk insert (and a server with it off, never): the visibility map
        # that lets counts and deep pages read the indexes alone, and fresh planner statistics.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"{connection.vendor}: {Article.objects.count():,} stories")

    def matches(word: str) -> int:
        return len(search.ranked_ids(word, limit=10**9))

    in_sample = Counter()
    for headline, body in Article.objects.order_by("-pk").values_list("headline", "body")[:SAMPLE]:
        in_sample.update(set(search.terms(f"{headline} {strip_tags(body)}")))
    common = next(word for word, _ in in_sample.most_common() if len(word) > 2)
    # A topical word: of the sample's words closest to the share, the one whose matches in the index come closest.
    near_share = sorted(
        (word for word in in_sample if len(word) > 4), key=lambda word: abs(in_sample[word] - SAMPLE * TOPICAL_SHARE)
    )[:20]
    stories = Article.objects.count()
    topical = min(near_share, key=lambda word: abs(matches(word) - stories * TOPICAL_SHARE))
    # A rare word: of the words seen once in the sample, the one with the fewest matches in the whole index.
    rare = min([word for word, count in in_sample.items() if count == 1 and len(word) > 4][:300], key=matches)
    archive_pages = -(-Article.objects.published().count() // 20)
    deep = min(200, archive_pages)

    client = Client()
    print(f"{'request':>36} {'matches':>8} {'queries':>8} {'median ms':>10} {'p90 ms':>8}")
    rows = [
        (f"most common word “{common}”", {"q": common}, matches(common)),
        ("  newest first", {"q": common, "sort": "newest"}, None),
        ("  page 10", {"q": common, "page": 10}, None),
        (f"topical word “{topical}”", {"q": topical}, matches(topical)),
        (f"rare word “{rare}”", {"q": rare}, matches(rare)),
        ("archive page 1", {}, None),
        (f"archive page {deep}", {"page": deep}, None),
        ("archive, English, page 1", {"language": "en"}, None),
        (f"archive, English, page {deep // 2}", {"language": "en", "page": deep // 2}, None),
    ]
    for label, params, found in rows:
        connection.queries_log.clear()  # a full log (9,000 queries) would count none
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/cari/", params).status_code == 200
        counted = len(queries)  # now: the next request empties the log
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            response = client.get("/cari/", params)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        timings.sort()
        print(
            f"{label:>36} {'' if found is None else f'{found:,d}':>8} {counted:8d} "
            f"{statistics.median(timings):10.1f} {timings[int(len(timings) * 0.9) - 1]:8.1f}"
        )


if __name__ == "__main__":
    main()

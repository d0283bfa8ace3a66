"""How long the sitemap index takes uncached, on a throwaway SQLite database with many published stories.

    .venv/bin/python benchmarks/sitemap_index.py [--stories 100000] [--sections 8] [--runs 5]

Stories are written with ``bulk_create`` (no signals, no search index: only what the sitemaps read). Each run empties
the cache first, so every request builds the index from the database; prints the median and slowest of the runs,
then one request answered from the cache, then the first page of one section's stories sitemap and the news
sitemap (one request each). The Django test client calls the site in process (no network).
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import timedelta

from scratch import scratch_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--sections", type=int, default=8)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()

    scratch_django("newsroom-sitemap-")
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from articles.models import Article, Section

    setup_test_environment()
    call_command("migrate", verbosity=0)
    sections = Section.objects.bulk_create(
        Section(name=f"Seksi {number}", slug=f"seksi-{number}", order=number) for number in range(options.sections)
    )
    now = timezone.now()
    stories = []
    for number in range(options.stories):
        publish_at = now - timedelta(minutes=10 * number + 1)
        stories.append(
            Article(
                headline=f"Berita nomor {number}",
                slug=f"berita-{number}",
                section=sections[number % len(sections)],
                body=f"<p>Isi berita {number}.</p>",
                status=Article.Status.PUBLISHED,
                publish_at=publish_at,
                publication_date=timezone.localdate(publish_at),
            )
        )
    Article.objects.bulk_create(stories, batch_size=2000)

    client = Client()
    timings = []
    for _ in range(options.runs):
        cache.clear()
        started = time.perf_counter()
        response = client.get("/sitemap.xml")
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    started = time.perf_counter()
    client.get("/sitemap.xml")
    cached = time.perf_counter() - started
    others = {}
    for path in ("/sitemap-stories-seksi-0.xml", "/sitemap-news.xml"):
        started = time.perf_counter()
        if client.get(path).status_code == 200:  # absent before the per-section sitemaps existed
            others[path] = time.perf_counter() - started
    print(
        f"{options.stories} stories, {options.sections} sections: uncached index median "
        f"{statistics.median(timings) * 1000:.1f} ms, slowest {max(timings) * 1000:.1f} ms "
        f"({options.runs} runs); next request {cached * 1000:.1f} ms"
    )
    for path, seconds in others.items():
        print(f"{path}: {seconds * 1000:.1f} ms")


if __name__ == "__main__":
    main()

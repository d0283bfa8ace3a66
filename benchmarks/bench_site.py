"""The in-process half of ``make bench`` (benchmarks/bench.py), run in the served site's environment.

    DATABASE_URL=... DJANGO_SETTINGS_MODULE=bench_settings python benchmarks/bench_site.py pages
    ... bench_site.py costs PAGES.json          # SQL queries and in-process milliseconds per page
    ... bench_site.py import --stories 200     # stories a second through ``manage.py import_story``

Each prints one JSON object on its last line. Run in its own process, so the benchmark itself never opens the
database, and with the page cache off (NEWSROOM_PAGE_CACHE_SECONDS=0): every request renders.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUOTE_STORIES = ROOT / "tests" / "data" / "quote_stories"
SHARED_STORIES = ROOT.parent / "shared" / "stories"
SAMPLE = 3000  # stories read to choose the search words: enough for document frequencies, bounded at any size
DEEP_SECTION_PAGE = 80  # the deep pages of the comparison (Wagtail's listing page 200 against these)
DEEP_ARCHIVE_PAGE = 200


def bench_pages() -> dict:
    """The pages only the benchmark measures, beside the load script's mix: deep listing pages, search for three
    kinds of word (with their numbers of matches), the read API (``api_pages``), the ping view and a static file."""
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.db.models import Count
    from django.urls import reverse
    from django.utils.html import strip_tags

    from articles import search
    from articles.models import Article, Section

    published = Article.objects.published()
    page_size = settings.NEWSROOM_PAGE_SIZE
    biggest = (
        Section.objects.filter(articles__in=published).annotate(stories=Count("articles")).order_by("-stories").first()
    )
    section_pages = max(1, -(-biggest.stories // page_size))
    archive_pages = max(1, -(-published.count() // page_size))
    search_url = reverse("articles:search")
    pages = {
        "section-p1": biggest.get_absolute_url(),
        "section-deep": f"{biggest.get_absolute_url()}?page={min(DEEP_SECTION_PAGE, section_pages)}",
        "archive-p1": search_url,
        "archive-deep": f"{search_url}?page={min(DEEP_ARCHIVE_PAGE, archive_pages)}",
    }
    # Document frequencies in a sample of the archive: the most common word, a topical one (in about one story in
    # twenty, ~500 at 10,000 stories) and a rare one (in one story of the sample, the fewest in the whole index).
    sample = published.order_by("pk").values_list("headline", "body")[:SAMPLE]
    frequency: Counter[str] = Counter()
    for headline, body in sample:
        frequency.update({word for word in search.terms(f"{headline} {strip_tags(body)}") if len(word) > 2})
    seen = len(sample)
    common = frequency.most_common(1)[0][0]
    topical = min(frequency, key=lambda word: (abs(frequency[word] / seen - 0.05), word))
    rare_candidates = sorted(word for word, count in frequency.items() if count == 1 and len(word) > 5)[:200]
    rare = min(rare_candidates, key=lambda word: (len(search.ranked_ids(word, among=published)), word))
    words = {"rare": rare, "topical": topical, "common": common}
    matches = {}
    for kind, word in words.items():
        pages[f"search-{kind}"] = f"{search_url}?q={word}"
        # Every match, not the page's cap: how much the search had to weigh.
        matches[kind] = published.filter(pk__in=search.ranked_ids(word, limit=10**9)).count()
    pages.update(api_pages(published, archive_pages))
    pages["ping"] = "/bench-ping/"
    pages["static"] = staticfiles_storage.url("newsroom/site.css")
    return {
        "pages": pages,
        "search_words": {kind: {"word": word, "matches": matches[kind]} for kind, word in words.items()},
        "stories": {"published": published.count(), "all": Article.objects.count()},
    }


def api_pages(published, archive_pages: int) -> dict[str, str]:
    """The read API beside the pages: the story list's first page and a page as deep as the archive's deep page
    (its cursor made from the story before it, as the API makes them), the newest story (the pages' story-1) and
    the same story as ninjs."""
    from django.conf import settings
    from django.urls import reverse

    from api import pagination

    page_size = settings.NEWSROOM_PAGE_SIZE
    newest = published.order_by("-publish_at", "-pk").first()
    skipped = (min(DEEP_ARCHIVE_PAGE, archive_pages) - 1) * page_size
    stories = reverse("api-v1:stories")
    pages = {"api-stories": f"{stories}?limit={page_size}"}
    if skipped:
        before = published.order_by("-publish_at", "-pk").values_list("publish_at", "pk")[skipped - 1]
        pages["api-stories-deep"] = f"{stories}?limit={page_size}&cursor={pagination.encode(before)}"
    else:
        pages["api-stories-deep"] = pages["api-stories"]
    story = reverse("api-v1:story", args=[newest.pk])
    pages["api-story"] = story
    pages["api-ninjs"] = f"{story}.ninjs"
    return pages


class QueryCounter:
    """Counts the statements run through a connection (``connection.execute_wrapper``): Django's query log stays
    off, as in production (DEBUG=0)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def page_costs(pages: dict[str, str], repeat: int = 5) -> dict:
    """SQL queries of one rendering of each page (after a first one, as a worker serves it) and the median time of
    ``repeat`` renderings, through Django's test client: the code's cost with no network or server around it."""
    from django.db import connection
    from django.test import Client

    client = Client()
    costs = {}
    for name, path in pages.items():
        first = client.get(path)
        if first.status_code != 200:
            raise SystemExit(f"bench_site: {name} {path} answered {first.status_code}")
        queries = QueryCounter()
        with connection.execute_wrapper(queries):
            client.get(path)
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        costs[name] = {"queries": queries.count, "in_process_ms": round(statistics.median(timings), 1)}
    return costs


def story_files(count: int, folder: Path) -> list[Path]:
    """``count`` story files in the newsroom's plain-text format, made from the labelled stories of the quote tests
    (and the real story in ../shared when present), each with a headline of its own."""
    originals = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(QUOTE_STORIES.glob("*.json"))]
    texts = [(story["caption"], story["paragraphs"]) for story in originals]
    paths = []
    for number in range(count):
        caption, paragraphs = texts[number % len(texts)]
        headline = f"{paragraphs[0][:80].rstrip()} ({number + 1})"
        path = folder / f"story-{number + 1:05d}.txt"
        path.write_text(f"# {caption}\n\n{headline}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    real = sorted(SHARED_STORIES.glob("*.txt")) if SHARED_STORIES.is_dir() else []
    return paths + real[: max(0, count - len(paths))]


def import_throughput(count: int) -> dict:
    """Stories a second through ``manage.py import_story`` (parsing, quote extraction, the story, its proposed
    quotes and first revision, one transaction each), in this process so start-up is not counted."""
    from django.core.management import call_command

    from articles.models import Article, Quote

    with tempfile.TemporaryDirectory(prefix="newsroom-bench-import-") as folder:
        paths = story_files(count, Path(folder))
        stories_before, quotes_before = Article.objects.count(), Quote.objects.count()
        started = time.perf_counter()
        call_command("import_story", *map(str, paths), stdout=io.StringIO(), stderr=io.StringIO())
        seconds = time.perf_counter() - started
    imported = Article.objects.count() - stories_before
    return {
        "files": len(paths),
        "stories": imported,
        "quotes": Quote.objects.count() - quotes_before,
        "seconds": round(seconds, 2),
        "stories_per_second": round(imported / seconds, 1) if seconds else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("pages")
    costs = commands.add_parser("costs")
    costs.add_argument("pages_json", type=Path)
    importing = commands.add_parser("import")
    importing.add_argument("--stories", type=int, default=200)
    args = parser.parse_args()
    os.environ["NEWSROOM_PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if args.command == "pages":
        result = bench_pages()
    elif args.command == "costs":
        result = page_costs(json.loads(args.pages_json.read_text()))
    else:
        result = import_throughput(args.stories)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""Readies a fresh database for ``benchmarks/load.py`` and prints what the load needs as one JSON object.

    DATABASE_URL=... MEDIA_ROOT=... STATIC_ROOT=... .venv/bin/python benchmarks/load_prepare.py --editors 20

Migrates, seeds the demo content, collects static files, makes ``--editors`` staff accounts with the Editor role
(one story each to edit), then prints the public page mix (real addresses from the seeded rows), the editors'
credentials and their stories, and the seed time. Run in its own process, with the same environment as the server,
so the load script itself never opens the database.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import secrets
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITOR_PREFIX = "load-editor-"


def prepare(stories: int, editors: int) -> dict:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", stories=stories, no_admin=True, seed=1, stdout=io.StringIO())
    seed_seconds = time.perf_counter() - started
    refresh_planner_statistics()
    call_command("collectstatic", interactive=False, verbosity=0)
    return {
        "seed_seconds": round(seed_seconds, 2),
        "pages": public_pages(),
        "editors": editor_accounts(editors),
    }


def refresh_planner_statistics() -> None:
    """PostgreSQL: statistics for the rows just bulk-inserted, as autovacuum would gather on a live server soon after
    (a server without it, or measured at once, plans 100,000 stories as if the tables were empty)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def public_pages() -> dict[str, str]:
    """One address per kind of public page, named; every one is a page of the seeded site, not a guess."""
    from django.conf import settings
    from django.urls import reverse

    from articles.models import Article, Contributor, Quote, Section

    published = Article.objects.published().latest_first()
    stories = list(published[:5])
    if len(stories) < 5:
        raise SystemExit("load_prepare: the seeded site has fewer than 5 published stories; seed more (--stories).")
    section = Section.objects.order_by("order", "pk").first()
    tag = stories[0].tags.order_by("slug").first()
    contributor = Contributor.objects.filter(bylines__article__in=published).distinct().order_by("pk").first()
    quoted = Counter(Quote.objects.public().values_list("source_id", flat=True))
    pages = {"home": reverse("articles:home")}
    if published.count() > settings.NEWSROOM_PAGE_SIZE:
        pages["home-page-2"] = reverse("articles:home") + "?page=2"
    pages["section"] = section.get_absolute_url()
    if tag is not None:
        pages["tag"] = reverse("articles:tag", kwargs={"slug": tag.slug})
    pages["contributor"] = contributor.get_absolute_url()
    if quoted:
        source_id = quoted.most_common(1)[0][0]
        pages["source"] = reverse("articles:source", kwargs={"pk": source_id})
    for number, story in enumerate(stories, start=1):
        pages[f"story-{number}"] = story.get_absolute_url()
    # Search for a word of a headline (a topical word, present in the archive) and for a tag's name.
    word = max(stories[1].headline.split(), key=len).strip(".,:;\"'").lower()
    pages["search"] = reverse("articles:search") + f"?q={word}"
    if tag is not None:
        pages["search-tag"] = reverse("articles:search") + f"?q={tag.name.split()[0].lower()}"
    pages["quote-search"] = reverse("articles:quote_search")
    pages["feed"] = reverse("articles:feed")
    pages["section-feed"] = reverse("articles:section_feed", kwargs={"slug": section.slug})
    pages["sitemap"] = reverse("sitemap_index")
    pages["sitemap-stories"] = reverse("sitemap_stories", kwargs={"slug": section.slug})
    pages["sitemap-news"] = reverse("sitemap_news")
    pages["atom"] = reverse("articles:atom_feed")
    return pages


def editor_accounts(count: int) -> list[dict]:
    """Staff accounts with the Editor role, each given a different recent published story to edit."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from articles import roles
    from articles.models import Article

    roles.setup_roles()
    group = Group.objects.get(name=roles.EDITOR)
    story_ids = list(Article.objects.published().latest_first().values_list("pk", flat=True)[:count])
    if count and len(story_ids) < count:
        raise SystemExit(f"load_prepare: {count} editors need {count} published stories; seed more (--stories).")
    accounts = []
    for number, story_id in enumerate(story_ids, start=1):
        username = f"{EDITOR_PREFIX}{number:02d}"
        password = secrets.token_urlsafe(16)
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@newsroom.invalid"}
        )
        user.is_staff, user.is_superuser = True, False
        user.set_password(password)
        user.save()
        user.groups.set([group])
        accounts.append({"username": username, "password": password, "story_id": story_id})
    return accounts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--editors", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    print(json.dumps(prepare(args.stories, args.editors)))


if __name__ == "__main__":
    main()

"""What the read API costs whatever the archive's size, and how it is cached: the same queries for 30 and 300
stories on every endpoint (a deep cursor page as the first), conditional GETs (ETag, Last-Modified, 304), answers
cached with the pages and made stale by the same changes (publishing, an edit, a quote confirmed, a scheduled story
going live), Cache-Control like the pages, and CORS only when the setting names origins."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from articles.demo import seeding
from articles.models import Article, Byline, Contributor, Quote, Section, Source
from articles.services import workflow

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
LIST_MOST = 6  # the page, its bylines, photos, corrections and tags, and the moment of the last change
STORY_MOST = 7  # the same and the quotes (rendered for the cache: one more, the pages' version)


@pytest.fixture
def uncached(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    settings.NEWSROOM_SITE_URL = SITE


@pytest.fixture
def cached(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    settings.NEWSROOM_SITE_URL = SITE


def grow_archive_to(total: int) -> None:
    """The demo's generated stories (sections, 1-3 tags, 1-3 bylines, a photo and a quote each), up to ``total``."""
    seeding.StoryGenerator(seed=total).generate(total - Article.objects.count(), lambda message: None)


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(captured)


def deep_cursor(client, url: str, pages: int) -> str:
    """The address of page ``pages + 1``, found by following ``next``."""
    for _ in range(pages):
        url = client.get(url).json()["next"].removeprefix(SITE)
    return url


def test_every_endpoint_runs_the_same_queries_for_30_and_300_stories(client, uncached):
    seeding.ensure_sections_and_contributors()
    grow_archive_to(30)
    newest = Article.objects.published().latest_first().first()
    section = Section.objects.annotate(n=Count("articles")).order_by("-n", "pk").first()
    writer = Contributor.objects.annotate(n=Count("bylines")).order_by("-n", "pk").first()
    speaker = Source.objects.filter(quotes__status=Quote.Status.CONFIRMED).first()
    endpoints = {
        "stories": "/api/v1/stories",
        "stories, a section": f"/api/v1/stories?section={section.slug}",
        "stories, a tag": f"/api/v1/stories?tag={newest.tags.first().slug}",
        "stories, a contributor": f"/api/v1/stories?contributor={writer.slug}",
        "stories, words": "/api/v1/stories?q=jakarta",
        "stories, 100": "/api/v1/stories?limit=100",
        "story": f"/api/v1/stories/{newest.pk}",
        "sections": "/api/v1/sections",
        "tags": "/api/v1/tags",
        "contributors": "/api/v1/contributors",
        "contributor": f"/api/v1/contributors/{writer.pk}",
        "sources": "/api/v1/sources",
        "source": f"/api/v1/sources/{speaker.pk}",
        "quotes": "/api/v1/quotes",
    }
    for url in endpoints.values():
        client.get(url)  # what a worker reads once (content types) is not counted
    small = {name: queries_for(client, url) for name, url in endpoints.items()}
    grow_archive_to(300)
    large = {name: queries_for(client, url) for name, url in endpoints.items()}

    assert small == large
    assert all(count <= LIST_MOST for name, count in large.items() if name not in {"story", "stories, words"}), large
    assert large["stories, words"] <= LIST_MOST + 1, large  # the search's own query picks the page's ids
    assert large["story"] <= STORY_MOST, large
    # A page deep in the archive costs what the first one does.
    deep = deep_cursor(client, "/api/v1/stories?limit=20", 12)
    assert "cursor=" in deep
    assert queries_for(client, deep) == large["stories"]
    deep_section = deep_cursor(client, f"/api/v1/stories?section={section.slug}&limit=5", 4)
    assert queries_for(client, deep_section) == large["stories, a section"]


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "sqlite").split(":", 1)[0] != "sqlite",
    reason="reads SQLite's query plan; PostgreSQL's planner scans a table this small whatever the indexes",
)
def test_a_deep_cursor_page_reads_the_publish_order_index(client, uncached, make_article):
    """The keyset is answered by seeking in the readers' index (migration 0025), not by sorting the archive."""
    now = timezone.now()
    for hours in range(1, 8):
        make_article(publish_at=now - timedelta(hours=hours))
    deep = deep_cursor(client, "/api/v1/stories?limit=2", 2)

    with CaptureQueriesContext(connection) as captured:
        client.get(deep)
    page_query = next(query["sql"] for query in captured if 'FROM "articles_article"' in query["sql"])
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + page_query.replace("%s", "?"))
        plan = " ".join(str(row) for row in cursor.fetchall())

    assert "article_published_order_idx" in plan, plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan, plan


# --- Conditional GETs -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("caching", ["uncached", "cached"])
def test_etag_and_last_modified_answer_304(client, make_article, caching, request):
    request.getfixturevalue(caching)
    story = make_article()
    url = f"/api/v1/stories/{story.pk}"

    first = client.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and last_modified.endswith("GMT")

    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    since = client.get(url, headers={"If-Modified-Since": last_modified})
    assert since.status_code == 304
    older = http_date((timezone.now() - timedelta(days=1)).timestamp())
    assert client.get(url, headers={"If-Modified-Since": older}).status_code == 200
    assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200
    # If-None-Match decides when both are sent (RFC 9110): a stale ETag is a 200 whatever the date says.
    both = client.get(url, headers={"If-None-Match": '"stale"', "If-Modified-Since": last_modified})
    assert both.status_code == 200


def test_a_cached_answer_keeps_its_validators(client, cached, make_article):
    story = make_article()
    url = f"/api/v1/stories/{story.pk}"

    miss = client.get(url)
    hit = client.get(url)

    assert miss["X-Page-Cache"] == "miss" and hit["X-Page-Cache"] == "hit"
    assert hit.content == miss.content
    assert hit["ETag"] == miss["ETag"] and hit["Last-Modified"] == miss["Last-Modified"]
    assert client.get(url, headers={"If-None-Match": hit["ETag"]}).status_code == 304


def test_an_edit_changes_the_etag_and_the_last_modified(client, cached, make_article):
    story = make_article(headline="Versi pertama")
    url = f"/api/v1/stories/{story.pk}"
    before = client.get(url)

    story.headline = "Versi kedua"
    story.save()
    after = client.get(url, headers={"If-None-Match": before["ETag"]})

    assert after.status_code == 200
    assert after.json()["headlines"]["headline"] == "Versi kedua"
    assert after["ETag"] != before["ETag"]
    assert after["Last-Modified"] >= before["Last-Modified"]


# --- Cached with the pages, and made stale by the same changes ------------------------------------------------------


def test_publishing_a_story_reaches_the_cached_list(client, cached, make_article, people):
    shown = make_article()
    draft = make_article(status=Article.Status.APPROVED, publish_at=None)
    Byline.objects.create(article=draft, contributor=Contributor.objects.create(name="Rina", slug="rina"))
    assert [item["id"] for item in client.get("/api/v1/stories").json()["items"]] == [shown.pk]
    assert client.get("/api/v1/stories")["X-Page-Cache"] == "hit"

    workflow.perform_transition(article=draft, name="publish", user=people["editor"])

    listed = client.get("/api/v1/stories")
    assert listed["X-Page-Cache"] == "miss"
    assert [item["id"] for item in listed.json()["items"]] == [draft.pk, shown.pk]


def test_unpublishing_takes_a_story_out_of_the_cached_answers(client, cached, make_article, people):
    story = make_article()
    assert client.get(f"/api/v1/stories/{story.pk}").status_code == 200

    workflow.perform_transition(article=story, name="unpublish", user=people["editor"])

    assert client.get(f"/api/v1/stories/{story.pk}").status_code == 404
    assert client.get("/api/v1/stories").json()["items"] == []


def test_confirming_a_quote_reaches_the_cached_story(client, cached, make_article):
    story = make_article()
    quote = Quote.objects.create(article=story, text="Air sudah surut", source=Source.objects.create(name="Budi"))
    assert client.get(f"/api/v1/stories/{story.pk}").json()["quotes"] == []

    quote.status = Quote.Status.CONFIRMED
    quote.save()

    assert [q["text"] for q in client.get(f"/api/v1/stories/{story.pk}").json()["quotes"]] == ["Air sudah surut"]


def test_a_scheduled_story_goes_live_in_the_cached_list_and_changes_the_validators(
    client, cached, make_article, time_machine, process_local_cache
):
    time_machine.move_to(timezone.now(), tick=False)
    live = make_article()
    scheduled = make_article(publish_at=timezone.now() + timedelta(minutes=10))
    before = client.get("/api/v1/stories")
    assert [item["id"] for item in before.json()["items"]] == [live.pk]
    # Kept no longer than until the scheduled story goes live.
    assert "max-age=60" in before["Cache-Control"]

    time_machine.move_to(timezone.now() + timedelta(minutes=11))
    after = client.get("/api/v1/stories", headers={"If-None-Match": before["ETag"]})

    assert after.status_code == 200  # nothing was saved, yet the old copy is not current: no 304
    assert [item["id"] for item in after.json()["items"]] == [scheduled.pk, live.pk]
    assert after["Last-Modified"] == http_date(scheduled.publish_at.timestamp())


def test_unknown_query_parameters_make_no_new_cache_entry(client, cached, make_article):
    make_article()
    client.get("/api/v1/stories?limit=5")

    assert client.get("/api/v1/stories?limit=5&utm_source=x&cb=123")["X-Page-Cache"] == "hit"


def test_answers_are_public_briefly_like_the_pages_and_staff_get_them_fresh(client, cached, make_article, staff_user):
    story = make_article()

    anonymous = client.get(f"/api/v1/stories/{story.pk}")
    assert "public" in anonymous["Cache-Control"] and "max-age=60" in anonymous["Cache-Control"]
    assert "stale-while-revalidate=30" in anonymous["Cache-Control"]

    client.force_login(staff_user)
    signed_in = client.get(f"/api/v1/stories/{story.pk}")
    assert "X-Page-Cache" not in signed_in
    assert "private" in signed_in["Cache-Control"]


# --- CORS by setting ------------------------------------------------------------------------------------------------


def test_no_cors_headers_unless_the_setting_names_origins(client, cached, make_article, settings):
    make_article()
    origin = {"Origin": "https://app.example.id"}

    assert "Access-Control-Allow-Origin" not in client.get("/api/v1/stories", headers=origin)

    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.id"]
    allowed = client.get("/api/v1/stories", headers=origin)
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.id"
    assert "ETag" in allowed["Access-Control-Expose-Headers"]
    stranger = client.get("/api/v1/stories", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in stranger
    # Readers' pages are not the API: no CORS there, whatever the setting.
    assert "Access-Control-Allow-Origin" not in client.get("/", headers=origin)
    preflight = client.options("/api/v1/stories", headers={**origin, "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200 and "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]

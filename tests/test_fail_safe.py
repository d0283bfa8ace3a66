"""Fail safe, not open (issue 16): a cache server that is down or hung never undoes a takedown, never breaks the desk
and never makes readers wait; responses say how a front cache may keep them; the page cache key is the page's own.

Faults are made for real: a Redis address nobody listens on (down), and a server that accepts connections and never
answers (hung). They run the same on SQLite and on PostgreSQL (with or without a real Redis as the working cache).
"""

from __future__ import annotations

import socket
import threading
import time

import pytest
from django.conf import settings as django_settings
from django.test.utils import override_settings
from django.urls import reverse

from articles.models import ArticlePhoto
from articles.services import moderation, workflow
from tests.conftest import admin_form_data

pytestmark = pytest.mark.django_db

FAIL_SAFE = "newsroom.cache_backend.FailSafeRedisCache"
# What settings.py gives a site with CACHE_URL set, the timeouts shortened only where a test says so.
PRODUCTION_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25, "RETRY_AFTER": 5}


def redis_at(location: str, **options) -> dict:
    return {"default": {"BACKEND": FAIL_SAFE, "LOCATION": location, "OPTIONS": {**PRODUCTION_OPTIONS, **options}}}


@pytest.fixture
def redis_down(settings):
    """Point the cache at a port nobody listens on."""
    settings.CACHES = redis_at("redis://127.0.0.1:1/0")


@pytest.fixture
def redis_hung(settings):
    """A server that accepts connections and then says nothing, as a Redis stuck in a long command or a dead peer
    behind a live load balancer would."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    settings.CACHES = redis_at(f"redis://127.0.0.1:{listener.getsockname()[1]}/0")
    yield
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_a_takedown_is_honoured_whatever_the_cache_did_meanwhile(client, make_article, people):
    """Cache the story page, take Redis down, unpublish the story, bring Redis back: readers get a 404, not the
    cached story (the cache entry is still there, under a version the database no longer holds)."""
    article = make_article(headline="Akan ditarik")
    url = article.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    with override_settings(CACHES=redis_at("redis://127.0.0.1:1/0")):
        workflow.perform_transition(article=article, name="unpublish", user=people["editor"])
        assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404


def test_the_desk_works_with_the_cache_down(client, make_article, make_photo, people, redis_down):
    """The story change form (who else has it open) and approving a photo (renditions' key-value store) work."""
    article = make_article(headline="Tanpa cache")
    client.force_login(people["editor"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = client.get(url)
    assert form.status_code == 200
    saved = client.post(url, admin_form_data(form, headline="Tanpa cache, tetap tersimpan"))
    assert saved.status_code == 302
    photo = make_photo(credit="Dwi Arif", approved=False)
    ArticlePhoto.objects.create(article=article, photo=photo)
    moderation.moderate_photo(photo=photo, decision="approve", user=people["photo_desk"])
    photo.refresh_from_db()
    assert photo.credit_status == "approved"
    client.logout()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200 and "Dwi Arif" in page.text


def test_a_hung_cache_costs_one_short_wait_not_one_per_request(client, make_article, redis_hung):
    """With Redis hung, the first request waits the socket timeout once; the next ones do not wait at all."""
    article = make_article(headline="Redis macet")
    started = time.monotonic()
    first = client.get(article.get_absolute_url())
    first_took = time.monotonic() - started
    assert first.status_code == 200 and "Redis macet" in first.text
    assert first_took < 2, f"first request took {first_took:.2f}s"
    started = time.monotonic()
    for _ in range(10):
        assert client.get(article.get_absolute_url()).status_code == 200
    assert time.monotonic() - started < 2.5, "every request waited for the hung cache"


def test_the_cache_is_asked_again_after_the_pause(settings):
    """A failure keeps the server alone for RETRY_AFTER seconds, then it is tried again."""
    from django.core.cache import cache

    settings.CACHES = redis_at("redis://127.0.0.1:1/0", RETRY_AFTER=0.2)
    assert cache.get("anything", "fallback") == "fallback"
    assert not cache.available
    time.sleep(0.25)
    assert cache.available


# --- What a front cache or CDN is told ----------------------------------------------------------------------------


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_anonymous_pages_may_be_kept_briefly_by_a_front_cache(client, make_article):
    article = make_article()
    for url in ["/", article.get_absolute_url(), article.section.get_absolute_url(), "/rss/", "/sitemap.xml"]:
        for attempt in ("miss", "hit"):
            directives = cache_control(client.get(url))
            assert "public" in directives, (url, attempt, directives)
            max_age = next(d for d in directives if d.startswith("max-age="))
            assert 0 < int(max_age.split("=")[1]) <= django_settings.NEWSROOM_PUBLIC_MAX_AGE, (url, max_age)
            assert any(d.startswith("stale-while-revalidate=") for d in directives), (url, directives)


def test_a_front_cache_never_keeps_a_page_past_its_next_scheduled_change(client, make_article, time_machine):
    from datetime import timedelta

    from django.utils import timezone

    time_machine.move_to(timezone.now(), tick=False)
    make_article()
    make_article(publish_at=timezone.now() + timedelta(seconds=20))  # published, going live in 20 s
    directives = cache_control(client.get("/"))
    assert "max-age=20" in directives, directives


def test_staff_and_previews_are_never_kept(client, make_article, people):
    article = make_article(status="draft")
    client.force_login(people["editor"])
    for url in ["/", article.get_preview_url(), reverse("admin:articles_article_change", args=[article.pk])]:
        directives = cache_control(client.get(url))
        assert {"private", "no-store"} <= directives, (url, directives)


def test_error_pages_and_posts_are_not_public(client):
    assert "public" not in cache_control(client.get("/seksi/tidak-ada/"))
    assert "public" not in cache_control(client.post("/i18n/setlang/", {"language": "en", "next": "/"}))


# --- The page cache key -------------------------------------------------------------------------------------------


def test_unknown_query_parameters_share_the_page_and_never_reach_it(client, make_article):
    """``?cb=<random>`` is the same page from the cache, and what it carried is not written into the page."""
    make_article()
    assert client.get("/", {"cb": "first-visitor"})["X-Page-Cache"] == "miss"
    second = client.get("/", {"cb": "another", "utm_source": "x"})
    assert second["X-Page-Cache"] == "hit"
    assert "first-visitor" not in second.text and "utm_source" not in second.text


def test_known_query_parameters_still_make_their_own_pages(client, make_article):
    make_article(headline="Cerita banjir")
    assert client.get("/", {"page": 1})["X-Page-Cache"] == "miss"
    assert client.get("/", {"page": 1, "cb": 1})["X-Page-Cache"] == "hit"
    assert client.get("/cari/", {"q": "cerita"})["X-Page-Cache"] == "miss"
    assert client.get("/cari/", {"q": "cerita", "ref": "newsletter"})["X-Page-Cache"] == "hit"
    assert client.get("/cari/", {"q": "cerita", "date_after": "2020-01-01"})["X-Page-Cache"] == "miss"


def test_one_hosts_page_never_answers_for_another(client, make_article, settings):
    settings.ALLOWED_HOSTS = ["berita.example", "mirror.example"]
    article = make_article()
    url = article.get_absolute_url()
    assert client.get(url, HTTP_HOST="berita.example")["X-Page-Cache"] == "miss"
    other = client.get(url, HTTP_HOST="mirror.example")
    assert other["X-Page-Cache"] == "miss"
    assert "berita.example" not in other.text

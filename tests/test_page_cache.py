"""The anonymous page cache: hits, invalidation on every kind of change, scheduled changes, staff bypass, outages."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import ArticlePhoto, Byline, Contributor, Quote, Source
from articles.services import moderation

pytestmark = pytest.mark.django_db


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_second_anonymous_request_is_served_from_the_cache(client, make_article, settings):
    """The second visit to a page runs no SQL query at all: the public pages' version was read a moment ago."""
    settings.NEWSROOM_PAGE_VERSION_SECONDS = 1.0
    article = make_article(headline="Berita pertama")
    for url in ["/", article.get_absolute_url(), article.section.get_absolute_url(), "/rss/", "/atom/"]:
        first, _ = get(client, url)
        second, queries = get(client, url)
        assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
        assert queries == 0 and second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]


def test_a_change_made_by_another_worker_reaches_cached_pages_once_the_version_is_read_again(
    client, make_article, settings, monkeypatch
):
    """Each worker reuses its reading of the version for NEWSROOM_PAGE_VERSION_SECONDS; a change committed by
    another worker (here: the row bumped behind this process's back) shows once that time has passed."""
    from articles import cache as page_cache
    from articles.models import Article, PublicPagesVersion

    settings.NEWSROOM_PAGE_VERSION_SECONDS = 1.0
    clock = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock[0])
    article = make_article(headline="Judul lama")
    url = article.get_absolute_url()
    assert "Judul lama" in client.get(url).text
    # Another worker's edit: the row and the story change, and this process is not told.
    Article.objects.filter(pk=article.pk).update(headline="Judul baru")
    PublicPagesVersion.objects.filter(pk=PublicPagesVersion.ROW).update(version=F("version") + 1)
    clock[0] += 0.5
    within, queries = get(client, url)
    assert within["X-Page-Cache"] == "hit" and "Judul lama" in within.text and queries == 0
    clock[0] += 0.6
    after = client.get(url)
    assert after["X-Page-Cache"] == "miss" and "Judul baru" in after.text


def test_a_change_made_in_this_worker_shows_at_once(client, make_article, settings):
    settings.NEWSROOM_PAGE_VERSION_SECONDS = 3600.0  # were the version remembered, the old page would be served
    article = make_article(headline="Judul lama")
    url = article.get_absolute_url()
    assert "Judul lama" in client.get(url).text
    article.headline = "Judul baru"
    article.save()
    assert "Judul baru" in client.get(url).text


@pytest.mark.parametrize("change", ["story", "photo", "byline", "quote", "tag", "contributor"])
def test_changes_invalidate_cached_pages(client, make_article, make_photo, change):
    """Editing a story or any of its parts makes the cached pages show the change at once."""
    article = make_article(headline="Judul lama")
    contributor = Contributor.objects.create(name="Rina", slug="rina")
    Byline.objects.create(article=article, contributor=contributor)
    url = article.get_absolute_url()
    get(client, url)
    if change == "story":
        article.headline = "Judul baru"
        article.save()
        expected = "Judul baru"
    elif change == "photo":
        ArticlePhoto.objects.create(article=article, photo=make_photo(credit="Fotografer Baru"))
        expected = "Foto: Fotografer Baru"
    elif change == "byline":
        Byline.objects.create(article=article, contributor=Contributor.objects.create(name="Agus", slug="a"), order=2)
        expected = "Agus"
    elif change == "quote":
        Quote.objects.create(
            article=article, text="Kutipan segar", source=Source.objects.create(name="X"), status="confirmed"
        )
        expected = "Kutipan segar"
    elif change == "tag":
        article.tags.add("topik-baru")
        expected = "topik-baru"
    else:
        contributor.name = "Rina Wulandari"
        contributor.save()
        expected = "Rina Wulandari"
    response, _ = get(client, url)
    assert response["X-Page-Cache"] == "miss" and expected in response.text


def test_photo_approval_invalidates(client, make_article, make_photo, staff_user):
    """Approving a credit shows the photo on the cached story page."""
    article = make_article()
    photo = make_photo(approved=False, credit="Dwi Arif")
    ArticlePhoto.objects.create(article=article, photo=photo)
    assert "Foto: Dwi Arif" not in get(client, article.get_absolute_url())[0].text
    moderation.moderate_photo(photo=photo, decision="approve", user=staff_user)
    assert "Foto: Dwi Arif" in get(client, article.get_absolute_url())[0].text


def test_cached_page_never_outlives_a_scheduled_publication(client, make_article, time_machine, process_local_cache):
    """A home page cached before a scheduled story's time shows the story once that time comes."""
    time_machine.move_to(timezone.now(), tick=False)
    make_article(headline="Sudah terbit")
    # Three minutes ahead: sooner than the page cache's usual five-minute lifetime.
    make_article(headline="Terbit tiga menit lagi", publish_at=timezone.now() + timedelta(minutes=3))
    first, _ = get(client, "/")
    assert "Terbit tiga menit lagi" not in first.text
    time_machine.move_to(timezone.now() + timedelta(minutes=2))
    assert get(client, "/")[0]["X-Page-Cache"] == "hit"
    time_machine.move_to(timezone.now() + timedelta(minutes=1, seconds=1))
    later, _ = get(client, "/")
    assert "Terbit tiga menit lagi" in later.text


def test_cached_page_never_outlives_an_expiry_or_rights_end(
    client, make_article, make_photo, time_machine, process_local_cache
):
    """Expiring stories and photos leave cached pages at their time."""
    time_machine.move_to(timezone.now(), tick=False)
    article = make_article(headline="Berita sementara", expires_at=timezone.now() + timedelta(minutes=3))
    other = make_article(headline="Berita tetap")
    photo = make_photo(rights_expire_at=timezone.now() + timedelta(minutes=2))
    ArticlePhoto.objects.create(article=other, photo=photo)
    assert "Berita sementara" in get(client, "/")[0].text
    assert "Berita sementara" in get(client, article.get_absolute_url())[0].text
    assert photo.image.url in get(client, other.get_absolute_url())[0].text
    time_machine.move_to(timezone.now() + timedelta(minutes=2, seconds=1))
    assert photo.image.url not in get(client, other.get_absolute_url())[0].text
    time_machine.move_to(timezone.now() + timedelta(minutes=1))
    assert "Berita sementara" not in get(client, "/")[0].text
    assert get(client, article.get_absolute_url())[0].status_code == 404


def test_staff_bypass_the_cache_and_previews_are_never_cached(client, make_article, staff_user):
    """Logged-in staff always get a fresh page; previews are never stored."""
    article = make_article(headline="Untuk staf", status="draft")
    client.force_login(staff_user)
    response = client.get("/")
    assert "X-Page-Cache" not in response
    preview = client.get(article.get_preview_url())
    assert "X-Page-Cache" not in preview and "no-store" in preview["Cache-Control"]


def test_pages_are_served_when_the_cache_is_down(client, make_article, settings):
    """With the Redis cache unreachable, pages are served uncached and saves still work."""
    # Changing CACHES makes Django drop its cache connections (the setting_changed signal).
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    article = make_article(headline="Tetap tampil")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200 and "Tetap tampil" in response.text
    assert client.get("/").status_code == 200


def test_cache_key_varies_by_language(client, settings, make_article):
    """An English reader never gets the Indonesian page from the cache, whatever their browser asks for: each
    language has its own address, and the cache keeps each apart."""
    settings.LANGUAGE_CODE = "id"
    make_article()
    indonesian = client.get("/", headers={"accept-language": "en"})
    english = client.get("/en/", headers={"accept-language": "id"})
    assert (indonesian["X-Page-Cache"], english["X-Page-Cache"]) == ("miss", "miss")
    assert '<html lang="en">' in english.text and '<html lang="id">' in indonesian.text
    again = client.get("/en/")
    assert again["X-Page-Cache"] == "hit" and again.content == english.content


def test_page_lifetime_stops_at_the_next_scheduled_change(make_article, make_photo, time_machine):
    """The lifetime given to a cached page ends at the next publish time, expiry or rights end, whichever is first."""
    from articles.cache import page_lifetime

    time_machine.move_to(timezone.now(), tick=False)
    now = timezone.now()
    assert page_lifetime(now) == 300
    make_photo(rights_expire_at=now + timedelta(seconds=200))
    assert page_lifetime(now) == 200
    make_article(expires_at=now + timedelta(seconds=120))
    assert page_lifetime(now) == 120
    make_article(publish_at=now + timedelta(seconds=45))
    assert page_lifetime(now) == 45


def test_credit_sent_back_to_pending_leaves_cached_pages_at_once(client, make_article, make_photo, staff_user):
    """When an approved credit is edited (back to pending), cached pages stop showing the photo immediately."""
    article = make_article()
    photo = make_photo(credit="Dwi Arif")
    ArticlePhoto.objects.create(article=article, photo=photo)
    assert "Foto: Dwi Arif" in get(client, article.get_absolute_url())[0].text
    moderation.credit_edited(photo=photo, user=staff_user, changed_fields=["credit"])
    response, _ = get(client, article.get_absolute_url())
    assert response["X-Page-Cache"] == "miss" and "Foto: Dwi Arif" not in response.text


def test_bulk_quote_confirmation_reaches_cached_pages_and_search(client, make_article, staff_user):
    """Confirming quotes in bulk shows them on the cached story page and makes them searchable."""
    from articles.services.quotes import review_quotes

    article = make_article()
    # A paraphrase, so its words reach search through the quote only (the body need not print them).
    quote = Quote.objects.create(
        article=article, text="Warga menunggu jembatan baru", status="proposed", is_paraphrase=True
    )
    get(client, article.get_absolute_url())
    review_quotes(quotes=[quote], status="confirmed", user=staff_user)
    assert "Warga menunggu jembatan baru" in get(client, article.get_absolute_url())[0].text
    assert article.headline in client.get("/cari/", {"q": "jembatan"}).text


@pytest.mark.django_db(transaction=True)
def test_a_reader_between_save_and_commit_never_files_the_old_page_under_the_new_version(make_article):
    """A page rendered on another connection while an edit is not yet committed is never served after the commit."""
    import threading

    from django.db import close_old_connections, transaction
    from django.test import Client

    from articles.models import Article

    article = make_article(headline="Judul lama")
    url = article.get_absolute_url()
    saved, read = threading.Event(), threading.Event()
    seen = {}

    def editor():
        close_old_connections()
        try:
            with transaction.atomic():
                story = Article.objects.get(pk=article.pk)
                story.headline = "Judul baru"
                story.save()
                saved.set()
                read.wait(timeout=10)  # the reader renders while this change is still uncommitted
        finally:
            connection.close()

    def reader():
        close_old_connections()
        try:
            saved.wait(timeout=10)
            seen["during"] = Client().get(url).text
        finally:
            read.set()
            connection.close()

    threads = [threading.Thread(target=editor), threading.Thread(target=reader)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert "Judul lama" in seen["during"]
    after = Client().get(url)
    assert "Judul baru" in after.text and "Judul lama" not in after.text


def test_a_takedown_made_while_the_cache_server_is_down_is_honoured_when_it_returns(client, make_article, people):
    """Cache a story, lose the cache server, unpublish, get the server back: readers get a 404, not the old page."""
    from unittest import mock

    from django.core.cache import cache

    from articles.services import workflow

    article = make_article(headline="Berita yang ditarik")
    url = article.get_absolute_url()
    assert get(client, url)[0].status_code == 200
    assert get(client, url)[0]["X-Page-Cache"] == "hit"
    down = ConnectionError("cache server down")
    with mock.patch.object(cache, "incr", side_effect=down), mock.patch.object(cache, "set", side_effect=down):
        workflow.perform_transition(article=article, name="unpublish", user=people["editor"])
    assert client.get(url).status_code == 404

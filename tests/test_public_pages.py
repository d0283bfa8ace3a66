"""Readers' pages: what they show, what they hide, and a constant number of queries whatever the archive's size."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, translate_url
from django.utils import timezone, translation

from articles.models import Article, ArticlePhoto, Byline, Contributor, Quote, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor(db):
    return Contributor.objects.create(name="Rina Wulandari", slug="rina", title="Reporter")


@pytest.fixture
def make_full_story(make_article, make_photo, contributor):
    """A published story with two bylines, a lead photo, tags and a confirmed quote."""
    other = Contributor.objects.create(name="Agus Salim", slug=f"agus-{Contributor.objects.count()}")
    source = Source.objects.create(name="Denny Ramdany", title="Asisten Pemerintahan")

    def build(**fields):
        article = make_article(**fields)
        Byline.objects.create(article=article, contributor=contributor, order=1)
        Byline.objects.create(article=article, contributor=other, role=Byline.Role.EDITOR, order=2)
        ArticlePhoto.objects.create(article=article, photo=make_photo(), order=0)
        article.tags.add("Jakarta Pusat", "Pemerintahan")
        Quote.objects.create(article=article, text="Kami menyambut baik.", source=source, status="confirmed")
        return article

    return build


def page_urls(article):
    return {
        "home": reverse("articles:home"),
        "section": article.section.get_absolute_url(),
        "tag": reverse("articles:tag", args=["jakarta-pusat"]),
        "contributor": reverse("articles:contributor", args=["rina"]),
        "story": article.get_absolute_url(),
    }


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_every_public_page_runs_a_constant_number_of_queries(client, make_full_story):
    """Home, section, tag, contributor and story pages run the same number of queries for 3 and for 30 stories."""
    first = make_full_story()
    for _ in range(2):
        make_full_story()
    small = {name: count_queries(client, url) for name, url in page_urls(first).items()}
    for _ in range(27):
        make_full_story()
    large = {name: count_queries(client, url) for name, url in page_urls(first).items()}
    assert small == large
    # A page rendered for the cache also reads the pages' version (one primary-key query) and asks when the next
    # scheduled change is (four small aggregates).
    assert max(large.values()) <= 17, large


def test_home_lists_published_stories_newest_first(client, make_article):
    """The home page lists only published stories whose time has come, newest first."""
    older = make_article(headline="Berita lama", publish_at=timezone.now() - timedelta(days=2))
    newer = make_article(headline="Berita baru")
    make_article(headline="Draf rahasia", status=Article.Status.DRAFT)
    make_article(headline="Terjadwal", publish_at=timezone.now() + timedelta(hours=1))
    make_article(headline="Ditarik", status=Article.Status.UNPUBLISHED)
    response = client.get(reverse("articles:home"))
    assert list(response.context["articles"]) == [newer, older]
    for hidden in ["Draf rahasia", "Terjadwal", "Ditarik"]:
        assert hidden not in response.text


def test_pagination_past_the_end_is_404(client, make_article, settings):
    """A page number past the last page is a 404, and pages link to each other with rel next/prev."""
    for _ in range(3):
        make_article()
    from articles.views import HomeView

    HomeView.paginate_by, original = 2, HomeView.paginate_by
    try:
        first = client.get("/")
        assert 'rel="next"' in first.text
        assert 'rel="prev"' in client.get("/?page=2").text
        assert client.get("/?page=3").status_code == 404
        assert client.get("/?page=abc").status_code == 404
    finally:
        HomeView.paginate_by = original


@pytest.mark.parametrize("status", ["draft", "review", "approved", "unpublished"])
def test_unpublished_story_page_is_404_for_the_public(client, make_article, status):
    """A story that is not published is a 404 at its address and in preview, for anonymous readers."""
    article = make_article(status=status)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(article.get_preview_url()).status_code == 404


def test_future_story_is_404_until_its_time(client, make_article, time_machine):
    """A scheduled story answers only from its publish time on."""
    publish_at = timezone.now() + timedelta(hours=3)
    article = make_article(headline="Terbit tiga jam lagi", publish_at=publish_at)
    assert client.get(article.get_absolute_url()).status_code == 404
    time_machine.move_to(publish_at + timedelta(minutes=1))
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Terbit tiga jam lagi" in response.text


def test_staff_preview_shows_a_draft_uncached_and_unindexed(client, staff_user, make_article):
    """Staff see any draft at its preview address, marked noindex and no-cache."""
    article = make_article(headline="Draf untuk redaksi", status=Article.Status.DRAFT)
    client.force_login(staff_user)
    response = client.get(article.get_preview_url())
    assert response.status_code == 200
    assert "Draf untuk redaksi" in response.text
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.text


def test_non_staff_user_gets_404_in_preview(client, django_user_model, make_article):
    """A logged-in reader without staff rights cannot preview."""
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(django_user_model.objects.create_user("pembaca", password="x-long-pass-9"))
    assert client.get(article.get_preview_url()).status_code == 404


def test_story_page_shows_its_parts(client, make_full_story):
    """Kicker, headline, dek, byline line, lead photo with “Foto: …” credit, body, tags and confirmed quotes."""
    article = make_full_story(kicker="Pemerintahan", headline="Rapat kerja", dek="Ringkasan rapat.")
    Quote.objects.create(article=article, text="Kutipan belum dicek.", status="proposed")
    html = client.get(article.get_absolute_url()).text
    for expected in [
        "Pemerintahan",
        "<h1",
        "Rapat kerja",
        "Ringkasan rapat.",
        "Rina Wulandari",
        "Agus Salim",
        "Foto: Dwi Arif",
        "Kami menyambut baik.",
        "Jakarta Pusat",
        "<main",
        "<header",
        "<footer",
    ]:
        assert expected in html, expected
    assert html.count("<h1") == 1
    assert "Kutipan belum dicek." not in html


def test_unapproved_photo_is_not_shown(client, make_article, make_photo):
    """A story renders without its photo while the credit is pending, and without an image file."""
    article = make_article()
    ArticlePhoto.objects.create(article=article, photo=make_photo(approved=False, caption="Foto rahasia"), order=0)
    ArticlePhoto.objects.create(article=article, photo=make_photo(with_image=False, caption="Tanpa file"), order=1)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Foto rahasia" not in response.text and "Tanpa file" not in response.text
    assert "<figure" not in response.text


def test_english_story_credit_uses_photo(client, make_article, make_photo):
    """On an English story the credit reads “Photo: …”."""
    article = make_article(language="en")
    ArticlePhoto.objects.create(article=article, photo=make_photo(credit="Jane Doe/Reuters"), order=0)
    assert "Photo: Jane Doe/Reuters" in client.get(article.get_absolute_url()).text


def test_indonesian_date_format(client, make_article):
    """Dates read “Kamis, 19 Desember 2024 10.05 WIB” on Indonesian pages."""
    article = make_article(publish_at=datetime(2024, 12, 19, 10, 5, tzinfo=ZoneInfo("Asia/Jakarta")))
    html = client.get(translate_url(article.get_absolute_url(), "id")).text
    assert "Kamis, 19 Desember 2024 10.05 WIB" in html


def test_english_date_format(client, make_article):
    """English readers get “Thursday, 19 December 2024 10:05 WIB”."""
    article = make_article(publish_at=datetime(2024, 12, 19, 3, 5, tzinfo=ZoneInfo("UTC")))
    html = client.get(translate_url(article.get_absolute_url(), "en")).text
    assert "Thursday, 19 December 2024 10:05 WIB" in html
    translation.activate("id")


def test_section_tag_and_contributor_pages_list_their_stories(client, make_full_story, make_article):
    """Each listing shows its own stories and not others."""
    story = make_full_story(headline="Cerita dengan tag")
    make_article(headline="Cerita lain")
    for url in [reverse("articles:tag", args=["jakarta-pusat"]), reverse("articles:contributor", args=["rina"])]:
        html = client.get(url).text
        assert "Cerita dengan tag" in html and "Cerita lain" not in html
    assert story.headline in client.get(story.section.get_absolute_url()).text


def test_unknown_section_tag_and_contributor_are_404(client, db):
    """Unknown slugs are 404s, not 500s."""
    for url in ["/seksi/tidak-ada/", "/topik/tidak-ada/", "/penulis/tidak-ada/"]:
        assert client.get(url).status_code == 404

"""Story addresses: the date in Jakarta time, one slug per day, and 301s from old addresses."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.models import Article

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")


def test_address_uses_the_date_in_jakarta(make_article):
    """A story published at 23:30 UTC is dated the next day in WIB (UTC+7)."""
    article = make_article(slug="banjir", publish_at=datetime(2024, 12, 18, 23, 30, tzinfo=ZoneInfo("UTC")))
    assert article.publication_date.isoformat() == "2024-12-19"
    assert article.get_absolute_url() == "/2024/12/19/banjir/"


def test_slug_is_unique_per_date(make_article):
    """Two stories on the same day cannot share a slug; on different days they can."""
    day = datetime(2024, 12, 19, 10, 5, tzinfo=JAKARTA)
    make_article(slug="rapat", publish_at=day)
    make_article(slug="rapat", publish_at=day + timedelta(days=1))
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(slug="rapat", publish_at=day + timedelta(hours=3))


def test_slug_clash_is_a_form_error_not_a_crash(make_article, section):
    """Model validation names the clash, so the admin shows a message instead of a 500."""
    day = datetime(2024, 12, 19, 10, 5, tzinfo=JAKARTA)
    make_article(slug="rapat", publish_at=day)
    other = Article(headline="Rapat lagi", slug="rapat", section=section, publish_at=day, publication_date=day.date())
    with pytest.raises(ValidationError, match="already has this slug"):
        other.validate_constraints()


def test_story_page_answers_at_its_address(client, make_article):
    """The published story is served at /YYYY/MM/DD/slug/."""
    article = make_article(headline="Rapat kerja", slug="rapat-kerja")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Rapat kerja" in response.text


def test_slug_change_leaves_a_301(client, make_article):
    """After a published story's slug changes, its old address redirects permanently to the new one."""
    article = make_article(slug="judul-lama")
    old_url = article.get_absolute_url()
    article.slug = "judul-baru"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url() == old_url.replace("judul-lama", "judul-baru")
    assert client.get(response["Location"]).status_code == 200


def test_date_change_leaves_a_301(client, make_article):
    """Moving a published story to another day keeps its old address answering with a 301."""
    article = make_article(slug="pindah", publish_at=datetime(2024, 12, 19, 10, 0, tzinfo=JAKARTA))
    old_url = article.get_absolute_url()
    article = Article.objects.get(pk=article.pk)
    article.publish_at = datetime(2024, 12, 20, 9, 0, tzinfo=JAKARTA)
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/2024/12/20/pindah/"


def test_moving_back_removes_the_redirect(client, make_article):
    """A story that returns to an earlier address is served there again, not redirected in a loop."""
    article = make_article(slug="a", headline="Kembali ke alamat lama")
    first_url = article.get_absolute_url()
    article.slug = "b"
    article.save()
    article.slug = "a"
    article.save()
    served = client.get(first_url)
    assert served.status_code == 200
    assert "Kembali ke alamat lama" in served.text
    moved = client.get(first_url.replace("/a/", "/b/"))
    assert (moved.status_code, moved["Location"]) == (301, first_url)
    assert list(article.redirects.values_list("slug", flat=True)) == ["b"]  # "a" is live again, not a redirect


def test_draft_slug_changes_leave_no_redirect(make_article):
    """Addresses that were never public are not worth keeping."""
    article = make_article(slug="draf", status=Article.Status.DRAFT)
    article.slug = "draf-2"
    article.save()
    assert not article.redirects.exists()


def test_redirect_to_an_unpublished_story_is_404(client, make_article):
    """An old address does not reveal a story that is no longer public."""
    article = make_article(slug="lama")
    old_url = article.get_absolute_url()
    article.slug = "baru"
    article.save()
    article.status = Article.Status.UNPUBLISHED
    article.save()
    assert client.get(old_url).status_code == 404


def test_impossible_date_is_404(client):
    """/2024/02/31/x/ is a 404, not a 500."""
    assert client.get("/2024/02/31/x/").status_code == 404

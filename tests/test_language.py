"""Indonesian first, English too: the default language, the switch, and the translated interface."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_site_defaults_to_indonesian(client, settings, make_article):
    """With no language preference, readers get the Indonesian interface."""
    from newsroom import settings as newsroom_settings

    assert newsroom_settings.LANGUAGE_CODE == "id"
    settings.LANGUAGE_CODE = newsroom_settings.LANGUAGE_CODE
    make_article()
    page = client.get(reverse("articles:home")).text
    assert 'lang="id"' in page and "Berita terbaru" in page and "Cari" in page


def test_english_readers_get_the_english_interface(client, make_article):
    """Accept-Language: en gives the English interface."""
    make_article()
    page = client.get(reverse("articles:home"), headers={"accept-language": "en"}).text
    assert 'lang="en"' in page and "Latest news" in page


def test_the_language_switch_sets_the_choice(client, make_article):
    """Posting the language form switches the interface and goes back to the page (no CSRF token needed)."""
    make_article()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Latest news" in client.get("/").text
    client.post(reverse("set_language"), {"language": "id", "next": "/"})
    assert "Berita terbaru" in client.get("/").text


def test_admin_is_translated(client, staff_user):
    """Editors see the admin in Indonesian by default: model names come from the catalogue."""
    client.force_login(staff_user)
    page = client.get(reverse("admin:index"), headers={"accept-language": "id"}).text
    assert "Berita" in page and "Kontributor" in page

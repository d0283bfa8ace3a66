"""Production error pages: a dead link gets a page of the site (menu, search, latest stories) in the address's
language; the server error page is the site's look with no database behind it."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views import defaults

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_languages(settings):
    settings.LANGUAGE_CODE = "id"
    settings.DEBUG = False


def test_a_dead_link_gets_a_page_of_the_site(client, production_languages, make_article):
    """Status 404, the header with the section menu, a search box, the latest published stories (never a draft),
    a viewport for phones, and noindex."""
    live = make_article(headline="Terbit untuk 404")
    make_article(headline="Draf untuk 404", status="draft")
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    html = response.text
    assert '<html lang="id">' in html and "Halaman tidak ditemukan" in html
    assert 'name="viewport"' in html and '<meta name="robots" content="noindex">' in html
    assert 'class="container section-nav"' in html and 'href="/seksi/kota/"' in html
    assert 'action="/cari/"' in html and 'id="error-search"' in html
    assert f'href="{live.get_absolute_url()}"' in html and "Draf untuk 404" not in html
    assert 'rel="canonical"' not in html


def test_a_dead_english_link_reads_in_english(client, production_languages, make_article):
    """Under /en/ the same page is in English, with English links."""
    make_article()
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="en">' in response.text and "Page not found" in response.text
    assert 'action="/en/cari/"' in response.text


def test_a_missing_story_gets_the_same_page(client, production_languages, make_article):
    """A story address with no story behind it (a view's own 404) answers with the site's 404 page."""
    response = client.get("/2020/01/01/tidak-ada/")
    assert response.status_code == 404 and "Halaman tidak ditemukan" in response.text


def test_the_desks_404_keeps_the_admin_look(client, production_languages, staff_user):
    client.force_login(staff_user)
    response = client.get("/admin/articles/no-such-page/", headers={"accept-language": "id"})
    assert response.status_code == 404 and "admin/css/base.css" in response.text


def test_the_500_page_is_static_and_in_the_readers_language(settings, django_assert_num_queries):
    """Django's server_error renders 500.html with no context: the site's look, a search box, in English under /en/,
    and not one database query."""
    settings.LANGUAGE_CODE = "id"
    request = RequestFactory().get("/en/somewhere/")
    with translation.override("en"), django_assert_num_queries(0):
        response = defaults.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="en">' in html and "Something went wrong" in html
    assert "newsroom/site.css" in html and 'name="viewport"' in html and 'action="/en/cari/"' in html

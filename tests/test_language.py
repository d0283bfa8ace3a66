"""Indonesian first, English too: each language at its own address, chosen by the address alone, with hreflang
alternates; the desk keeps following the staff's own choice."""

import re

import pytest
from django.urls import reverse

from articles.models import Section

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_languages(settings):
    """The site's real default (tests otherwise read English at /): Indonesian at /, English at /en/."""
    from newsroom import settings as newsroom_settings

    assert newsroom_settings.LANGUAGE_CODE == "id"
    settings.LANGUAGE_CODE = newsroom_settings.LANGUAGE_CODE


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_the_site_defaults_to_indonesian(client, production_languages, make_article):
    """With no language preference, readers get the Indonesian interface at /."""
    make_article()
    page = client.get("/").text
    assert '<html lang="id">' in page and "Berita terbaru" in page and "Cari" in page


def test_english_lives_at_en_whatever_the_browser_asks(client, production_languages, make_article):
    """/en/ is English and / is Indonesian, for an en-US browser, an Indonesian one and a language cookie alike."""
    make_article()
    assert "Berita terbaru" in client.get("/", headers={"accept-language": "en-US,en;q=0.9"}).text
    client.cookies["django_language"] = "en"
    assert "Berita terbaru" in client.get("/").text
    english = client.get("/en/", headers={"accept-language": "id"}).text
    assert '<html lang="en">' in english and "Latest news" in english


def test_every_readers_page_names_both_addresses(client, production_languages, make_article):
    """Home, section, story (and a listing's page 2) carry hreflang id, en and x-default, absolute, both ways."""
    article = make_article()
    for path in ("/", "/seksi/kota/", article.get_absolute_url()):
        for address in (path, "/en" + path):
            links = alternates(client.get(address).text)
            assert links == {
                "id": f"http://testserver{path}",
                "en": f"http://testserver/en{path}",
                "x-default": f"http://testserver{path}",
            }, address


def test_the_language_links_lead_to_the_same_page(client, production_languages, make_article):
    """On a story, the header's English link goes to the story's /en/ address, and back."""
    article = make_article()
    path = article.get_absolute_url()
    indonesian = client.get(path).text
    assert f'<a href="/en{path}" hreflang="en" lang="en">English</a>' in indonesian
    english = client.get(f"/en{path}").text
    assert f'<a href="{path}" hreflang="id" lang="id">Bahasa Indonesia</a>' in english
    assert 'aria-current="page" lang="en">English</span>' in english


def test_a_storys_language_sets_its_pages_lang(client, production_languages, make_article):
    """An English story on the Indonesian site: the page is lang=en, the site's own header and footer stay id."""
    article = make_article(language="en")
    html = client.get(article.get_absolute_url()).text
    assert '<html lang="en">' in html
    assert '<header class="site-header border-bottom mb-4" lang="id">' in html
    assert re.search(r'<footer [^>]*lang="id"', html)


def test_links_on_english_pages_stay_in_english(client, production_languages, make_article):
    """Every link the English home page makes to a readers' page keeps the /en/ prefix."""
    path = make_article().get_absolute_url()
    html = client.get("/en/").text
    assert f'href="/en{path}"' in html
    assert 'href="/en/seksi/kota/"' in html and 'action="/en/cari/"' in html


def test_section_names_follow_the_page_language(client, production_languages, make_article):
    """A section's English name shows on /en/; without one, the Indonesian name stands in."""
    make_article()
    Section.objects.filter(slug="kota").update(name_en="City")
    assert ">City</a>" in client.get("/en/").text and ">Kota</a>" not in client.get("/en/").text
    assert ">Kota</a>" in client.get("/").text
    Section.objects.filter(slug="kota").update(name_en="")
    assert ">Kota</a>" in client.get("/en/seksi/kota/").text


def test_the_desk_follows_the_staff_choice(client, staff_user, production_languages):
    """The admin has one address: it reads in the browser's or the chosen language."""
    client.force_login(staff_user)
    assert "Berita" in client.get(reverse("admin:index"), headers={"accept-language": "id"}).text
    assert "Stories" in client.get(reverse("admin:index"), headers={"accept-language": "en"}).text
    client.cookies["django_language"] = "en"
    assert "Stories" in client.get(reverse("admin:index"), headers={"accept-language": "id"}).text


def test_the_language_switch_goes_to_the_other_address(client, production_languages, make_article):
    """The desk's language form still works, and sent from a readers' page it lands on that page's other address."""
    make_article()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/seksi/kota/"})
    assert response.status_code == 302 and response["Location"] == "/en/seksi/kota/"
    response = client.post(reverse("set_language"), {"language": "id", "next": "/en/seksi/kota/"})
    assert response["Location"] == "/seksi/kota/"


def test_admin_is_translated(client, staff_user):
    """Editors see the admin in Indonesian by default: model names come from the catalogue."""
    client.force_login(staff_user)
    page = client.get(reverse("admin:index"), headers={"accept-language": "id"}).text
    assert "Berita" in page and "Kontributor" in page


def test_the_quote_search_names_sections_in_the_page_language(client, production_languages, make_article):
    """The quote search's section list shows English names on /en/ and Indonesian ones at /."""
    make_article()
    Section.objects.filter(slug="kota").update(name_en="City")
    assert '<option value="kota">City</option>' in client.get("/en/kutipan/").text
    assert '<option value="kota">Kota</option>' in client.get("/kutipan/").text

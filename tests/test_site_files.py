"""The favicon, the web manifest, the icons every page links and the publisher logo search engines show."""

from pathlib import Path

import html5lib
import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from PIL import Image

pytestmark = pytest.mark.django_db

ICONS = Path(django_settings.BASE_DIR) / "static" / "newsroom" / "icons"
NS = "{http://www.w3.org/1999/xhtml}"


def test_favicon_address_answers_with_the_icon(client):
    """Browsers asking for /favicon.ico on their own get the site's icon (no 404), and may keep the answer a day."""
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/newsroom/icons/favicon.ico"
    assert "public" in response["Cache-Control"] and "max-age=86400" in response["Cache-Control"]
    with Image.open(finders.find("newsroom/icons/favicon.ico")) as icon:
        assert icon.format == "ICO"


def test_web_manifest_names_the_site_with_its_icons(client, settings):
    """A phone adding the site to its home screen gets the name, colours and 192/512 icons, in the site's own
    language (Indonesian), whichever language the visitor reads."""
    settings.LANGUAGE_CODE = "id"
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    assert "public" in response["Cache-Control"]
    manifest = response.json()
    assert manifest["name"] == manifest["short_name"] == "Newsroom"
    assert manifest["lang"] == "id"
    assert manifest["description"].startswith("Berita seputar kota")
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#b02a37" and manifest["background_color"] == "#ffffff"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        # Where collectstatic and whitenoise find it: the address is the static file's own.
        with Image.open(finders.find(icon["src"].removeprefix("/static/"))) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"] and image.format == "PNG"


def test_the_site_name_is_a_setting(client, settings):
    """A newsroom under another name sets NEWSROOM_SITE_NAME and its manifest says so."""
    settings.NEWSROOM_SITE_NAME = "Kabar Kota"
    assert client.get("/manifest.webmanifest").json()["name"] == "Kabar Kota"


def test_every_page_links_its_icons_manifest_and_theme_colour(client):
    """The page head names the favicon, the SVG icon, the apple-touch icon, the manifest and the theme colour."""
    head = html5lib.parse(client.get("/").text).find(f"{NS}head")
    linked = {(link.get("rel"), link.get("href")) for link in head.iter(f"{NS}link")}
    assert {
        ("icon", "/favicon.ico"),
        ("icon", "/static/newsroom/icons/favicon.svg"),
        ("apple-touch-icon", "/static/newsroom/icons/apple-touch-icon.png"),
        ("manifest", "/manifest.webmanifest"),
    } <= linked
    colours = [meta.get("content") for meta in head.iter(f"{NS}meta") if meta.get("name") == "theme-color"]
    assert colours == ["#b02a37"]


@pytest.mark.parametrize(
    ("name", "size"),
    [("favicon-32.png", (32, 32)), ("apple-touch-icon.png", (180, 180)), ("icon-192.png", (192, 192))],
)
def test_icons_have_their_sizes(name, size):
    """Each icon file is drawn at the size its link promises."""
    with Image.open(ICONS / name) as image:
        assert image.size == size


def test_favicon_ico_holds_a_32_pixel_icon():
    """The .ico carries 16, 32 and 48 px pictures (browsers pick 32 for a tab)."""
    with Image.open(ICONS / "favicon.ico") as image:
        assert (32, 32) in image.info["sizes"]


def test_publisher_logo_fits_what_google_asks():
    """The NewsArticle's publisher logo is a PNG no larger than 600 by 60, as Google asks."""
    with Image.open(ICONS / "publisher-logo.png") as image:
        assert image.format == "PNG" and image.width <= 600 and image.height <= 60
    assert (ICONS / "favicon.svg").read_text().startswith("<svg")

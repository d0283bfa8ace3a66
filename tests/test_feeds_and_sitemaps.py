"""RSS feeds and sitemaps list only what published() allows, in a constant number of queries."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from defusedxml import ElementTree
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles import sitemaps
from articles.models import ArticlePhoto, Byline, Contributor, Section
from articles.sitemaps import StorySitemap

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(make_article):
    rina = Contributor.objects.create(name="Rina Wulandari", slug="rina")
    live = make_article(headline="Terbit di feed", dek="Ringkasan feed.")
    Byline.objects.create(article=live, contributor=rina)
    make_article(headline="Draf feed", status="draft")
    make_article(headline="Nanti feed", publish_at=timezone.now() + timedelta(hours=1))
    make_article(
        headline="Kedaluwarsa feed",
        expires_at=timezone.now() - timedelta(minutes=1),
        publish_at=timezone.now() - timedelta(hours=2),
    )
    return live


def test_site_feed_lists_only_published_stories(client, stories):
    """The RSS feed has the published story with its dek, author and section, and nothing else."""
    response = client.get(reverse("articles:feed"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    text = response.content.decode()
    assert "Terbit di feed" in text and "Ringkasan feed." in text and "Rina Wulandari" in text
    assert "Draf feed" not in text and "Nanti feed" not in text and "Kedaluwarsa feed" not in text


def test_section_feed_and_unknown_section(client, stories):
    """Each section has its feed; an unknown section is a 404."""
    assert "Terbit di feed" in client.get(reverse("articles:section_feed", args=["kota"])).content.decode()
    assert client.get(reverse("articles:section_feed", args=["tidak-ada"])).status_code == 404


def test_sitemap_lists_published_story_addresses(client, stories):
    """The section's stories sitemap has the published story's addresses only; the index links the sitemaps."""
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-stories-kota.xml" in index and "sitemap-sections.xml" in index
    text = client.get("/sitemap-stories-kota.xml").content.decode()
    assert stories.get_absolute_url() in text
    assert text.count("<url>") == 2  # its address in each language


def test_feed_and_sitemap_queries_do_not_grow(client, make_article):
    """Feed and sitemap run the same number of queries for 3 and for 30 stories."""

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for _ in range(3):
        make_article()
    small = [queries(reverse("articles:feed")), queries("/sitemap-stories-kota.xml")]
    for _ in range(27):
        make_article()
    assert [queries(reverse("articles:feed")), queries("/sitemap-stories-kota.xml")] == small


# --- sitemaps and robots.txt -----------------------------------------------------------------------------------------

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
IMAGE = "{http://www.google.com/schemas/sitemap-image/1.1}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"].startswith("application/xml"), url
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"], url
    return ElementTree.fromstring(response.content)


def locations(root, tag="url"):
    return [element.findtext(f"{SM}loc") for element in root.iter(f"{SM}{tag}")]


def every_sitemap_url(client):
    return [
        urlsplit(location).path + (f"?{urlsplit(location).query}" if urlsplit(location).query else "")
        for location in locations(xml(client, "/sitemap.xml"), "sitemap")
    ]


@pytest.fixture
def hidden(make_article):
    """Stories readers may not see: a draft, a scheduled one and an expired one, each in its own section and tag."""
    now = timezone.now()
    stories = []
    for slug, fields in [
        ("draf", {"status": "draft"}),
        ("nanti", {"publish_at": now + timedelta(hours=1)}),
        ("lewat", {"publish_at": now - timedelta(hours=3), "expires_at": now - timedelta(minutes=1)}),
    ]:
        section = Section.objects.create(name=f"Seksi {slug}", slug=f"seksi-{slug}")
        article = make_article(headline=f"Tersembunyi {slug}", section=section, **fields)
        article.tags.add(f"rahasia-{slug}")
        writer = Contributor.objects.create(name=f"Penulis {slug}", slug=f"penulis-{slug}")
        Byline.objects.create(article=article, contributor=writer)
        stories.append(article)
    return stories


def test_sitemap_index_names_every_sitemap_with_absolute_addresses(client, stories, hidden):
    """The index lists the section's stories, sections, tags, contributors and news; nothing of hidden sections."""
    root = xml(client, "/sitemap.xml")
    found = locations(root, "sitemap")
    assert found == [
        "http://testserver/sitemap-stories-kota.xml",
        "http://testserver/sitemap-sections.xml",
        "http://testserver/sitemap-tags.xml",
        "http://testserver/sitemap-contributors.xml",
        "http://testserver/sitemap-news.xml",
    ]
    lastmods = [element.findtext(f"{SM}lastmod") for element in root.iter(f"{SM}sitemap")]
    assert all(lastmod.endswith("+07:00") for lastmod in lastmods), lastmods


def test_story_sitemaps_are_paged_per_section(client, make_article, monkeypatch):
    """A section with more stories than a page holds has numbered pages in the index, each a valid sitemap."""
    monkeypatch.setattr(StorySitemap, "limit", 2)
    for _ in range(5):
        make_article()
    paths = every_sitemap_url(client)
    assert paths[:3] == ["/sitemap-stories-kota.xml", "/sitemap-stories-kota.xml?p=2", "/sitemap-stories-kota.xml?p=3"]
    seen = []
    for path in paths[:3]:
        seen += locations(xml(client, path))
    assert len(seen) == 5 * 2 == len(set(seen))  # each story at its Indonesian and its English address
    assert client.get("/sitemap-stories-kota.xml?p=4").status_code == 404
    assert client.get("/sitemap-stories-tidak-ada.xml").status_code == 404


def test_story_sitemap_has_images_and_both_languages(client, settings, make_article, make_photo):
    """Each story is at / and /en/, each naming both (hreflang) and carrying its lead photo's largest rendition."""
    settings.LANGUAGE_CODE = "id"
    article = make_article()
    photo = make_photo()
    photo.renditions = {
        "640": {"url": "/media/cache/a/640.webp", "width": 640, "height": 427, "source": photo.image.name},
        "1280": {"url": "/media/cache/a/1280.webp", "width": 1280, "height": 853, "source": photo.image.name},
    }
    photo.save()
    ArticlePhoto.objects.create(article=article, photo=photo, order=0)
    make_article(headline="Tanpa foto")
    root = xml(client, "/sitemap-stories-kota.xml")
    with translation.override("id"):
        indonesian = f"http://testserver{article.get_absolute_url()}"
    english = indonesian.replace("http://testserver/", "http://testserver/en/")
    urls = {url.findtext(f"{SM}loc"): url for url in root.iter(f"{SM}url")}
    assert {indonesian, english} <= set(urls)
    for location in (indonesian, english):
        url = urls[location]
        alternates = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        assert alternates == {"id": indonesian, "en": english, "x-default": indonesian}
        images = [image.findtext(f"{IMAGE}loc") for image in url.iter(f"{IMAGE}image")]
        assert images == ["http://testserver/media/cache/a/1280.webp"]
        assert url.findtext(f"{SM}lastmod").endswith("+07:00")
    assert len(urls) == 4 and sum(1 for _ in root.iter(f"{IMAGE}image")) == 2


def test_listing_sitemaps_leave_out_what_only_hidden_stories_use(client, stories, hidden):
    """Sections, tags and contributors sitemaps list only those with a published story."""
    stories.tags.add("banjir")
    assert set(locations(xml(client, "/sitemap-sections.xml"))) == {
        "http://testserver/seksi/kota/",
        "http://testserver/id/seksi/kota/",
    }
    assert {urlsplit(loc).path for loc in locations(xml(client, "/sitemap-tags.xml"))} == {
        "/topik/banjir/",
        "/id/topik/banjir/",
    }
    assert {urlsplit(loc).path for loc in locations(xml(client, "/sitemap-contributors.xml"))} == {
        "/penulis/rina/",
        "/id/penulis/rina/",
    }


def test_nothing_unpublished_in_any_sitemap(client, stories, hidden):
    """No draft, scheduled or expired story, nor its section, tag or writer, appears in any sitemap."""
    for path in ["/sitemap.xml", *every_sitemap_url(client)]:
        text = client.get(path).content.decode()
        for article in hidden:
            slug = article.slug
            assert f"/{slug}/" not in text and "rahasia" not in text and "seksi-" not in text, (path, slug)
            assert "penulis-" not in text and "Tersembunyi" not in text, path


def test_news_sitemap_lists_the_last_48_hours(client, make_article, hidden):
    """The news sitemap has stories of the last 48 hours with name, language, WIB time and title; older ones not."""
    now = timezone.now()
    fresh = make_article(headline="Gempa <Cianjur> & longsor", publish_at=now - timedelta(hours=47))
    english = make_article(headline="Flood update", language="en", publish_at=now - timedelta(hours=2))
    make_article(headline="Berita lama", publish_at=now - timedelta(hours=49))
    root = xml(client, "/sitemap-news.xml")
    entries = {url.findtext(f"{NEWS}news/{NEWS}title"): url for url in root.iter(f"{SM}url")}
    assert set(entries) == {"Gempa <Cianjur> & longsor", "Flood update"}
    news = entries["Gempa <Cianjur> & longsor"].find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Newsroom"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "id"
    published = news.findtext(f"{NEWS}publication_date")
    local = timezone.localtime(fresh.publish_at, timezone.get_default_timezone()).replace(microsecond=0)
    assert published == local.isoformat() and published.endswith("+07:00")
    with translation.override("id"):
        assert (
            entries["Gempa <Cianjur> & longsor"].findtext(f"{SM}loc") == f"http://testserver{fresh.get_absolute_url()}"
        )
    with translation.override("en"):
        assert entries["Flood update"].findtext(f"{SM}loc") == f"http://testserver{english.get_absolute_url()}"


def test_news_sitemap_stops_at_1000_stories(client, make_article, monkeypatch):
    """At most NEWS_LIMIT stories, the newest."""
    monkeypatch.setattr(sitemaps, "NEWS_LIMIT", 3)
    for hours in range(1, 6):
        make_article(headline=f"Jam {hours}", publish_at=timezone.now() - timedelta(hours=hours))
    titles = [title.text for title in xml(client, "/sitemap-news.xml").iter(f"{NEWS}title")]
    assert titles == ["Jam 1", "Jam 2", "Jam 3"]


def test_sitemap_index_is_served_from_cache_and_refreshed_after_a_publish(client, make_article, stories):
    """The index is kept in the cache (one query to check it), and a newly published section shows at once."""
    first = client.get("/sitemap.xml")
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as captured:
        again = client.get("/sitemap.xml")
    assert again["X-Page-Cache"] == "hit" and again.content == first.content
    assert len(captured) == 1  # the version of readers' pages
    sport = Section.objects.create(name="Olahraga", slug="olahraga")
    make_article(section=sport)
    fresh = client.get("/sitemap.xml")
    assert fresh["X-Page-Cache"] == "miss"
    assert "sitemap-stories-olahraga.xml" in fresh.content.decode()


def test_sitemap_queries_do_not_grow_with_stories(client, make_article, make_photo):
    """The index (uncached), a section's stories, news, tags and contributors: the same queries for 3 and 30 stories."""
    writer = Contributor.objects.create(name="Rina", slug="rina")
    paths = [
        "/sitemap.xml",
        "/sitemap-stories-kota.xml",
        "/sitemap-news.xml",
        "/sitemap-tags.xml",
        "/sitemap-contributors.xml",
        "/sitemap-sections.xml",
    ]

    def add(count):
        for _ in range(count):
            article = make_article()
            article.tags.add(f"tag-{article.pk}")
            Byline.objects.create(article=article, contributor=writer)
            ArticlePhoto.objects.create(article=article, photo=make_photo(), order=0)

    def queries():
        counts = []
        for path in paths:
            cache.clear()
            with CaptureQueriesContext(connection) as captured:
                assert client.get(path).status_code == 200
            counts.append(len(captured))
        return counts

    add(3)
    small = queries()
    add(27)
    assert queries() == small


def test_robots_txt_opens_pages_closes_the_desk_and_names_the_sitemaps(client, settings):
    """robots.txt: readers' pages allowed; desk, previews, report, language switch and search results closed."""
    settings.LANGUAGE_CODE = "id"
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    disallowed = {line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow: ")}
    assert disallowed == {
        "/admin/",
        "/pratinjau/",
        "/en/pratinjau/",
        "/redaksi/laporan/narasumber/",
        "/en/redaksi/laporan/narasumber/",
        "/i18n/setlang/",
        "/cari/?",
        "/en/cari/?",
        "/kutipan/?",
        "/en/kutipan/?",
    }
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
    assert "public" in response["Cache-Control"]

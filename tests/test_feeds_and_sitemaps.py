"""RSS feeds and sitemaps list only what published() allows, in a constant number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Byline, Contributor

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
    """The stories sitemap has the published story's address only; the index links the sitemaps."""
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-stories.xml" in index and "sitemap-sections.xml" in index
    text = client.get("/sitemap-stories.xml").content.decode()
    assert stories.get_absolute_url() in text
    assert text.count("<url>") == 1


def test_feed_and_sitemap_queries_do_not_grow(client, make_article):
    """Feed and sitemap run the same number of queries for 3 and for 30 stories."""

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for _ in range(3):
        make_article()
    small = [queries(reverse("articles:feed")), queries("/sitemap-stories.xml")]
    for _ in range(27):
        make_article()
    assert [queries(reverse("articles:feed")), queries("/sitemap-stories.xml")] == small

"""RSS 2.0 and Atom 1.0 feeds as feed readers read them back (feedparser): titles, summaries, times, photos."""

from __future__ import annotations

import html
from datetime import timedelta

import feedparser
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import ArticlePhoto, Byline, Contributor, Section

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert(1)</script> Banjir & longsor"


def shown(detail) -> str:
    """The text a feed reader shows for a title or summary: HTML is rendered (and so must hold no markup)."""
    if detail.type == "text/html":
        assert "<" not in detail.value, detail.value
        return html.unescape(detail.value)
    return detail.value


def parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (url, parsed.bozo_exception)
    return response, parsed


@pytest.fixture
def story(make_article, make_photo):
    """A published story with a hostile headline, two tags, a byline and a lead photo with a rendition."""
    rina = Contributor.objects.create(name="Rina Wulandari", slug="rina")
    article = make_article(headline=HOSTILE, dek="Hujan deras sejak pagi.")
    article.tags.add("Banjir", "Jakarta")
    Byline.objects.create(article=article, contributor=rina)
    photo = make_photo(caption="Warga mengungsi", credit="Dwi Arif")
    name = default_storage.save("cache/ab/rendition.webp", ContentFile(b"x" * 1234))
    photo.renditions = {"1280": {"url": default_storage.url(name), "width": 1280, "height": 853, "source": "x"}}
    photo.save()
    ArticlePhoto.objects.create(article=article, photo=photo, order=0)
    return article


FEEDS = {
    "rss": ["articles:feed", "articles:section_feed", "articles:contributor_feed", "articles:tag_feed"],
    "atom": [
        "articles:atom_feed",
        "articles:section_atom_feed",
        "articles:contributor_atom_feed",
        "articles:tag_atom_feed",
    ],
}
ARGS = [[], ["kota"], ["rina"], ["banjir"]]


def every_feed():
    for kind, names in FEEDS.items():
        for name, args in zip(names, ARGS, strict=True):
            yield kind, reverse(name, args=args)


def test_every_feed_parses_with_the_story_as_text(client, story):
    """Every feed (site, section, contributor, tag; RSS and Atom) shows the headline as words, not markup."""
    for kind, url in every_feed():
        response, parsed = parse(client, url)
        assert parsed.version == ("rss20" if kind == "rss" else "atom10"), url
        expected = "application/rss+xml" if kind == "rss" else "application/atom+xml"
        assert response["Content-Type"].startswith(expected), url
        [entry] = parsed.entries
        assert shown(entry.title_detail) == HOSTILE, (url, entry.title_detail)
        assert shown(entry.summary_detail) == "Hujan deras sejak pagi.", url
        assert entry.author == "Rina Wulandari", url
        assert {tag.term for tag in entry.tags} == {"Kota", "Banjir", "Jakarta"}, url


def test_every_feed_carries_the_lead_photo_with_credit_and_caption(client, story):
    """Each story's lead photo is an enclosure with its size and a media:content with credit and caption."""
    for _kind, url in every_feed():
        _, parsed = parse(client, url)
        [entry] = parsed.entries
        [enclosure] = entry.enclosures
        assert enclosure.href == "http://testserver/media/cache/ab/rendition.webp", url
        assert enclosure.type == "image/webp" and enclosure.length == "1234", url
        [media] = entry.media_content
        assert media["url"] == "http://testserver/media/cache/ab/rendition.webp" and media["width"] == "1280"
        assert entry.media_credit[0]["content"] == "Dwi Arif", url
        # feedparser files media:description (the caption) under the entry's content.
        assert [content.value for content in entry.content] == ["Warga mengungsi"], url


def test_feed_times_are_in_western_indonesian_time(client, story):
    """Publication times in the feeds read +0700 (WIB), not +0000."""
    rss = client.get(reverse("articles:feed")).content.decode()
    atom = client.get(reverse("articles:atom_feed")).content.decode()
    local = timezone.localtime(story.publish_at, timezone.get_default_timezone())
    assert f"<pubDate>{local:%a, %d %b %Y %H:%M:%S} +0700</pubDate>" in rss
    assert f"<published>{local.replace(microsecond=0).isoformat()}</published>" in atom
    assert "+0000" not in rss and "+00:00" not in atom


def test_summaries_are_never_empty(client, make_article):
    """A story with no dek is summed up by its SEO description, else its first sentences in plain text."""
    make_article(headline="Dengan SEO", seo_description="Deskripsi untuk mesin pencari.")
    make_article(
        headline="Impor tanpa dek",
        body="<p>Kalimat <b>pertama</b> di sini. Kalimat kedua &amp; terakhir.</p><p>" + "Panjang sekali. " * 60,
    )
    for url in (reverse("articles:feed"), reverse("articles:atom_feed")):
        _, parsed = parse(client, url)
        summaries = {entry.title: shown(entry.summary_detail) for entry in parsed.entries}
        assert summaries["Dengan SEO"] == "Deskripsi untuk mesin pencari."
        imported = summaries["Impor tanpa dek"]
        assert imported.startswith("Kalimat pertama di sini. Kalimat kedua & terakhir.") and "<" not in imported
        assert len(imported) <= 300


def test_unknown_or_unpublished_feed_owners_are_not_found(client, make_article):
    """Feeds of unknown sections, contributors and tags, or of those only drafts use, answer 404."""
    draft_writer = Contributor.objects.create(name="Belum Terbit", slug="belum")
    draft = make_article(status="draft")
    draft.tags.add("Rahasia")
    Byline.objects.create(article=draft, contributor=draft_writer)
    for kind in ("rss", "atom"):
        suffix = "" if kind == "rss" else "atom_"
        for name, slug in [("section", "tidak-ada"), ("contributor", "tidak-ada"), ("tag", "tidak-ada")]:
            assert client.get(reverse(f"articles:{name}_{suffix}feed", args=[slug])).status_code == 404
        assert client.get(reverse(f"articles:contributor_{suffix}feed", args=["belum"])).status_code == 404
        assert client.get(reverse(f"articles:tag_{suffix}feed", args=["rahasia"])).status_code == 404


def test_english_feeds_are_translated_and_link_english_pages(client, settings, story):
    """With Indonesian as the default, /rss/ is Indonesian and /en/rss/ English, each linking its own pages."""
    settings.LANGUAGE_CODE = "id"
    Section.objects.filter(slug="kota").update(name_en="City")
    with translation.override("id"):
        _, indonesian = parse(client, "/rss/")
        _, indonesian_section = parse(client, "/seksi/kota/atom/")
    _, english = parse(client, "/en/rss/")
    _, english_section = parse(client, "/en/seksi/kota/atom/")
    assert indonesian.feed.title == "Newsroom — berita terbaru"
    assert english.feed.title == "Newsroom — latest news"
    with translation.override("id"):
        assert indonesian.entries[0].link == f"http://testserver{story.get_absolute_url()}"
    assert english.entries[0].link.startswith("http://testserver/en/")
    assert english_section.feed.title == "Newsroom — City" and indonesian_section.feed.title == "Newsroom — Kota"
    assert "City" in {tag.term for tag in english_section.entries[0].tags}


def test_feed_queries_do_not_grow_with_stories(client, make_article, make_photo):
    """Every feed runs the same number of queries for 3 and for 30 stories with photos, tags and bylines."""
    writer = Contributor.objects.create(name="Rina", slug="rina")

    def add(count):
        for _ in range(count):
            article = make_article()
            article.tags.add("banjir")
            Byline.objects.create(article=article, contributor=writer)
            ArticlePhoto.objects.create(article=article, photo=make_photo(), order=0)

    def queries():
        counts = []
        for _, url in every_feed():
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    add(3)
    small = queries()
    add(27)
    assert queries() == small


def test_listing_pages_link_their_feeds(client, story):
    """Section, tag and contributor pages name their RSS and Atom feeds in the page head; every page the site's."""
    pages = {
        reverse("articles:section", args=["kota"]): ["articles:section_feed", "articles:section_atom_feed", ["kota"]],
        reverse("articles:tag", args=["banjir"]): ["articles:tag_feed", "articles:tag_atom_feed", ["banjir"]],
        reverse("articles:contributor", args=["rina"]): [
            "articles:contributor_feed",
            "articles:contributor_atom_feed",
            ["rina"],
        ],
    }
    for page, (rss, atom, args) in pages.items():
        head = client.get(page).content.decode().split("</head>")[0]
        assert 'type="application/rss+xml"' in head and f'href="{reverse(rss, args=args)}"' in head, page
        assert 'type="application/atom+xml"' in head and f'href="{reverse(atom, args=args)}"' in head, page
    head = client.get(reverse("articles:home")).content.decode().split("</head>")[0]
    assert f'href="{reverse("articles:feed")}"' in head and f'href="{reverse("articles:atom_feed")}"' in head


def test_feeds_leave_out_unpublished_stories(client, make_article, story):
    """Drafts, scheduled and expired stories are in no feed."""
    make_article(headline="Draf", status="draft")
    make_article(headline="Nanti", publish_at=timezone.now() + timedelta(hours=1))
    make_article(
        headline="Kedaluwarsa",
        publish_at=timezone.now() - timedelta(hours=3),
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    for _, url in every_feed():
        _, parsed = parse(client, url)
        assert [shown(entry.title_detail) for entry in parsed.entries] == [HOSTILE], url


def test_photo_sizes_are_asked_of_the_storage_once(client, story, monkeypatch):
    """A photo file's size is read from the storage once, then from the cache, however often the feeds are read."""
    asked = []
    storage = storages["default"]  # what default_storage stands for
    size = storage.size
    monkeypatch.setattr(storage, "size", lambda name: asked.append(name) or size(name))
    for _ in range(3):
        for _kind, url in every_feed():
            parse(client, url)
    assert asked == ["cache/ab/rendition.webp"]

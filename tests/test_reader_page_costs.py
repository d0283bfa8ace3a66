"""What readers' pages cost whatever the archive's size (issue 22), and what the bounded queries still choose.

Counts are taken with the page cache off: every request renders, and what is counted is the page's own work (a
page rendered for the cache adds the same few queries to every page, see test_public_pages.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import querysets
from articles.demo import seeding
from articles.models import Article, Contributor, FrontPagePin, Section

pytestmark = pytest.mark.django_db

LISTING_MOST = 6
STORY_PAGE_MOST = 8


@pytest.fixture
def uncached(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


def grow_archive_to(total: int) -> None:
    """The demo's generated stories (sections, 1-3 tags, 1-3 bylines, a photo and a quote each), up to ``total``."""
    seeding.StoryGenerator(seed=total).generate(total - Article.objects.count(), lambda message: None)


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_reader_pages_run_the_same_queries_for_30_and_300_stories(client, uncached):
    seeding.ensure_sections_and_contributors()
    grow_archive_to(30)
    newest = Article.objects.published().latest_first().first()
    busiest = Contributor.objects.annotate(n=Count("bylines")).order_by("-n", "pk").first()
    section = Section.objects.annotate(n=Count("articles")).order_by("-n", "pk").first()
    pages = {
        "home": reverse("articles:home"),
        "home, page 2": reverse("articles:home") + "?page=2",
        "section": section.get_absolute_url(),
        "tag": reverse("articles:tag", args=[newest.tags.first().slug]),
        "contributor": busiest.get_absolute_url(),
        "story": newest.get_absolute_url(),
    }
    small = {name: queries_for(client, url) for name, url in pages.items()}
    grow_archive_to(300)
    large = {name: queries_for(client, url) for name, url in pages.items()}
    assert small == large
    assert all(large[name] <= LISTING_MOST for name in ["home, page 2", "section", "tag", "contributor"]), large
    assert large["story"] <= STORY_PAGE_MOST, large
    # The front page composes its blocks in a fixed number of queries too (pins, banner, its stories).
    assert large["home"] <= LISTING_MOST + 5, large
    # A deep page costs what the first one does.
    last_page = (section.articles.count() - 1) // 20 + 1
    assert last_page > 2
    assert queries_for(client, f"{section.get_absolute_url()}?page={last_page}") == large["section"]


# --- related stories ------------------------------------------------------------------------------------------


def test_related_stories_rank_shared_tags_then_section_then_newest(client, make_article, section):
    other = Section.objects.create(name="Budaya", slug="budaya")
    hours = iter(range(2, 100))

    def story(headline, *, tags=(), in_section=other, **fields):
        fields.setdefault("publish_at", timezone.now() - timedelta(hours=next(hours)))
        article = make_article(headline=headline, section=in_section, **fields)
        article.tags.add(*tags)
        return article

    current = story("Banjir Kenanga", tags=["banjir", "kenanga", "hujan"], in_section=section)
    one_tag_newer = story("Satu tag, lebih baru", tags=["hujan"])
    three_tags = story("Tiga tag", tags=["banjir", "kenanga", "hujan"])
    one_tag_older = story("Satu tag, lebih lama", tags=["banjir"])
    two_tags = story("Dua tag", tags=["banjir", "kenanga"])
    story("Seksi sama, tanpa tag", in_section=section)
    story("Tidak berhubungan", tags=["pemilu"])
    story("Draf", tags=["banjir", "kenanga", "hujan"], status="draft")
    story("Terjadwal", tags=["banjir", "kenanga", "hujan"], publish_at=timezone.now() + timedelta(hours=1))
    story(
        "Kedaluwarsa",
        tags=["banjir", "kenanga", "hujan"],
        publish_at=timezone.now() - timedelta(days=2),
        expires_at=timezone.now() - timedelta(minutes=1),
    )

    related = client.get(current.get_absolute_url()).context["related"]

    # Four at most: the most shared tags first, ties newest first; the section's untagged story does not make it.
    assert related == [three_tags, two_tags, one_tag_newer, one_tag_older]


def test_related_stories_fall_back_to_the_section(client, make_article, section):
    current = make_article(headline="Tanpa tag")
    older = make_article(headline="Lebih lama", publish_at=timezone.now() - timedelta(days=2))
    newer = make_article(headline="Lebih baru", publish_at=timezone.now() - timedelta(minutes=5))
    make_article(headline="Seksi lain", section=Section.objects.create(name="Budaya", slug="budaya"))
    assert client.get(current.get_absolute_url()).context["related"] == [newer, older]


def test_related_stories_are_looked_for_around_the_story_only(client, make_article, section, monkeypatch):
    """The bound: only the stories published just before and just after the story are candidates, so a story
    sharing every tag but published far away in time is not offered (what readers lose for a constant cost)."""
    monkeypatch.setattr(querysets, "RELATED_WINDOW", 2)
    start = timezone.now() - timedelta(days=30)

    def story(headline, days, *, tags=("banjir",)):
        article = make_article(headline=headline, publish_at=start + timedelta(days=days))
        article.tags.add(*tags)
        return article

    far_before = story("Jauh sebelum", 0)
    story("Sebelum 2", 1, tags=())
    just_before = story("Tepat sebelum", 2)
    current = story("Cerita ini", 3)
    just_after = story("Tepat sesudah", 4)
    story("Sesudah 2", 5, tags=())
    far_after = story("Jauh sesudah", 6)

    related = client.get(current.get_absolute_url()).context["related"]

    assert just_before in related and just_after in related
    assert far_before not in related and far_after not in related


def test_staff_preview_of_a_draft_without_a_publish_time_still_renders(client, staff_user, make_article):
    draft = make_article(headline="Draf", status="draft", publish_at=None)
    draft.tags.add("banjir")
    make_article(headline="Terbit").tags.add("banjir")
    client.force_login(staff_user)
    response = client.get(reverse("articles:preview", args=[draft.pk]))
    assert response.status_code == 200
    assert [story.headline for story in response.context["related"]] == ["Terbit"]


# --- the front page's section blocks --------------------------------------------------------------------------


def test_section_blocks_take_each_sections_newest_however_old(client, make_article, section, uncached):
    """A quiet section's block still shows its newest stories when every recent story is in another section."""
    quiet = Section.objects.create(name="Budaya", slug="budaya", order=2)
    long_ago = timezone.now() - timedelta(days=400)
    quiet_stories = [
        make_article(headline=f"Budaya {n}", section=quiet, publish_at=long_ago - timedelta(hours=n)) for n in range(6)
    ]
    make_article(headline="Budaya draf", section=quiet, status="draft")
    make_article(
        headline="Budaya kedaluwarsa",
        section=quiet,
        publish_at=timezone.now() - timedelta(days=1),
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    busy = [make_article(headline=f"Kota {n}", publish_at=timezone.now() - timedelta(minutes=n)) for n in range(30)]

    page = client.get("/").context["front"]

    blocks = dict(page.sections)
    assert blocks[quiet] == quiet_stories[:4]
    assert blocks[section] == busy[:4]
    assert page.lead == busy[0] and page.top == busy[1:7]


def test_section_blocks_keep_their_pins_first(client, make_article, section, uncached):
    old_pinned = make_article(headline="Disematkan", publish_at=timezone.now() - timedelta(days=500))
    newest = [make_article(headline=f"Kota {n}", publish_at=timezone.now() - timedelta(minutes=n)) for n in range(10)]
    FrontPagePin.objects.create(article=old_pinned, slot="section", section=section)
    page = client.get("/").context["front"]
    assert dict(page.sections)[section] == [old_pinned, *newest[:3]]


def test_a_section_with_no_public_story_has_no_block(client, make_article, section, uncached):
    empty = Section.objects.create(name="Kosong", slug="kosong", order=3)
    make_article(headline="Draf", section=empty, status="draft")
    make_article(headline="Kota")
    page = client.get("/").context["front"]
    assert empty not in dict(page.sections)

"""The curated front page (pins, fill-in, section blocks, breaking banner) and related stories."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import BreakingNews, FrontPagePin, Section

pytestmark = pytest.mark.django_db


def front(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.context["front"], response.text


def test_unpinned_slots_fill_with_the_latest(client, make_article):
    """With no pins, the newest story leads and the next ones fill the top stories."""
    older = make_article(headline="Lama", publish_at=timezone.now() - timedelta(hours=5))
    newest = make_article(headline="Terbaru")
    page, _ = front(client)
    assert page.lead == newest and page.top == [older]


def test_pins_take_their_slots_in_order(client, make_article):
    """A pinned lead and ordered top pins come first; the rest fills with the latest, never twice."""
    stories = [make_article(headline=f"Cerita {n}", publish_at=timezone.now() - timedelta(hours=n)) for n in range(5)]
    FrontPagePin.objects.create(article=stories[4], slot="lead")
    FrontPagePin.objects.create(article=stories[3], slot="top", order=2)
    FrontPagePin.objects.create(article=stories[2], slot="top", order=1)
    page, _ = front(client)
    assert page.lead == stories[4]
    assert page.top[:2] == [stories[2], stories[3]]
    assert page.top[2:] == [stories[0], stories[1]]


def test_pin_of_an_unpublished_story_is_ignored(client, make_article):
    """Pinning never shows a story that published() does not allow."""
    live = make_article(headline="Terbit")
    draft = make_article(headline="Draf", status="draft")
    FrontPagePin.objects.create(article=draft, slot="lead")
    page, html = front(client)
    assert page.lead == live and "Draf" not in html


def test_pins_expire_at_their_time(client, make_article, time_machine, process_local_cache):
    """A pin with an end time stops applying then, with no job; the cached page follows."""
    time_machine.move_to(timezone.now(), tick=False)
    newest = make_article(headline="Terbaru")
    pinned = make_article(headline="Disematkan", publish_at=timezone.now() - timedelta(days=1))
    FrontPagePin.objects.create(article=pinned, slot="lead", pinned_until=timezone.now() + timedelta(minutes=2))
    assert front(client)[0].lead == pinned
    time_machine.move_to(timezone.now() + timedelta(minutes=2, seconds=1))
    assert client.get("/").context["front"].lead == newest


def test_section_blocks_show_the_newest_per_section_with_pins_first(client, make_article, section):
    """Each section block lists its pinned story, then its newest, at most four."""
    other = Section.objects.create(name="Budaya", slug="budaya", order=2)
    kota = [make_article(headline=f"Kota {n}", publish_at=timezone.now() - timedelta(hours=n)) for n in range(6)]
    budaya = make_article(headline="Budaya 0", section=other)
    FrontPagePin.objects.create(article=kota[5], slot="section", section=section)
    page, _ = front(client)
    blocks = dict(page.sections)
    assert blocks[section] == [kota[5], kota[0], kota[1], kota[2]]
    assert blocks[other] == [budaya]


def test_breaking_banner_shows_until_its_end(client, make_article, time_machine, process_local_cache):
    """The breaking-news banner is shown between its start and end times only."""
    time_machine.move_to(timezone.now(), tick=False)
    story = make_article(headline="Banjir")
    BreakingNews.objects.create(text="Banjir di Kenanga", article=story, ends_at=timezone.now() + timedelta(hours=1))
    _, html = front(client)
    assert "Banjir di Kenanga" in html and story.get_absolute_url() in html
    time_machine.move_to(timezone.now() + timedelta(hours=1, seconds=1))
    assert "Banjir di Kenanga" not in client.get("/").text


def test_front_page_runs_a_constant_number_of_queries(client, make_article, section):
    """The home page's queries do not grow with stories, pins or sections' contents."""

    def queries() -> int:
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    for number in range(3):
        make_article(headline=f"A {number}")
    small = queries()
    for number in range(30):
        story = make_article(headline=f"B {number}")
        if number < 5:
            FrontPagePin.objects.create(article=story, slot="top", order=number)
    assert queries() == small


def test_related_stories_share_tags_first(client, make_article, section):
    """Related stories are those sharing the most tags, then the same section; never the story itself."""
    other = Section.objects.create(name="Budaya", slug="budaya")
    story = make_article(headline="Banjir Kenanga")
    story.tags.add("banjir", "kenanga")
    two_tags = make_article(headline="Dua tag sama", section=other, publish_at=timezone.now() - timedelta(days=3))
    two_tags.tags.add("banjir", "kenanga")
    one_tag = make_article(headline="Satu tag sama", section=other, publish_at=timezone.now() - timedelta(days=1))
    one_tag.tags.add("banjir")
    same_section = make_article(headline="Seksi sama")
    make_article(headline="Tidak berhubungan", section=other)
    related = client.get(story.get_absolute_url()).context["related"]
    assert related == [two_tags, one_tag, same_section]

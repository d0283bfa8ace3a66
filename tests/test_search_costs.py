"""What the search page and the archive cost, and what the bounds that keep it low give readers.

- A search or archive page runs a handful of queries, the same for a small and a large archive, on any page.
- More matches than the pages show are counted as “more than N”; exactly N are counted as N.
- When a word matches more stories than are weighed (``search.MAX_RANKED``), the best of the newest come first;
  drafts and filtered-out stories never take a place among them.
- “Newest first” follows publication time; the archive's deep pages list the same stories an OFFSET would.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import search
from articles.models import Article, Byline, Contributor, Section
from articles.views import SearchView

pytestmark = pytest.mark.django_db
SEARCH = reverse("articles:search")
MAX_QUERIES = 6  # issue 22: at most six a page, whatever the archive's size


@pytest.fixture
def uncached(settings):
    """The view's own queries: no page cache around it."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(SearchView, "paginate_by", 2)


def headlines(client, **params) -> list[str]:
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return [article.headline for article in response.context["articles"]]


def queries(client, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(SEARCH, params).status_code == 200
    return len(captured)


def add_stories(make_article, numbers: range, **fields) -> None:
    """Stories with the commonest word in every one, and the section, topic and contributor lists filled."""
    contributor = Contributor.objects.get_or_create(name="Sekar Wulandari", slug="sekar")[0]
    for number in numbers:
        story = make_article(
            headline=f"Kabar kota {number}",
            body=f"<p>Warga berkumpul di balai {number}.</p>",
            publish_at=timezone.now() - timedelta(hours=number + 1),
            **fields,
        )
        story.tags.add(f"topik-{number % 7}")
        Byline.objects.create(article=story, contributor=contributor)
        Section.objects.get_or_create(name=f"Rubrik {number % 5}", slug=f"rubrik-{number % 5}")


PAGES = {  # name: (parameters, the last page of 8 stories, a deep page of 60)
    "the commonest word": ({"q": "warga"}, 4, 20),
    "the commonest word, newest first": ({"q": "warga", "sort": "newest"}, 4, 20),
    "a rare word": ({"q": "balai 7"}, 1, 1),
    "a filtered search": ({"q": "warga", "contributor": "sekar", "language": "id"}, 4, 20),
    "the archive": ({}, 4, 20),
    "the filtered archive": ({"language": "id", "tag": "topik-1"}, 1, 5),
}


@pytest.mark.parametrize(("params", "last_small", "deep_large"), PAGES.values(), ids=PAGES.keys())
def test_a_page_runs_the_same_few_queries_for_a_small_and_a_large_archive(
    client, make_article, uncached, small_pages, params, last_small, deep_large
):
    """Ranking, counting, the page's stories, the menu and the form's lists: at most six queries, the same number
    for 8 stories and for 60, on the first page as on a deep one."""
    add_stories(make_article, range(8))
    small = queries(client, params)
    assert small <= MAX_QUERIES
    assert queries(client, {**params, "page": str(last_small)}) == small
    add_stories(make_article, range(8, 60))
    assert queries(client, params) == small
    assert queries(client, {**params, "page": str(deep_large)}) == small


def test_the_count_is_exact_up_to_the_cap_and_more_than_past_it(client, make_article, uncached, monkeypatch):
    """Exactly as many matches as the cap are counted; one more is “more than” the cap, never the cap itself."""
    monkeypatch.setattr(search, "MAX_RESULTS", 3)
    for number in range(3):
        make_article(headline=f"Banjir {number}")
    page = client.get(SEARCH, {"q": "banjir"}).text
    assert "3 stories" in page and "More than" not in page
    make_article(headline="Banjir 3")
    page = client.get(SEARCH, {"q": "banjir"}).text
    assert "More than 3 stories" in page and "3 stories" not in page.replace("More than 3 stories", "")


def test_the_commonest_word_brings_its_best_match_first(client, make_article, uncached, monkeypatch):
    """With more matches than the pages show, the story with the word in its headline still comes first, and
    only the page shown is read."""
    monkeypatch.setattr(search, "MAX_RESULTS", 4)
    for number in range(3):
        make_article(headline=f"Kabar {number}", body="<p>Warga berkumpul di balai.</p>")
    make_article(headline="Warga membangun tanggul", body="<p>Warga bergotong royong.</p>")
    for number in range(3, 6):
        make_article(headline=f"Kabar {number}", body="<p>Warga berkumpul di balai.</p>")
    response = client.get(SEARCH, {"q": "warga"})
    assert "More than 4 stories" in response.text
    assert response.context["articles"][0].headline == "Warga membangun tanggul"


def test_past_the_weighed_matches_the_best_of_the_newest_come_first(client, make_article, uncached, monkeypatch):
    """A word matching more stories than are weighed ranks the newest of them: an older story with the word in its
    headline waits for words or filters that narrow the search."""
    monkeypatch.setattr(search, "MAX_RESULTS", 2)
    monkeypatch.setattr(search, "MAX_RANKED", 3)
    make_article(headline="Warga membangun tanggul")  # the oldest
    make_article(headline="Kabar satu", body="<p>Warga berkumpul.</p>")
    make_article(headline="Warga menanam pohon", body="<p>Di tepi kali.</p>")
    make_article(headline="Kabar dua", body="<p>Warga berkumpul.</p>")
    assert headlines(client, q="warga") == ["Warga menanam pohon", "Kabar dua"]
    assert headlines(client, q="warga tanggul") == ["Warga membangun tanggul"]


def test_newer_drafts_never_push_a_published_match_out_of_the_weighed_ones(
    client, make_article, uncached, monkeypatch, section
):
    """published() and the filters apply before the newest matches are picked: drafts written after the published
    story, more of them than are weighed, leave it in the results."""
    monkeypatch.setattr(search, "MAX_RANKED", 3)
    make_article(headline="Banjir di Kenanga")
    for number in range(5):
        make_article(headline=f"Banjir draf {number}", status=Article.Status.DRAFT)
    other = Section.objects.create(name="Olahraga", slug="olahraga")
    for number in range(5):
        make_article(headline=f"Banjir di lapangan {number}", section=other)
    assert headlines(client, q="banjir", section=section.slug) == ["Banjir di Kenanga"]
    assert headlines(client, q="banjir", section=section.slug, sort="newest") == ["Banjir di Kenanga"]


def test_newest_first_follows_publication_time_not_the_order_written(client, make_article, uncached):
    """A story written later but published earlier comes after the ones published since."""
    now = timezone.now()
    make_article(headline="Banjir pagi", publish_at=now - timedelta(hours=1))
    make_article(headline="Banjir kemarin", publish_at=now - timedelta(days=1))
    make_article(headline="Banjir siang", publish_at=now - timedelta(minutes=30))
    assert headlines(client, q="banjir", sort="newest") == ["Banjir siang", "Banjir pagi", "Banjir kemarin"]


def test_a_story_with_two_bylines_by_the_contributor_is_listed_once(client, make_article, uncached):
    """Filtering by a contributor who wrote and photographed a story lists it once, searched or not."""
    contributor = Contributor.objects.create(name="Sekar Wulandari", slug="sekar")
    story = make_article(headline="Banjir di Kenanga")
    Byline.objects.create(article=story, contributor=contributor, role="reporter", order=0)
    Byline.objects.create(article=story, contributor=contributor, role="photographer", order=1)
    make_article(headline="Banjir di pasar")
    for sort in ("relevance", "newest"):
        assert headlines(client, q="banjir", contributor="sekar", sort=sort) == ["Banjir di Kenanga"]
    assert headlines(client, contributor="sekar") == ["Banjir di Kenanga"]


def test_the_archives_deep_pages_list_the_stories_in_order(client, make_article, uncached, small_pages):
    """Page by page, the archive lists every published story once, newest first, filters applied."""
    now = timezone.now()
    for number in range(7):
        language = "en" if number % 2 else "id"
        make_article(headline=f"Kabar {number}", language=language, publish_at=now - timedelta(hours=number + 1))
    make_article(headline="Draf", status=Article.Status.DRAFT)
    pages = [headlines(client, page=str(page)) for page in range(1, 5)]
    assert pages == [["Kabar 0", "Kabar 1"], ["Kabar 2", "Kabar 3"], ["Kabar 4", "Kabar 5"], ["Kabar 6"]]
    assert headlines(client, language="en", page="2") == ["Kabar 5"]
    assert client.get(SEARCH, {"page": "5"}).status_code == 404


def test_the_menu_and_the_forms_lists_name_every_section_topic_and_contributor(client, make_article, uncached):
    """The section list and the menu come from one query, the topic and contributor lists from another: each
    still names everything, the chosen one selected."""
    Contributor.objects.create(name="Sekar Wulandari", slug="sekar")
    make_article().tags.add("banjir")
    Section.objects.create(name="Olahraga", slug="olahraga")
    page = client.get(SEARCH, {"section": "olahraga", "tag": "banjir", "contributor": "sekar"}).text
    for value, name in [("olahraga", "Olahraga"), ("banjir", "banjir"), ("sekar", "Sekar Wulandari")]:
        assert f'<option value="{value}" selected>{name}</option>' in page
    assert 'href="/seksi/olahraga/"' in page and 'href="/seksi/kota/"' in page

"""Search and filters: ranking, stemming, highlighting, the index following the story, and bad input."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import search
from articles.models import Article, ArticlePhoto, Byline, Contributor, Quote, Source

pytestmark = pytest.mark.django_db
SEARCH = reverse("articles:search")


def results(client, **params) -> list[str]:
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return [article.headline for article in response.context["articles"]]


def test_headline_match_ranks_above_body_match(client, make_article):
    """A story with the word in its headline comes before one with it only in the body."""
    make_article(headline="Rapat anggaran kota", body="<p>Isi lain.</p>")
    make_article(headline="Kabar kota", body="<p>Dewan membahas drainase dan trotoar.</p>")
    make_article(headline="Drainase baru di Kenanga", body="<p>Isi lain.</p>")
    assert results(client, q="drainase") == ["Drainase baru di Kenanga", "Kabar kota"]


def test_only_published_stories_are_found(client, make_article):
    """Drafts, scheduled and unpublished stories never appear in results."""
    make_article(headline="Banjir terbit")
    make_article(headline="Banjir draf", status=Article.Status.DRAFT)
    make_article(headline="Banjir nanti", publish_at=timezone.now() + timedelta(hours=1))
    make_article(headline="Banjir ditarik", status=Article.Status.UNPUBLISHED)
    assert results(client, q="banjir") == ["Banjir terbit"]


def test_index_follows_publish_unpublish_expiry_and_edits(client, make_article, time_machine):
    """The results change at once when a story is published, unpublished, expires or is edited."""
    time_machine.move_to(timezone.now(), tick=False)
    story = make_article(headline="Pasar Cempaka", status=Article.Status.DRAFT, publish_at=None)
    assert results(client, q="cempaka") == []
    story.status, story.publish_at = Article.Status.PUBLISHED, timezone.now() - timedelta(minutes=1)
    story.save()
    assert results(client, q="cempaka") == ["Pasar Cempaka"]
    story.headline = "Pasar Melati"
    story.save()
    assert results(client, q="cempaka") == [] and results(client, q="melati") == ["Pasar Melati"]
    story.expires_at = timezone.now() + timedelta(hours=1)
    story.save()
    time_machine.move_to(timezone.now() + timedelta(hours=2))
    assert results(client, q="melati") == []


def test_confirmed_quotes_and_speakers_are_searchable(client, make_article):
    """A confirmed quote's words and its speaker's name find the story; a proposed quote's do not."""
    story = make_article(headline="Kunjungan kerja")
    source = Source.objects.create(name="Ratna Kusumawardani")
    Quote.objects.create(article=story, text="Kami siap melayani warga", source=source, status="confirmed")
    Quote.objects.create(article=story, text="Rahasia negara bocor", status="proposed")
    assert results(client, q="Kusumawardani") == ["Kunjungan kerja"]
    assert results(client, q="melayani") == ["Kunjungan kerja"]
    assert results(client, q="bocor") == []


def test_matched_words_are_highlighted(client, make_article):
    """The matched word is wrapped in <mark> in the headline and the snippet, and nothing else is unescaped."""
    make_article(headline="Festival <b>budaya</b> Kenanga", body="<p>Ribuan warga datang ke festival.</p>")
    response = client.get(SEARCH, {"q": "festival"})
    html = response.text
    assert "<mark>Festival</mark>" in html or "<mark>festival</mark>" in html.lower()
    assert "<b>budaya</b>" not in html and "&lt;b&gt;" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's; SQLite uses prefixes")
def test_indonesian_stemming_on_postgresql(client, make_article):
    """On PostgreSQL, “berkomunikasi” finds a story that says “komunikasi”, and “kunjungan” finds “kunjung”."""
    make_article(headline="Pemkot perbaiki komunikasi dengan warga", language="id")
    make_article(headline="Wali kota berkunjung ke pasar", language="id")
    assert results(client, q="berkomunikasi") == ["Pemkot perbaiki komunikasi dengan warga"]
    assert "Wali kota berkunjung ke pasar" in results(client, q="kunjungan")


@pytest.mark.parametrize(
    "query",
    ['"', "*", "a OR b NOT c", "NEAR(x y)", "'; DROP TABLE articles_article; --", "x" * 5000, "%_%", "^^^", "()"],
)
def test_bad_query_strings_never_fail(client, make_article, query):
    """Operators, quotes, wildcards, SQL and huge strings give a page (results or a message), never a 500."""
    make_article(headline="Aman")
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"date_after": "2024-13-45"}, "date", "Enter a valid date."),
        ({"date_before": "kemarin"}, "date", "Enter a valid date."),
        ({"section": "x" * 10_000}, "section", "That value is too long."),
        ({"tag": "%"}, "tag", "Select a valid choice."),
        ({"language": "klingon"}, "language", "Select a valid choice."),
    ],
)
def test_bad_filter_values_give_a_message(client, make_article, params, field, message):
    """Malformed dates, a huge section, an unknown tag or language: the page says what is wrong and lists nothing."""
    make_article(headline="Berita yang dicari")
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    assert [error[: len(message)] for error in response.context["filter"].errors[field]] == [message]
    assert message in response.text
    assert "Berita yang dicari" not in response.text


@pytest.mark.parametrize("params", [{"has_photo": "mungkin"}, {"unknown": "value"}])
def test_meaningless_filter_values_are_ignored(client, make_article, params):
    """A value that means nothing to the archive is ignored: no message, and the story is listed."""
    make_article(headline="Berita yang dicari")
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    assert not response.context["filter"].errors
    assert "Berita yang dicari" in response.text


def test_a_page_number_below_one_is_not_found(client, make_article):
    make_article()
    assert client.get(SEARCH, {"page": "-1"}).status_code == 404


def test_filters_narrow_the_archive(client, make_article, make_photo, section):
    """Section, tag, contributor, language, dates and “has photo” each narrow the list."""
    from articles.models import Section

    other = Section.objects.create(name="Budaya", slug="budaya")
    rina = Contributor.objects.create(name="Rina", slug="rina")
    a = make_article(headline="Satu", section=section, language="id")
    b = make_article(headline="Dua", section=other, language="en", publish_at=timezone.now() - timedelta(days=40))
    a.tags.add("banjir")
    Byline.objects.create(article=b, contributor=rina)
    ArticlePhoto.objects.create(article=a, photo=make_photo())
    assert results(client, section="budaya") == ["Dua"]
    assert results(client, tag="banjir") == ["Satu"]
    assert results(client, contributor="rina") == ["Dua"]
    assert results(client, language="en") == ["Dua"]
    assert results(client, has_photo="true") == ["Satu"]
    assert results(client, has_photo="false") == ["Dua"]
    recent = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert results(client, date_after=recent) == ["Satu"]
    assert results(client, q="satu", section="kota") == ["Satu"]


def test_search_page_runs_a_constant_number_of_queries(client, make_article):
    """A search for a word in every story runs the same number of queries for 5 and for 40 stories."""

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(SEARCH, {"q": "warga", "page": "1"}).status_code == 200
        return len(captured)

    for number in range(5):
        make_article(headline=f"Warga {number}")
    small = queries()
    for number in range(5, 40):
        make_article(headline=f"Warga {number}")
    assert queries() == small


def test_pagination_keeps_the_query(client, make_article, settings):
    """Page links keep the search words and filters; a page past the end is 404."""
    from articles.views import SearchView

    for number in range(3):
        make_article(headline=f"Warga {number}")
    SearchView.paginate_by, original = 2, SearchView.paginate_by
    try:
        page = client.get(SEARCH, {"q": "warga", "language": "id"})
        assert "q=warga" in page.text and "language=id" in page.text and 'rel="next"' in page.text
        assert client.get(SEARCH, {"q": "warga", "page": "3"}).status_code == 404
    finally:
        SearchView.paginate_by = original


def test_rebuild_index_after_bulk_inserts(make_article):
    """rebuild_index() indexes every story (what seed_demo's bulk inserts rely on)."""
    make_article(headline="Tersimpan")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {search.TABLE}")
    assert search.ranked_ids("tersimpan") == []
    assert search.rebuild_index() == 1
    assert len(search.ranked_ids("tersimpan")) == 1


def test_terms_are_bounded():
    """A query keeps at most eight words of at most forty characters, and no operators."""
    assert search.terms('"a" OR b* NEAR(c) ' + "x" * 100) == ["a", "or", "b", "near", "c", "x" * 40]
    assert len(search.terms("w " * 50)) == 8


def test_quote_changes_reach_the_index(client, make_article):
    """Deleting or rejecting a confirmed quote takes its words out of search; a new proposal never adds them."""
    story = make_article(headline="Kutipan dan indeks")
    confirmed = Quote.objects.create(article=story, text="Jembatan gantung selesai", status="confirmed")
    Quote.objects.create(article=story, text="Rahasia trotoar baru", status="proposed")
    assert results(client, q="jembatan") == ["Kutipan dan indeks"]
    assert results(client, q="trotoar") == []
    confirmed.status = "rejected"
    confirmed.save()
    assert results(client, q="jembatan") == []
    confirmed.status = "confirmed"
    confirmed.save()
    confirmed.delete()
    assert results(client, q="jembatan") == []


def test_drafts_never_crowd_published_stories_out_of_the_ranking(client, make_article, section):
    """With more matching drafts than the ranking keeps, the published match is still found (filters rank first)."""
    Article.objects.bulk_create(
        Article(headline=f"Banjir rob draf {number}", slug=f"draf-{number}", section=section, body="<p>Banjir.</p>")
        for number in range(search.MAX_RESULTS + 1)
    )
    make_article(headline="Kabar kota", body="<p>Air banjir masuk rumah warga.</p>")
    search.rebuild_index()
    assert results(client, q="banjir") == ["Kabar kota"]


def test_a_filtered_search_loses_no_match_to_the_cap(client, make_article, monkeypatch, section):
    """A section filter applies inside the ranking: its matches are found even when other sections fill the cap."""
    from articles.models import Section

    monkeypatch.setattr(search, "MAX_RESULTS", 5)
    other = Section.objects.create(name="Olahraga", slug="olahraga")
    for number in range(8):
        make_article(headline=f"Banjir di lapangan {number}", section=other)
    make_article(headline="Banjir di Kenanga")
    assert results(client, q="banjir", section=section.slug) == ["Banjir di Kenanga"]


def test_a_count_past_the_cap_says_more_than(client, make_article, monkeypatch):
    """More matches than the ranking keeps are counted as “more than N”, not N."""
    monkeypatch.setattr(search, "MAX_RESULTS", 3)
    for number in range(5):
        make_article(headline=f"Banjir {number}")
    response = client.get(SEARCH, {"q": "banjir"})
    assert "More than 3 stories" in response.text
    assert len(response.context["articles"]) == 3
    monkeypatch.setattr(search, "MAX_RESULTS", 10)
    response = client.get(SEARCH, {"q": "banjir", "language": "id"})  # another address than the cached page
    assert "5 stories" in response.text and "More than" not in response.text


def test_a_renamed_source_is_found_by_the_new_name_only(client, make_article):
    """Renaming a quoted source re-indexes its stories: the new name finds them, the old one no longer does."""
    story = make_article(headline="Rapat pompa")
    source = Source.objects.create(name="Budi Hartono")
    Quote.objects.create(article=story, text="Pompa siap dipakai", source=source, status="confirmed")
    assert results(client, q="hartono") == ["Rapat pompa"]
    source.name = "Budi Santoso"
    source.save()
    assert results(client, q="santoso") == ["Rapat pompa"]
    assert results(client, q="hartono") == []


def test_merged_sources_are_found_by_the_kept_name(client, make_article):
    """After a merge the quotes of the duplicate are found under the kept source's name, not the duplicate's."""
    from articles.services.sources import merge_sources

    story = make_article(headline="Rapat drainase")
    keep = Source.objects.create(name="Muhammad Jatmika")
    duplicate = Source.objects.create(name="Muh. Jatmiko")
    Quote.objects.create(article=story, text="Saluran dibersihkan", source=duplicate, status="confirmed")
    assert results(client, q="jatmiko") == ["Rapat drainase"]
    merge_sources(keep=keep, duplicates=[duplicate])
    assert results(client, q="jatmika") == ["Rapat drainase"]
    assert results(client, q="jatmiko") == []


def test_bylines_are_searchable_and_follow_renames(client, make_article):
    """A reporter's name finds their stories; renaming the contributor re-indexes them."""
    story = make_article(headline="Pasar malam dibuka")
    contributor = Contributor.objects.create(name="Sekar Wulandari", slug="sekar")
    Byline.objects.create(article=story, contributor=contributor)
    assert results(client, q="wulandari") == ["Pasar malam dibuka"]
    contributor.name = "Sekar Ayuningtyas"
    contributor.save()
    assert results(client, q="ayuningtyas") == ["Pasar malam dibuka"]
    assert results(client, q="wulandari") == []
    Byline.objects.filter(article=story).delete()
    assert results(client, q="ayuningtyas") == []


def test_rebuild_search_index_command_finds_stories_loaded_without_signals(make_article):
    """After a raw load (loaddata, a restore) the index is empty for those stories; the command fills it."""
    article = make_article(headline="Pompa air Kali Kenanga")
    search.remove_articles([article.pk])
    assert search.ranked_ids("kenanga") == []
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Indexed 1 stories." in out.getvalue()
    assert search.ranked_ids("kenanga") == [article.pk]

"""Search and filters: ranking, stemming, highlighting, the index following the story, and bad input."""

import io
import re
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


def test_indonesian_stemming_finds_other_forms_of_a_word(client, make_article):
    """“berkomunikasi” finds a story that says “komunikasi”, and “kunjungan” finds “berkunjung” (both databases)."""
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
        ({"date_after": "2024-13-45"}, "date_after", "Enter a valid date."),
        ({"date_before": "kemarin"}, "date_before", "Enter a valid date."),
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
    assert results(client, date_before=recent) == ["Dua"]
    assert results(client, q="satu", section="kota") == ["Satu"]


@pytest.mark.parametrize("sort", ["relevance", "newest"])
def test_search_page_runs_a_constant_number_of_queries(client, make_article, sort):
    """A search for a word in every story runs the same number of queries for 5 and for 40 stories, either order,
    snippets and marks included."""

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(SEARCH, {"q": "warganya", "page": "1", "sort": sort})
            assert response.status_code == 200 and "<mark>" in response.text
        return len(captured)

    body = "<p>Air naik sejak pagi.</p><p>Pantauan di lokasi: warganya mengungsi ke masjid.</p>"
    for number in range(5):
        make_article(headline=f"Warga {number}", body=body)
    small = queries()
    for number in range(5, 40):
        make_article(headline=f"Warga {number}", body=body)
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


@pytest.fixture
def affixed_stories(make_article):
    """Stories saying the plain roots, and one about something else."""
    return {
        "pompa": make_article(headline="Pompa air Kali Kenanga rusak", language="id"),
        "banjir": make_article(headline="Kabar dari Kenanga", body="<p>Air banjir masuk ke rumah warga.</p>"),
        "bangun": make_article(headline="Warga bangun tanggul", dek="Tanggul darurat di tepi kali."),
        "other": make_article(headline="Pasar malam dibuka", body="<p>Pedagang menata lapak sejak sore.</p>"),
    }


@pytest.mark.parametrize(("query", "root"), [("pompanya", "pompa"), ("kebanjiran", "banjir"), ("dibangun", "bangun")])
def test_affixed_words_find_their_root(client, affixed_stories, query, root):
    """“pompanya”, “kebanjiran” and “dibangun” find the stories saying “pompa”, “banjir” and “bangun”, and only them."""
    assert results(client, q=query) == [affixed_stories[root].headline]


def test_stemming_reaches_quotes_and_keeps_exact_names(client, make_article):
    """A quote's “dibersihkan” is found by “pembersihan”; a name is still found as written and by its start."""
    story = make_article(headline="Rapat warga")
    source = Source.objects.create(name="Ratna Kusumawardani")
    Quote.objects.create(article=story, text="Saluran sudah dibersihkan", source=source, status="confirmed")
    make_article(headline="Kabar lain")
    assert results(client, q="pembersihan") == ["Rapat warga"]
    assert results(client, q="Kusumawardani") == ["Rapat warga"]
    assert results(client, q="ratna kusuma") == ["Rapat warga"]


def test_english_stories_keep_english_stemming(client, make_article):
    """In an English story, “floods” finds “flooding” and “pumps” finds “pumped”."""
    make_article(headline="Flooding closes the ring road", body="<p>Crews pumped water all night.</p>", language="en")
    make_article(headline="Night market opens", language="en")
    assert results(client, q="floods") == ["Flooding closes the ring road"]
    assert results(client, q="pumps") == ["Flooding closes the ring road"]


def test_only_the_last_word_matches_by_its_start(client, make_article):
    """“pasar dibuka” finds “Pasar malam dibuka” but not “Pasaraya dibuka”: only the word being typed is a prefix."""
    make_article(headline="Pasaraya dibuka")
    make_article(headline="Pasar malam dibuka")
    assert results(client, q="pasar dibuka") == ["Pasar malam dibuka"]
    assert set(results(client, q="pasar dib")) == {"Pasar malam dibuka"}
    assert set(results(client, q="pasar")) == {"Pasar malam dibuka", "Pasaraya dibuka"}


def test_sort_newest_orders_matches_by_publish_time(client, make_article):
    """With sort=newest the matches come newest first, whatever their rank; without it, the best match first."""
    now = timezone.now()
    make_article(headline="Banjir banjir banjir", publish_at=now - timedelta(days=3))
    make_article(headline="Rapat kota", body="<p>Soal banjir.</p>", publish_at=now - timedelta(hours=2))
    make_article(headline="Kabar banjir", publish_at=now - timedelta(days=1))
    make_article(headline="Pasar malam", publish_at=now - timedelta(minutes=5))
    assert results(client, q="banjir")[0] == "Banjir banjir banjir"
    assert results(client, q="banjir", sort="newest") == ["Rapat kota", "Kabar banjir", "Banjir banjir banjir"]
    assert results(client, sort="newest")[0] == "Pasar malam"


def test_sort_is_a_field_of_the_form_and_of_the_cached_address(client, make_article):
    """The sort choice is in the form (relevance or newest) and two sorts are two cached pages, not one."""
    from articles.cache import query_parameter_names
    from articles.filters import StoryFilter

    assert "sort" in query_parameter_names(StoryFilter().form)
    make_article(headline="Banjir lama", publish_at=timezone.now() - timedelta(days=2))
    make_article(headline="Kabar kota", body="<p>Banjir.</p>")
    assert results(client, q="banjir") == ["Banjir lama", "Kabar kota"]
    assert results(client, q="banjir", sort="newest") == ["Kabar kota", "Banjir lama"]
    html = client.get(SEARCH, {"q": "banjir", "sort": "newest"}).text
    assert 'name="sort"' in html and "Newest first" in html and "Relevance" in html


def test_snippets_keep_sentences_apart(client, make_article):
    """The snippet shows the sentence with the word, whole: paragraphs are never glued (“tambahnya.Pantauan”)."""
    make_article(
        headline="Kabar Kenanga",
        body="<p>Air naik sejak pagi, tambahnya.</p><p>Pantauan di lokasi menunjukkan pompa air bekerja.</p>",
    )
    response = client.get(SEARCH, {"q": "pompanya"})
    snippet = response.context["articles"][0].highlight.snippet
    assert snippet == "Pantauan di lokasi menunjukkan <mark>pompa</mark> air bekerja."
    response = client.get(SEARCH, {"q": "tambahnya pantauan"})
    snippet = response.context["articles"][0].highlight.snippet
    assert "tambahnya.Pantauan" not in snippet and "tambahnya.</mark> <mark>Pantauan" not in snippet
    assert "tambahnya</mark>. … <mark>Pantauan" in snippet


def test_headline_marks_other_forms_of_the_word(client, make_article):
    """The headline marks the words that matched, in any form of their root, and escapes the rest."""
    make_article(headline="Kebanjiran, warga <Kenanga> mengungsi")
    response = client.get(SEARCH, {"q": "banjir"})
    assert response.context["articles"][0].highlight.headline == (
        "<mark>Kebanjiran</mark>, warga &lt;Kenanga&gt; mengungsi"
    )


class _Labels(__import__("html.parser").parser.HTMLParser):
    """The form controls of a page and the labels that name them."""

    def __init__(self):
        super().__init__()
        self.controls, self.labelled, self.in_details, self.details_open = [], set(), [], []
        self._details = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "details":
            self._details += 1
            self.details_open.append("open" in attrs)
        elif tag == "label" and attrs.get("for"):
            self.labelled.add(attrs["for"])
        elif tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit", "button"):
            self.controls.append(attrs)
            if self._details:
                self.in_details.append(attrs.get("name"))

    def handle_endtag(self, tag):
        if tag == "details":
            self._details -= 1


def parse_form(html: str) -> _Labels:
    parser = _Labels()
    parser.feed(html)
    return parser


def test_every_input_has_a_label(client, make_article):
    """Every input and list on the search page is named by a label (or aria-label): each date has its own."""
    make_article()
    page = parse_form(client.get(SEARCH, {"q": "berita"}).text)
    names = {control.get("name") for control in page.controls}
    assert {"q", "section", "tag", "contributor", "language", "date_after", "date_before", "has_photo", "sort"} <= names
    unlabelled = [
        control.get("name")
        for control in page.controls
        if control.get("id") not in page.labelled and not control.get("aria-label")
    ]
    assert unlabelled == []


def test_date_inputs_are_labelled_from_and_to(client):
    """The date range is two date inputs labelled “From” and “To”, named as links name them (date_after/_before)."""
    html = client.get(SEARCH).text
    labels = dict(re.findall(r'<label\s+for="(id_date_\w+)"[^>]*>\s*(\w+)', html))
    assert labels == {"id_date_after": "From", "id_date_before": "To"}
    assert 'type="date" name="date_after"' in html and 'type="date" name="date_before"' in html


def test_filters_fold_and_open_when_in_use(client, make_article, section):
    """The filters sit in a folded <details> under the words box; it is open when a filter is in use."""
    make_article()
    page = parse_form(client.get(SEARCH, {"q": "berita"}).text)
    assert page.details_open == [False]
    assert "q" not in page.in_details and {"section", "tag", "date_after", "sort"} <= set(page.in_details)
    assert parse_form(client.get(SEARCH, {"q": "berita", "section": section.slug}).text).details_open == [True]
    assert parse_form(client.get(SEARCH, {"q": "berita", "sort": "newest"}).text).details_open == [False]
    # The form sent as it came (every list on “Any”, no date): nothing is in use, so it stays folded.
    defaults = dict.fromkeys(("section", "tag", "contributor", "language", "date_after", "date_before"), "")
    sent = {"q": "berita", "has_photo": "unknown", "sort": "relevance", **defaults}
    assert parse_form(client.get(SEARCH, sent).text).details_open == [False]
    assert parse_form(client.get(SEARCH, {**sent, "has_photo": "true"}).text).details_open == [True]


def test_results_come_before_nothing_but_the_words_box(client, make_article):
    """In the page, the first result follows the form; the folded filters come before it only as one summary line."""
    make_article(headline="Banjir Kenanga")
    html = client.get(SEARCH, {"q": "banjir"}).text
    assert html.index('name="q"') < html.index("<summary") < html.index("search-result")


def test_topics_are_sorted_for_readers(client, make_article):
    """Topics are listed alphabetically ignoring case and accents, names in other scripts last."""
    story = make_article()
    story.tags.add("zebra", "Москва", "banjir", "Ékonomi", "apel", "Cuaca")
    html = client.get(SEARCH).text
    select = html[html.index('name="tag"') : html.index("</select>", html.index('name="tag"'))]
    names = [option.split(">", 1)[1] for option in select.split("<option")[2:]]
    assert [name.split("<")[0] for name in names] == ["apel", "banjir", "Cuaca", "Ékonomi", "zebra", "Москва"]


def test_section_choices_show_the_name_in_the_page_language(client, make_article, section, settings):
    """On /en/ the section list shows the sections' English names; at / the Indonesian ones."""
    settings.LANGUAGE_CODE = "id"
    section.name_en = "City"
    section.save()
    assert ">City</option>" in client.get("/en" + SEARCH).text
    indonesian = client.get(SEARCH).text
    assert f">{section.name}</option>" in indonesian and ">City</option>" not in indonesian

"""Sources: merging duplicates, readers' source pages and quote search, and the editors' “who gets quoted” report."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, translate_url
from django.utils import timezone, translation

from articles.models import Article, Quote, Section, Source, SourceTitle
from articles.services.sources import merge_sources

pytestmark = pytest.mark.django_db

CONFIRMED, PROPOSED, REJECTED = Quote.Status.CONFIRMED, Quote.Status.PROPOSED, Quote.Status.REJECTED
SEARCH = reverse("articles:quote_search")
REPORT = reverse("articles:source_report")


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


def quote(article, source, text, status=CONFIRMED, **fields):
    return Quote.objects.create(article=article, source=source, text=text, status=status, **fields)


@pytest.fixture
def in_english():
    """Requests in English (Django's own form messages are translated on Indonesian pages); Indonesian after."""
    yield {"accept-language": "en"}
    translation.activate("id")


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(queries)


# --- merging -----------------------------------------------------------------------------------------------------


def test_merging_keeps_every_quote_and_title(make_article):
    """Merging moves every quote and title to the record kept, widening shared titles' dates, and deletes the rest."""
    keep = Source.objects.create(name="Ratna Kusumawardani", organisation="Pemkot Kenanga")
    twin = Source.objects.create(name="ratna kusumawardani", source_type="government", status="confirmed")
    third = Source.objects.create(name="Ratna K.")
    story, other = make_article(), make_article(status=Article.Status.DRAFT, publish_at=None)
    quotes = [
        quote(story, keep, "Kami kebut perbaikannya."),
        quote(story, twin, "Pompa sudah tua.", status=PROPOSED),
        quote(other, twin, "Suku cadang sulit dicari.", status=REJECTED),
        quote(other, third, "Kami siap."),
    ]
    SourceTitle.objects.create(
        source=keep, title="Kepala Dinas", first_seen=date(2025, 3, 1), last_seen=date(2025, 4, 1)
    )
    SourceTitle.objects.create(
        source=twin, title="Kepala Dinas", first_seen=date(2025, 1, 1), last_seen=date(2025, 2, 1)
    )
    SourceTitle.objects.create(
        source=third, title="Plt Kepala Dinas", first_seen=date(2024, 1, 1), last_seen=date(2024, 5, 1)
    )

    moved = merge_sources(keep=keep, duplicates=[twin, third, keep])

    assert moved == {"quotes": 3, "titles": 1, "sources": 2}
    assert Quote.objects.count() == 4
    assert set(Quote.objects.values_list("source", flat=True)) == {keep.pk}
    assert {q.pk for q in keep.quotes.all()} == {q.pk for q in quotes}
    assert list(Source.objects.values_list("pk", flat=True)) == [keep.pk]
    titles = {t.title: (t.first_seen, t.last_seen) for t in keep.titles.all()}
    assert titles == {
        "Kepala Dinas": (date(2025, 1, 1), date(2025, 4, 1)),
        "Plt Kepala Dinas": (date(2024, 1, 1), date(2024, 5, 1)),
    }
    keep.refresh_from_db()
    assert (keep.organisation, keep.source_type, keep.status) == ("Pemkot Kenanga", "government", "confirmed")


def test_merge_action_asks_which_record_to_keep(client, people, make_article):
    """The admin action shows an intermediate page to choose the record kept, then merges into it."""
    keep, twin = Source.objects.create(name="Budi Santoso"), Source.objects.create(name="Budi  Santoso")
    quote(make_article(), twin, "Kami lelah mengungsi.")
    client.force_login(people["editor"])
    url = reverse("admin:articles_source_changelist")
    selected = {"action": "merge_selected_sources", "_selected_action": [keep.pk, twin.pk]}
    page = client.post(url, selected)
    assert page.status_code == 200 and 'name="keep"' in page.text
    assert Source.objects.count() == 2
    done = client.post(url, {**selected, "apply": "1", "keep": keep.pk})
    assert done.status_code == 302
    assert list(Source.objects.all()) == [keep]
    assert keep.quotes.get().text == "Kami lelah mengungsi."


def test_reporters_cannot_merge_sources(client, people):
    """Merging changes sources: the action is not offered to reporters, and posting it changes nothing."""
    a, b = Source.objects.create(name="Sari"), Source.objects.create(name="sari")
    client.force_login(people["reporter"])
    url = reverse("admin:articles_source_changelist")
    client.post(url, {"action": "merge_selected_sources", "_selected_action": [a.pk, b.pk], "apply": "1", "keep": a.pk})
    assert Source.objects.count() == 2


# --- readers' pages ----------------------------------------------------------------------------------------------


@pytest.fixture
def quoted(make_article):
    """Ratna quoted in a published story (confirmed, proposed, rejected), a draft, a scheduled and an expired story."""
    ratna = Source.objects.create(
        name="Ratna Kusumawardani", title="Kepala Dinas SDA", organisation="Pemkot Kenanga", source_type="government"
    )
    public = make_article(headline="Pompa banjir diperbaiki")
    quote(public, ratna, "Kami kebut perbaikan pompa.", position=1)
    quote(public, ratna, "Kutipan yang belum dicek.", status=PROPOSED, position=2)
    quote(public, ratna, "Kutipan yang ditolak.", status=REJECTED, position=3)
    quote(make_article(headline="Draf rahasia", status=Article.Status.DRAFT, publish_at=None), ratna, "Kutipan draf.")
    quote(make_article(headline="Terjadwal", publish_at=timezone.now() + timedelta(hours=2)), ratna, "Kutipan nanti.")
    expired = make_article(headline="Kedaluwarsa", publish_at=days_ago(3), expires_at=days_ago(1))
    quote(expired, ratna, "Kutipan kedaluwarsa.")
    return {"ratna": ratna, "public": public}


HIDDEN = [
    "Kutipan yang belum dicek.",
    "Kutipan yang ditolak.",
    "Kutipan draf.",
    "Kutipan nanti.",
    "Kutipan kedaluwarsa.",
]


def test_source_page_lists_only_confirmed_quotes_of_published_stories(client, quoted):
    """The source page shows the confirmed quote of the published story, linked to the story, and nothing else."""
    response = client.get(quoted["ratna"].get_absolute_url())
    assert response.status_code == 200
    assert [q.text for q in response.context["quotes"]] == ["Kami kebut perbaikan pompa."]
    assert quoted["public"].get_absolute_url() in response.text
    assert "Kepala Dinas SDA" in response.text and "Pemkot Kenanga" in response.text
    for text in [*HIDDEN, "Draf rahasia", "Terjadwal", "Kedaluwarsa"]:
        assert text not in response.text


def test_source_without_public_quotes_has_no_page(client, make_article):
    """A source quoted only in drafts, or not at all, is a 404, as is an unknown id."""
    hidden = Source.objects.create(name="Narasumber Rahasia")
    quote(make_article(status=Article.Status.DRAFT, publish_at=None), hidden, "Hanya di draf.")
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(reverse("articles:source", args=[999999])).status_code == 404


def test_quote_search_lists_only_public_quotes(client, quoted):
    """With no filter, the search lists every public quote and none of the hidden ones."""
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert [q.text for q in response.context["quotes"]] == ["Kami kebut perbaikan pompa."]
    for text in HIDDEN:
        assert text not in response.text
    assert 'method="get"' in response.text.lower()


@pytest.fixture
def searchable(make_article, section):
    """Four public quotes by three kinds of source in two sections on different days."""
    economy = Section.objects.create(name="Ekonomi", slug="ekonomi", order=2)
    ratna = Source.objects.create(name="Ratna Kusumawardani", organisation="Pemkot Kenanga", source_type="government")
    joko = Source.objects.create(name="Jokó Widagdo", organisation="Universitas Kenanga", source_type="expert")
    sari = Source.objects.create(name="Sari Dewi", source_type="citizen")
    city = make_article(publish_at=days_ago(10))
    market = make_article(section=economy, publish_at=days_ago(2))
    quote(city, ratna, "Pompa baru dipasang pekan depan.")
    quote(city, joko, "Curah hujan tahun ini di atas rata-rata.")
    quote(market, sari, "Harga cabai naik dua kali lipat.")
    quote(market, ratna, "Pasar direnovasi tahun depan.")
    return {"city": city, "market": market}


def found(client, **params) -> set[str]:
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return {q.text for q in response.context["quotes"]}


def test_quote_search_filters(client, searchable):
    """Speaker (any case or accent), organisation, kind of source, section, dates and words each narrow the list."""
    today = timezone.localdate()
    assert found(client, speaker="joko") == {"Curah hujan tahun ini di atas rata-rata."}
    assert found(client, speaker="RATNA  kusumawardani") == {
        "Pompa baru dipasang pekan depan.",
        "Pasar direnovasi tahun depan.",
    }
    assert found(client, organisation="universitas") == {"Curah hujan tahun ini di atas rata-rata."}
    assert found(client, source_type="citizen") == {"Harga cabai naik dua kali lipat."}
    assert found(client, section="ekonomi") == {"Harga cabai naik dua kali lipat.", "Pasar direnovasi tahun depan."}
    assert found(client, date_from=f"{today - timedelta(days=5):%Y-%m-%d}") == {
        "Harga cabai naik dua kali lipat.",
        "Pasar direnovasi tahun depan.",
    }
    assert found(client, date_to=f"{today - timedelta(days=5):%Y-%m-%d}", text="HUJAN") == {
        "Curah hujan tahun ini di atas rata-rata."
    }
    assert found(client, speaker="ratna", section="kota") == {"Pompa baru dipasang pekan depan."}


BAD_VALUES = [
    ({"text": "x" * 5000}, "at most 200 characters"),
    ({"speaker": "y" * 500}, "at most 120 characters"),
    ({"date_from": "2024-13-45"}, "Enter a valid date"),
    ({"date_to": "99999-01-01"}, "Enter a valid date"),
    ({"date_from": "2025-05-02", "date_to": "2025-05-01"}, "before the “from” date"),
    ({"text": "pomp*"}, "Leave out *, % and _"),
    ({"speaker": "%ratna%"}, "Leave out *, % and _"),
    ({"organisation": "pem_kot"}, "Leave out *, % and _"),
    ({"section": "tidak-ada'; DROP TABLE"}, "Select a valid choice"),
    ({"source_type": "alien"}, "Select a valid choice"),
    ({"text": "nul\x00byte"}, "Null characters are not allowed"),
]


@pytest.mark.parametrize(("params", "message"), BAD_VALUES)
def test_bad_filter_values_give_a_clear_message_never_a_query(client, searchable, in_english, params, message):
    """A bad filter value is shown as an error on the page with no results, and never reaches the database."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, params, headers=in_english)
    assert response.status_code == 200
    assert message in response.text
    assert "nothing was searched" in response.text
    assert list(response.context["quotes"]) == []
    bad = next(iter(params.values()))
    executed = " ".join(str(q["sql"]) for q in queries.captured_queries)
    assert bad[:20] not in executed


def test_unknown_keys_are_named_and_ignored(client, searchable, in_english):
    """Query keys that are not filters are listed in a notice; the valid filters still apply."""
    response = client.get(SEARCH, {"utm_source": "x", "<script>": "1", "section": "ekonomi"}, headers=in_english)
    assert response.status_code == 200
    assert "not search options and were ignored" in response.text
    assert "utm_source" in response.text and "&lt;script&gt;" in response.text and "<script>" not in response.text
    assert len(response.context["quotes"]) == 2


def test_quote_search_is_paginated_keeping_the_filters(client, make_article, settings):
    """Results come a page at a time; page links keep the filters; a page past the end is a 404."""
    from articles.quote_views import QuoteSearchView

    source = Source.objects.create(name="Ratna Kusumawardani", source_type="government")
    for number in range(5):
        quote(make_article(), source, f"Kutipan nomor {number} tentang banjir.")
    QuoteSearchView.paginate_by, original = 2, QuoteSearchView.paginate_by
    try:
        first = client.get(SEARCH, {"text": "banjir"})
        assert len(first.context["quotes"]) == 2 and first.context["paginator"].count == 5
        assert "?text=banjir&amp;page=2" in first.text
        assert len(client.get(SEARCH, {"text": "banjir", "page": 3}).context["quotes"]) == 1
        assert client.get(SEARCH, {"text": "banjir", "page": 4}).status_code == 404
        assert client.get(SEARCH, {"page": "99999999999999999999"}).status_code == 404
    finally:
        QuoteSearchView.paginate_by = original


def test_source_page_and_quote_search_run_a_constant_number_of_queries(client, make_article):
    """The source page, the search and a filtered search cost the same queries for 3 and for 30 quoted stories."""
    source = Source.objects.create(name="Ratna Kusumawardani", organisation="Pemkot Kenanga", source_type="government")
    other = Source.objects.create(name="Joko Widagdo", source_type="expert")

    def add_stories(count):
        for _ in range(count):
            story = make_article()
            quote(story, source, "Kami kebut perbaikan pompa.")
            quote(story, other, "Curah hujan di atas rata-rata.")

    urls = {
        "source": (source.get_absolute_url(), {}),
        "search": (SEARCH, {}),
        "filtered": (SEARCH, {"speaker": "ratna", "section": "kota", "date_from": "2020-01-01"}),
    }
    add_stories(3)
    small = {name: count_queries(client, url, params) for name, (url, params) in urls.items()}
    add_stories(27)
    large = {name: count_queries(client, url, params) for name, (url, params) in urls.items()}
    assert small == large
    assert max(large.values()) <= 6, large


# --- the report --------------------------------------------------------------------------------------------------


@pytest.fixture
def known_set(make_article, section):
    """A known period: five published stories in two sections, plus quotes the report must not count."""
    economy = Section.objects.create(name="Ekonomi", slug="ekonomi", order=2)
    andi = Source.objects.create(name="Andi", organisation="Pemkot Kenanga", source_type="government")
    budi = Source.objects.create(name="Budi", organisation="Pemkot Kenanga", source_type="government")
    citra = Source.objects.create(name="Citra", organisation="Universitas Kenanga", source_type="expert")
    dewi = Source.objects.create(name="Dewi", source_type="citizen")
    eko = Source.objects.create(name="Eko", organisation="DPRD Kenanga")  # not classified yet
    s1 = make_article(headline="S1 dua narasumber", publish_at=days_ago(1))
    quote(s1, andi, "a1")
    quote(s1, andi, "a2")
    quote(s1, citra, "c1")
    quote(s1, budi, "b-proposed", status=PROPOSED)
    s2 = make_article(headline="S2 satu narasumber", publish_at=days_ago(2))
    quote(s2, andi, "a3")
    make_article(headline="S3 tanpa narasumber", publish_at=days_ago(3))
    s4 = make_article(headline="S4 satu narasumber", publish_at=days_ago(4))
    quote(s4, dewi, "d1")
    quote(s4, None, "tanpa nama")
    s5 = make_article(headline="S5 ekonomi", section=economy, publish_at=days_ago(5))
    quote(s5, eko, "e1")
    quote(s5, budi, "b1")
    quote(s5, budi, "b-rejected", status=REJECTED)
    quote(make_article(headline="Lama", publish_at=days_ago(60)), andi, "old")  # before the period
    quote(make_article(headline="Draf", status=Article.Status.DRAFT, publish_at=None), citra, "draft")
    today = timezone.localdate()
    return {"start": f"{today - timedelta(days=10):%Y-%m-%d}", "end": f"{today:%Y-%m-%d}"}


def rows(shares) -> list[tuple]:
    return [(row.label, row.quotes, row.share) for row in shares]


def test_report_figures_on_a_known_set(client, people, known_set, in_english):
    """Shares by kind and organisation, top sources and thin stories match the known set exactly."""
    client.force_login(people["editor"])
    report = client.get(REPORT, known_set, headers=in_english).context["report"]
    assert (report.quotes, report.stories) == (8, 5)
    assert rows(report.by_type) == [
        ("Government official", 4, 50.0),
        ("Citizen", 1, 12.5),
        ("Expert", 1, 12.5),
        ("Not classified yet", 1, 12.5),
        ("Speaker unknown", 1, 12.5),
    ]
    assert rows(report.by_organisation) == [
        ("Pemkot Kenanga", 4, 50.0),
        ("No organisation given", 2, 25.0),
        ("DPRD Kenanga", 1, 12.5),
        ("Universitas Kenanga", 1, 12.5),
    ]
    assert [(r.label, r.quotes, r.share, r.stories) for r in report.top_sources] == [
        ("Andi", 3, 37.5, 2),
        ("Budi", 1, 12.5, 1),
        ("Citra", 1, 12.5, 1),
        ("Dewi", 1, 12.5, 1),
        ("Eko", 1, 12.5, 1),
    ]
    assert report.thin_total == 3
    assert [(t.article.headline, t.sources, t.only_source) for t in report.thin_stories] == [
        ("S2 satu narasumber", 1, "Andi"),
        ("S3 tanpa narasumber", 0, ""),
        ("S4 satu narasumber", 1, "Dewi"),
    ]


def test_report_for_one_section(client, people, known_set, in_english):
    """Choosing a section counts only its stories' quotes."""
    client.force_login(people["chief_editor"])
    report = client.get(REPORT, {**known_set, "section": "kota"}, headers=in_english).context["report"]
    assert (report.quotes, report.stories, report.thin_total) == (6, 4, 3)
    assert rows(report.by_type) == [
        ("Government official", 3, 50.0),
        ("Citizen", 1, 16.7),
        ("Expert", 1, 16.7),
        ("Speaker unknown", 1, 16.7),
    ]


def test_report_page_draws_the_chart_and_downloads_csv(client, people, known_set, in_english):
    """The page has an SVG bar chart with unlocalised widths, and the CSV holds the same figures."""
    client.force_login(people["editor"])
    html = client.get(translate_url(REPORT, "id"), known_set).text
    assert html.count("<svg") == 2 and '<rect x="240" y="5" width="320.0"' in html
    assert 'width="80.0"' in html  # 1 quote against the longest bar of 4
    response = client.get(REPORT, {**known_set, "export": "csv"}, headers=in_english)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.content.decode())))
    assert table[0] == ["table", "label", "detail", "count", "share_percent"]
    assert ["source_type", "Government official", "", "4", "50.0"] in table
    assert ["organisation", "No organisation given", "", "2", "25.0"] in table
    assert ["top_source", "Andi", "Pemkot Kenanga", "3", "37.5"] in table
    assert sum(row[0] == "story_one_or_no_source" for row in table) == 3


def test_report_csv_cells_never_start_a_formula(client, people, make_article):
    """A source name starting with “=” is written as text in the CSV, not as a spreadsheet formula."""
    quote(make_article(), Source.objects.create(name="=HYPERLINK(1)", source_type="other"), "Kutipan.")
    client.force_login(people["editor"])
    content = client.get(REPORT, {"export": "csv"}).content.decode()
    assert "'=HYPERLINK(1)" in content and ",=HYPERLINK" not in content


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2025-02-30"}, "Enter a valid date"),
        ({"start": "2025-05-02", "end": "2025-05-01"}, "The period ends before it starts"),
        ({"start": "1900-01-01", "end": "2025-01-01"}, "at most ten years"),
        ({"section": "bukan-seksi"}, "Select a valid choice"),
    ],
)
def test_report_bad_parameters_give_a_message(client, people, in_english, params, message):
    """A bad period or section is an error on the report page, never a 500."""
    client.force_login(people["editor"])
    response = client.get(REPORT, params, headers=in_english)
    assert response.status_code == 200
    assert message in response.text
    assert response.context["report"] is None


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("reporter", 403), ("photo_desk", 403), ("editor", 200), ("chief_editor", 200)],
)
def test_who_may_see_the_report(client, people, role, status):
    """Only editors and chief editors (articles.view_reports) see the report; anonymous visitors go to the login."""
    if role != "anonymous":
        client.force_login(people[role])
    for params in ({}, {"export": "csv"}):
        response = client.get(REPORT, params)
        assert response.status_code == status
        if status == 302:
            assert response["Location"].startswith(reverse("admin:login"))


def test_report_runs_a_constant_number_of_queries(client, people, make_article):
    """The report costs the same queries for 3 and for 30 quoted stories."""
    client.force_login(people["editor"])
    sources = [Source.objects.create(name=f"Narasumber {n}", organisation=f"Org {n}") for n in range(12)]

    def add_stories(first, count):
        for number in range(first, first + count):
            story = make_article()
            quote(story, sources[number % 12], "Satu.")
            if number % 2:
                quote(story, sources[(number + 1) % 12], "Dua.")

    add_stories(0, 3)
    small = count_queries(client, REPORT)
    add_stories(3, 27)
    assert count_queries(client, REPORT) == small
    assert small <= 15  # one more than before: the shares by kind per section and month (tests/test_source_kinds.py)

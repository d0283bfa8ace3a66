"""Sources classified: suggested kinds and levels filled by every path that makes or changes a source, confirmed by
editors only (admin action and form), the migration of existing values, and the report's shares by kind per section
and month."""

import csv
import importlib
import io
from datetime import date, datetime

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.choices import SourceLevel, SourceType, SpeakerKind
from articles.models import Quote, Section, Source, SourceTitle
from articles.reports import who_gets_quoted
from articles.services.importing import propose_quotes
from articles.services.quotes import review_quotes
from articles.services.sources import merge_sources, source_for_speaker
from articles.text.quotes import ExtractedQuote
from articles.text.source_kinds import KINDS, LEVELS
from tests.conftest import admin_form_data

pytestmark = pytest.mark.django_db

SOURCES = reverse("admin:articles_source_changelist")
REPORT = reverse("articles:source_report")
migration = importlib.import_module("articles.migrations.0026_source_kinds")


def test_the_pure_codes_are_the_choices():
    assert set(KINDS) == set(SourceType.values)
    assert set(LEVELS) == set(SourceLevel.values)
    assert set(SpeakerKind.values) == {"person", "group", "organisation"}  # what ExtractedQuote.speaker_kind holds


# --- suggestions follow the title and organisation --------------------------------------------------------------


def test_an_import_fills_the_suggestion_of_new_sources_and_stores_the_speaker_kind(make_article):
    """Bulk-created sources get their suggestion too; a group's or an organisation's quote keeps its kind, no source."""
    story = make_article()
    found = [
        ExtractedQuote("Jalan ditutup.", "Budi Santoso", "Kapolres Bogor", 0, 0, 5),
        ExtractedQuote("Kami menolak.", None, "", 1, 0, 5, speaker_kind="group"),
        ExtractedQuote("Kami mendukung.", None, "", 2, 0, 5, speaker_kind="organisation"),
        ExtractedQuote("Entah siapa.", None, "", 3, 0, 5),
    ]
    quotes = propose_quotes(story, found)
    budi = Source.objects.get()
    assert (budi.suggested_type, budi.suggested_level, budi.suggestion_reason) == ("security", "city", "“Kapolres”")
    assert (budi.source_type, budi.level) == ("", "")  # never set automatically
    stored = {q.text: (q.speaker_kind, q.source_id) for q in Quote.objects.filter(pk__in=[q.pk for q in quotes])}
    assert stored == {
        "Jalan ditutup.": ("person", budi.pk),
        "Kami menolak.": ("group", None),
        "Kami mendukung.": ("organisation", None),
        "Entah siapa.": ("", None),
    }


def test_sources_made_or_changed_one_by_one_follow_their_title():
    source = source_for_speaker("Sari Dewi", "Dosen Universitas Kenanga")
    assert (source.suggested_type, source.suggested_level) == ("expert", "")
    source.title, source.organisation = "Wali Kota", "Pemkot Kenanga"
    source.save(update_fields=["title", "organisation"])
    source.refresh_from_db()
    assert (source.suggested_type, source.suggested_level, source.suggestion_reason) == (
        "government",
        "city",
        "“Wali Kota”",
    )


def test_confirming_a_quote_with_a_new_title_refreshes_the_suggestion(make_article, people):
    source = Source.objects.create(name="Andi Wijaya", title="Warga")
    assert source.suggested_type == "citizen"
    story = make_article()
    story.body = "<p>“Kami siaga,” kata Kapolsek Menteng Andi Wijaya.</p>"
    story.save()
    quote = Quote.objects.create(article=story, source=source, text="Kami siaga", speaker_title="Kapolsek Menteng")
    review_quotes(quotes=Quote.objects.filter(pk=quote.pk), status=Quote.Status.CONFIRMED, user=people["editor"])
    source.refresh_from_db()
    assert source.title == "Kapolsek Menteng"
    assert (source.suggested_type, source.suggested_level, source.source_type) == ("security", "city", "")


def test_merging_keeps_the_kind_with_its_level():
    keep = Source.objects.create(name="Rina", title="Anggota DPRD")
    twin = Source.objects.create(name="rina", source_type="lawmaker", level="province")
    merge_sources(keep=keep, duplicates=[twin])
    keep.refresh_from_db()
    assert (keep.source_type, keep.level, keep.suggested_type) == ("lawmaker", "province", "lawmaker")


# --- editors confirm ----------------------------------------------------------------------------------------------


@pytest.fixture
def waiting():
    return {
        "kapolres": Source.objects.create(name="Hendra", title="Kapolres Bogor"),
        "dosen": Source.objects.create(name="Citra", title="Dosen", organisation="Universitas Kenanga"),
        "unknown": Source.objects.create(name="Joko", title="Juru bicara"),
        "chosen": Source.objects.create(name="Dewi", title="Warga", source_type="other"),
    }


def test_the_list_shows_the_suggestion_and_filters_what_awaits_confirmation(client, people, waiting):
    client.force_login(people["editor"])
    page = client.get(SOURCES, {"kind_confirmation": "awaiting"})
    assert list(page.context["cl"].result_list) == [waiting["dosen"], waiting["kapolres"]]
    assert "Police or military · City or regency (suggested)" in page.text
    assert client.get(SOURCES, {"level": "city"}).context["cl"].result_count == 0
    assert client.get(SOURCES, {"source_type__exact": "other"}).context["cl"].result_count == 1


def test_editors_confirm_suggested_kinds_in_bulk(client, people, waiting):
    """The action takes the suggestion of the selected rows that await confirmation; a chosen kind is kept."""
    client.force_login(people["editor"])
    selected = [source.pk for source in waiting.values()]
    response = client.post(SOURCES, {"action": "confirm_suggested_kinds", "_selected_action": selected}, follow=True)
    assert "2 sources given their suggested kind." in response.text
    kinds = {key: (s.source_type, s.level) for key, s in ((k, Source.objects.get(pk=v.pk)) for k, v in waiting.items())}
    assert kinds == {
        "kapolres": ("security", "city"),
        "dosen": ("expert", ""),
        "unknown": ("", ""),
        "chosen": ("other", ""),
    }


def test_reporters_cannot_confirm_kinds(client, people, waiting):
    client.force_login(people["reporter"])
    client.post(SOURCES, {"action": "confirm_suggested_kinds", "_selected_action": [waiting["kapolres"].pk]})
    add = reverse("admin:articles_source_add")
    client.post(
        add,
        {
            "name": "Baru",
            "title": "Kapolsek",
            "source_type": "security",
            "_use_suggested_kind": "1",
            **_inline_management(),
        },
    )
    assert not Source.objects.exclude(source_type="").exclude(name="Dewi").exists()
    created = Source.objects.get(name="Baru")
    assert (created.status, created.suggested_type) == ("proposed", "security")
    form = client.get(reverse("admin:articles_source_change", args=[waiting["kapolres"].pk]))
    assert "_use_suggested_kind" not in form.text


def _inline_management() -> dict:
    return {
        "titles-TOTAL_FORMS": "0",
        "titles-INITIAL_FORMS": "0",
        "titles-MIN_NUM_FORMS": "0",
        "titles-MAX_NUM_FORMS": "1000",
    }


def test_the_form_shows_the_suggestion_and_takes_it_in_one_click(client, people, waiting):
    client.force_login(people["editor"])
    url = reverse("admin:articles_source_change", args=[waiting["kapolres"].pk])
    form = client.get(url)
    assert "Police or military · City or regency" in form.text and "“Kapolres”" in form.text
    assert 'name="_use_suggested_kind"' in form.text
    response = client.post(url, admin_form_data(form, _use_suggested_kind="1"))
    assert response.status_code == 302 and response["Location"].endswith(url)  # back to the form, as “continue”
    source = Source.objects.get(pk=waiting["kapolres"].pk)
    assert (source.source_type, source.level, source.status) == ("security", "city", "confirmed")


def test_an_editor_choosing_another_kind_is_what_counts(client, people, waiting):
    client.force_login(people["editor"])
    url = reverse("admin:articles_source_change", args=[waiting["dosen"].pk])
    client.post(url, admin_form_data(client.get(url), source_type="civil_society"))
    source = Source.objects.get(pk=waiting["dosen"].pk)
    assert (source.source_type, source.suggested_type) == ("civil_society", "expert")


# --- the migration ----------------------------------------------------------------------------------------------


def test_the_migration_suggests_kinds_and_moves_police_out_of_government():
    Source.objects.create(name="A", title="Kabid Humas Polda Jawa Barat", source_type="government")
    Source.objects.create(name="B", title="Kepala Dinas Kesehatan", source_type="government")
    untitled = Source.objects.create(name="C")
    SourceTitle.objects.create(
        source=untitled, title="Dandim 0501", first_seen=date(2024, 1, 1), last_seen=date(2024, 1, 1)
    )
    SourceTitle.objects.create(source=untitled, title="Warga", first_seen=date(2023, 1, 1), last_seen=date(2023, 1, 1))
    # As the rows are before the migration: no suggestion yet.
    Source.objects.update(suggested_type="", suggested_level="", suggestion_reason="")

    migration.suggest_kinds(apps, None)
    migration.government_to_security(apps, None)
    found = {s.name: (s.source_type, s.suggested_type, s.suggested_level) for s in Source.objects.all()}
    assert found == {
        "A": ("security", "security", "province"),
        "B": ("government", "government", ""),
        "C": ("", "security", "city"),  # from its latest title
    }
    migration.security_to_government(apps, None)
    assert set(Source.objects.values_list("source_type", flat=True)) == {"government", ""}


# --- the report ---------------------------------------------------------------------------------------------------


def jakarta(year, month, day, hour=9) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour), timezone.get_default_timezone())


@pytest.fixture
def two_months(make_article, section):
    """March and April 2025 in two sections, with confirmed, suggested-only and unknown speakers."""
    economy = Section.objects.create(name="Ekonomi", slug="ekonomi", order=2)
    officer = Source.objects.create(name="Hendra", title="Kapolres", source_type="security", level="city")
    expert = Source.objects.create(name="Citra", title="Dosen")  # suggested expert, not confirmed
    trader = Source.objects.create(name="Dewi", source_type="citizen")

    def q(story, source, kind=""):
        Quote.objects.create(article=story, source=source, text="Kata.", status="confirmed", speaker_kind=kind)

    march = make_article(publish_at=jakarta(2025, 3, 10))
    q(march, officer, "person")
    q(march, officer, "person")
    q(march, expert, "person")
    q(march, None, "group")
    # 05:00 on 1 April in Jakarta is 22:00 on 31 March in UTC: the month is the newsroom's.
    q(make_article(publish_at=jakarta(2025, 4, 1, hour=5)), trader, "person")
    april = make_article(publish_at=jakarta(2025, 4, 2))
    q(april, officer, "person")
    q(april, None, "")
    business = make_article(section=economy, publish_at=jakarta(2025, 4, 3))
    q(business, None, "organisation")
    Quote.objects.create(article=april, source=expert, text="Belum.", status="proposed")  # not counted
    return {"start": date(2025, 3, 1), "end": date(2025, 4, 30)}


def table(report, section_name):
    found = next(t for t in report.kind_by_month if t.section == section_name)
    return found, {row.label: [(cell.quotes, cell.share) for cell in row.cells] for row in found.rows}


def test_report_shares_by_kind_per_section_and_month(two_months, section):
    report = who_gets_quoted(**two_months)
    assert [t.section for t in report.kind_by_month] == [section.name, "Ekonomi"]
    city, rows = table(report, section.name)
    assert city.months == [date(2025, 3, 1), date(2025, 4, 1)]
    assert city.totals == [4, 3]
    assert rows == {
        "Police or military": [(2, 50.0), (1, 33.3)],
        "Citizen": [(0, 0.0), (1, 33.3)],
        "Suggested: Expert (not confirmed)": [(1, 25.0), (0, 0.0)],
        "Group": [(1, 25.0), (0, 0.0)],
        "Speaker unknown": [(0, 0.0), (1, 33.3)],
    }
    # Confirmed kinds first in the choices' order, then suggestions, then speakers without a source.
    assert list(rows) == [
        "Police or military",
        "Citizen",
        "Suggested: Expert (not confirmed)",
        "Group",
        "Speaker unknown",
    ]
    economy, rows = table(report, "Ekonomi")
    assert economy.totals == [0, 1] and rows == {"Organisation": [(0, 0.0), (1, 100.0)]}


def test_report_for_one_section_has_one_table(two_months):
    report = who_gets_quoted(**two_months, section_slug="ekonomi", section_name="Ekonomi")
    assert [t.section for t in report.kind_by_month] == ["Ekonomi"]


def test_report_page_and_csv_show_the_kind_tables(client, people, two_months, section):
    client.force_login(people["editor"])
    params = {"start": "2025-03-01", "end": "2025-04-30"}
    page = client.get(REPORT, params)
    assert "Suggested: Expert (not confirmed)" in page.text and "33.3 %" in page.text
    content = client.get(REPORT, {**params, "export": "csv"}).content.decode()
    rows = list(csv.reader(io.StringIO(content)))
    assert ["kind_by_section_month", "Police or military", f"{section.name} 2025-03", "2", "50.0"] in rows
    assert ["kind_by_section_month", "Organisation", "Ekonomi 2025-04", "1", "100.0"] in rows


def test_kind_table_costs_the_same_queries_whatever_the_size(client, people, make_article, section):
    """More stories, sections and months cost no more queries."""
    client.force_login(people["editor"])
    sources = [Source.objects.create(name=f"N {n}", title=t) for n, t in enumerate(["Kapolres", "Dosen", "Warga"])]
    params = {"start": "2024-01-01", "end": "2025-12-31"}

    def add(count, first_month):
        for number in range(count):
            new_section = Section.objects.create(name=f"Seksi {first_month}-{number}", slug=f"s-{first_month}-{number}")
            month = (first_month + number) % 12 + 1
            story = make_article(section=new_section, publish_at=jakarta(2025, month, 5))
            Quote.objects.create(article=story, source=sources[number % 3], text="Kata.", status="confirmed")

    add(2, 0)
    with CaptureQueriesContext(connection) as small:
        assert client.get(REPORT, params).status_code == 200
    add(20, 3)
    with CaptureQueriesContext(connection) as large:
        assert client.get(REPORT, params).status_code == 200
    assert len(large) == len(small)
    kind_queries = [q for q in large.captured_queries if "speaker_kind" in q["sql"]]
    assert len(kind_queries) == 1


def test_the_demo_leaves_confirmed_kinds_and_suggestions_for_the_report():
    """seed_demo's sources carry suggestions; half of those are confirmed as an editor would, half still wait."""
    call_command("seed_demo", "--stories", "8", "--seed", "3", "--no-admin", stdout=io.StringIO())
    sources = list(Source.objects.exclude(suggested_type=""))
    assert sources
    confirmed = [s for s in sources if s.source_type]
    assert confirmed and all((s.source_type, s.level) == (s.suggested_type, s.suggested_level) for s in confirmed)
    assert any(s.awaits_kind_confirmation for s in sources)

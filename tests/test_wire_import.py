"""import_wire: agency items (ninjs, NewsML-G2) become drafts with bylines, language, proposed quotes and pending
photos; idempotent by GUID and version; a later version never overwrites an editor's work; a bad file leaves nothing."""

from __future__ import annotations

import json
import re
import shutil
import socket
import urllib.request
from dataclasses import replace
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.text import slugify
from reversion.models import Version

from articles.models import Article, ArticlePhoto, Byline, Photo, Quote
from articles.text.html_paragraphs import body_paragraphs
from tests.conftest import image_file
from wire import services
from wire.items import WireByline, WireFormatError, WireItem, WirePicture
from wire.models import WirePhoto, WireStory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
BAD_IMAGES = FIXTURES / "bad-images"

BODY = (
    "<p>Banjir setinggi satu meter merendam Kampung Kenanga sejak Sabtu pagi.</p>"
    "<p>Kepala Pelaksana BPBD Kota Ratna Kusumawardani mengatakan, 300 warga sudah mengungsi.</p>"
    "<p>“Kami menyiapkan dapur umum dan tenda di lapangan kelurahan,” ujar Ratna.</p>"
    '<script>alert("x")</script><p onclick="steal()">Air mulai surut pada sore hari.</p>'
)


def wire_item(**changes) -> WireItem:
    fields = {
        "guid": "urn:newsml:antaranews.com:20260105:banjir-kenanga",
        "version": 1,
        "headline": "Banjir rendam Kampung Kenanga, 300 warga mengungsi",
        "language": "id-ID",
        "body_html": BODY,
        "source_format": "ninjs-2",
        "dek": "Warga <b>mengungsi</b> ke tenda &amp; masjid.",
        "bylines": (WireByline("Budi Santoso", "writer"), WireByline("Rina Wulandari", "photographer")),
        "subjects": ("Banjir", "Bencana alam", "banjir"),
        "provider": "ANTARA",
    }
    fields.update(changes)
    return WireItem(**fields)


def media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to reach the network fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    return attempts


@pytest.fixture
def reviewer(people):
    """An editor who may decide on waiting wire versions (granted explicitly: roles are the lead's)."""
    editor = people["editor"]
    editor.user_permissions.add(Permission.objects.get(codename="review_wire_version"))
    return type(editor).objects.get(pk=editor.pk)  # a fresh copy: permissions are cached per instance


def edit_by_hand(article: Article, **fields) -> Article:
    article = Article.objects.get(pk=article.pk)
    for name, value in fields.items():
        setattr(article, name, value)
    article.save()
    return article


# --- created -----------------------------------------------------------------------------------------------------


def test_a_new_item_becomes_a_draft_with_bylines_language_tags_and_proposed_quotes():
    outcome = services.import_item(wire_item())

    assert outcome.status == services.CREATED
    article = Article.objects.get()
    assert outcome.article == article
    assert article.status == Article.Status.DRAFT
    assert article.headline == "Banjir rendam Kampung Kenanga, 300 warga mengungsi"
    assert article.dek == "Warga mengungsi ke tenda & masjid."
    assert article.language == "id"
    assert article.section.slug == "berita"
    assert [(b.contributor.name, b.role) for b in article.ordered_bylines] == [
        ("Budi Santoso", Byline.Role.REPORTER),
        ("Rina Wulandari", Byline.Role.PHOTOGRAPHER),
    ]
    assert sorted(article.tags.names()) == ["Banjir", "Bencana alam"]  # "banjir" repeats "Banjir"
    quote = Quote.objects.get(article=article)
    assert quote.status == Quote.Status.PROPOSED
    assert quote.text.startswith("Kami menyiapkan dapur umum")
    assert quote.source is not None and quote.source.name == "Ratna Kusumawardani"
    record = WireStory.objects.get()
    assert (record.guid, record.version, record.article, record.provider) == (
        "urn:newsml:antaranews.com:20260105:banjir-kenanga",
        1,
        article,
        "ANTARA",
    )
    assert record.article_version == article.version
    assert not record.is_flagged


def test_the_body_is_cleaned_as_every_save_cleans_it():
    article = services.import_item(wire_item()).article

    assert "<script" not in article.body and "alert" not in article.body
    assert "onclick" not in article.body
    assert "<p>Air mulai surut pada sore hari.</p>" in article.body


def test_the_import_is_the_story_s_first_revision():
    article = services.import_item(wire_item()).article

    versions = Version.objects.get_for_object(article)
    assert versions.count() == 1
    assert "urn:newsml:antaranews.com:20260105:banjir-kenanga" in versions[0].revision.comment


def test_a_byline_naming_a_known_contributor_reuses_the_record():
    from articles.models import Contributor

    known = Contributor.objects.create(name="Budi Santoso", slug="budi")
    article = services.import_item(wire_item(bylines=(WireByline("budi  SANTOSO", "writer"),))).article

    assert [b.contributor for b in article.ordered_bylines] == [known]
    assert Contributor.objects.count() == 1


@pytest.mark.parametrize(
    ("tag", "expected"), [("id-ID", "id"), ("id", "id"), ("in", "id"), ("en-US", "en"), ("en-GB", "en")]
)
def test_languages_are_mapped_to_the_site_s(tag, expected):
    outcome = services.import_item(wire_item(language=tag))

    assert outcome.article.language == expected
    assert outcome.message == ""


def test_a_language_the_site_does_not_have_keeps_the_draft_and_says_so():
    outcome = services.import_item(wire_item(language="ms-MY"))

    assert outcome.status == services.CREATED
    assert outcome.article.language == "id"
    assert "ms-MY" in outcome.message and "Indonesian" in outcome.message


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"guid": "  "}, "no GUID"),
        ({"headline": " "}, "no headline"),
        ({"guid": "x" * 501}, "longer than 500"),
    ],
)
def test_an_item_that_cannot_be_matched_or_titled_is_refused(changes, message):
    with pytest.raises(WireFormatError, match=message):
        services.import_item(wire_item(**changes))

    assert not Article.objects.exists() and not WireStory.objects.exists()


# --- unchanged, updated, flagged ---------------------------------------------------------------------------------


def test_the_same_version_again_changes_nothing():
    first = services.import_item(wire_item())
    again = services.import_item(wire_item())

    assert again.status == services.UNCHANGED
    assert again.article == first.article
    assert Article.objects.count() == 1
    assert Version.objects.get_for_object(first.article).count() == 1


def test_an_older_version_changes_nothing():
    services.import_item(wire_item(version=3))
    older = services.import_item(wire_item(version=2, headline="Versi lama"))

    assert older.status == services.UNCHANGED
    assert "older" in older.message
    assert Article.objects.get().headline != "Versi lama"


def test_the_same_version_with_other_content_changes_nothing_and_says_so():
    services.import_item(wire_item())
    other = services.import_item(wire_item(headline="Judul lain"))

    assert other.status == services.UNCHANGED
    assert "other content" in other.message
    assert Article.objects.get().headline.startswith("Banjir rendam")


def test_a_later_version_updates_a_draft_nobody_edited_as_a_new_revision():
    article = services.import_item(wire_item()).article
    later = wire_item(
        version=2,
        headline="Banjir Kenanga surut, warga mulai pulang",
        body_html="<p>“Kami sudah bisa membersihkan rumah,” kata Siti Aminah, warga Kenanga.</p>",
        bylines=(WireByline("Budi Santoso"), WireByline("Ahmad Fauzi", "editor")),
        subjects=("Banjir",),
    )

    outcome = services.import_item(later)

    assert outcome.status == services.UPDATED
    article.refresh_from_db()
    assert outcome.article.pk == article.pk and Article.objects.count() == 1
    assert article.headline == "Banjir Kenanga surut, warga mulai pulang"
    assert article.slug == "banjir-kenanga-surut-warga-mulai-pulang"
    assert [(b.contributor.name, b.role) for b in article.ordered_bylines] == [
        ("Budi Santoso", Byline.Role.REPORTER),
        ("Ahmad Fauzi", Byline.Role.EDITOR),
    ]
    assert list(article.tags.names()) == ["Banjir"]
    # The proposals follow the new text: the old quote left the story, the new one is proposed.
    assert [q.text for q in article.quotes.all()] == ["Kami sudah bisa membersihkan rumah"]
    assert Version.objects.get_for_object(article).count() == 2
    record = WireStory.objects.get()
    assert (record.version, record.article_version) == (2, article.version)


def test_a_later_version_of_an_edited_story_is_kept_beside_it_and_flagged():
    article = services.import_item(wire_item()).article
    edited = edit_by_hand(article, headline="Judul dari redaktur")

    outcome = services.import_item(wire_item(version=2, headline="Judul versi dua"))

    assert outcome.status == services.FLAGGED
    assert outcome.article.pk == article.pk
    article.refresh_from_db()
    assert article.headline == "Judul dari redaktur"
    assert article.version == edited.version  # not even touched
    record = WireStory.objects.get()
    assert record.is_flagged and record.pending_version == 2 and record.version == 1
    assert record.pending_item["headline"] == "Judul versi dua"
    assert record.flagged_at is not None
    assert list(WireStory.objects.flagged()) == [record]


def test_a_confirmed_quote_counts_as_an_edit():
    from articles.services.quotes import review_quotes

    article = services.import_item(wire_item()).article
    review_quotes(quotes=article.quotes.all(), status=Quote.Status.CONFIRMED)

    assert services.import_item(wire_item(version=2)).status == services.FLAGGED


def test_the_waiting_version_again_changes_nothing_and_a_newer_one_takes_its_place():
    article = services.import_item(wire_item()).article
    edit_by_hand(article, headline="Judul dari redaktur")
    services.import_item(wire_item(version=2, headline="Dua"))

    assert services.import_item(wire_item(version=2, headline="Dua")).status == services.UNCHANGED
    assert services.import_item(wire_item(version=3, headline="Tiga")).status == services.FLAGGED
    record = WireStory.objects.get()
    assert (record.pending_version, record.pending_item["headline"]) == (3, "Tiga")


def test_a_published_story_is_never_changed_by_an_import():
    article = services.import_item(wire_item()).article
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED, publish_at=article.created_at)
    # Published without anyone's save: the version recorded at the import still matches.
    assert Article.objects.get(pk=article.pk).version == WireStory.objects.get().article_version

    outcome = services.import_item(wire_item(version=2, headline="Judul versi dua"))

    assert outcome.status == services.FLAGGED
    assert Article.objects.get(pk=article.pk).headline.startswith("Banjir rendam")


def test_a_deleted_story_is_started_again_by_a_later_version():
    article = services.import_item(wire_item()).article
    article.delete()

    outcome = services.import_item(wire_item(version=2))

    assert outcome.status == services.CREATED
    assert WireStory.objects.get().article == outcome.article


# --- the editor's decision ---------------------------------------------------------------------------------------


@pytest.fixture
def flagged(people):
    article = services.import_item(wire_item()).article
    edit_by_hand(article, headline="Judul dari redaktur")
    services.import_item(wire_item(version=2, headline="Judul versi dua"))
    return WireStory.objects.get()


def test_an_editor_applies_the_waiting_version_as_a_revision(flagged, reviewer):
    before = Version.objects.get_for_object(flagged.article).count()

    article = services.apply_pending(record=flagged, user=reviewer, article_version=flagged.article.version)

    article.refresh_from_db()
    assert article.headline == "Judul versi dua"
    versions = Version.objects.get_for_object(article)
    assert versions.count() == before + 1
    assert versions[0].revision.user == reviewer
    flagged.refresh_from_db()
    assert not flagged.is_flagged
    assert (flagged.version, flagged.resolution, flagged.resolved_by) == (2, "applied", reviewer)
    assert flagged.article_version == article.version


def test_a_waiting_picture_whose_file_was_cleaned_up_is_applied_as_a_link(people, reviewer, picture_file):
    article = services.import_item(wire_item()).article
    edit_by_hand(article, headline="Judul dari redaktur")
    picture = WirePicture(href="banjir.jpg", local_path=picture_file, caption="Banjir")
    services.import_item(wire_item(version=2, pictures=(picture,)))
    picture_file.unlink()  # the delivery folder was cleaned before the editor decided

    services.apply_pending(record=WireStory.objects.get(), user=reviewer)

    photo = Photo.objects.get()
    assert not photo.image and photo.caption == "Banjir"
    assert WirePhoto.objects.get(photo=photo).delivered_as_file is False


def test_applying_from_a_stale_page_is_an_edit_conflict(flagged, reviewer):
    from articles.models import EditConflict

    seen = flagged.article.version
    edit_by_hand(flagged.article, dek="Diubah lagi")

    with pytest.raises(EditConflict):
        services.apply_pending(record=flagged, user=reviewer, article_version=seen)
    assert Article.objects.get(pk=flagged.article_id).headline == "Judul dari redaktur"
    assert WireStory.objects.get().is_flagged


def test_dismissing_keeps_the_story_and_the_version_counts_as_taken(flagged, reviewer):
    services.dismiss_pending(record=flagged, user=reviewer)

    flagged.refresh_from_db()
    assert not flagged.is_flagged
    assert (flagged.version, flagged.resolution) == (2, "dismissed")
    assert Article.objects.get(pk=flagged.article_id).headline == "Judul dari redaktur"
    assert services.import_item(wire_item(version=2, headline="Judul versi dua")).status == services.UNCHANGED
    # The story is still the editor's: the next version waits for them too.
    assert services.import_item(wire_item(version=3)).status == services.FLAGGED


@pytest.mark.parametrize("role", ["reporter", "photo_desk"])
def test_only_a_reviewer_who_may_edit_the_story_decides(flagged, people, role):
    with pytest.raises(PermissionDenied):
        services.apply_pending(record=flagged, user=people[role])
    with pytest.raises(PermissionDenied):
        services.dismiss_pending(record=flagged, user=people[role])
    assert WireStory.objects.get().is_flagged


@pytest.fixture
def editor_without_wire(django_user_model):
    """Staff who may edit any story but was given nothing of the wire: the roles give editors both."""
    user = django_user_model.objects.create_user("penyunting", password="x", is_staff=True)
    codenames = ["view_article", "change_article", "edit_any_article"]
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="articles", codename__in=codenames))
    return user


def test_an_editor_without_the_wire_permission_may_not_decide(flagged, editor_without_wire):
    with pytest.raises(PermissionDenied):
        services.apply_pending(record=flagged, user=editor_without_wire)


# --- pictures ----------------------------------------------------------------------------------------------------


@pytest.fixture
def picture_file(tmp_path) -> Path:
    path = tmp_path / "item" / "banjir.jpg"
    path.parent.mkdir()
    path.write_bytes(image_file().read())
    return path


def test_a_picture_beside_the_item_becomes_a_pending_photo_with_credit_and_rights(picture_file, no_network):
    picture = WirePicture(
        href="banjir.jpg",
        local_path=picture_file,
        caption="Warga <i>mengungsi</i> di Kampung Kenanga.",
        credit="ANTARA FOTO/Rina Wulandari",
        creator="Rina Wulandari",
        copyright_notice="© 2026 ANTARA",
        usage_terms="Editorial use only",
        alt_text="Warga berjalan di genangan air",
    )

    article = services.import_item(wire_item(pictures=(picture,))).article

    photo = Photo.objects.get()
    assert photo.image and Path(photo.image.path).is_file()
    assert photo.credit_status == Photo.CreditStatus.PENDING
    assert (photo.caption, photo.credit, photo.copyright_notice, photo.usage_terms, photo.alt_text) == (
        "Warga mengungsi di Kampung Kenanga.",
        "ANTARA FOTO/Rina Wulandari",
        "© 2026 ANTARA",
        "Editorial use only",
        "Warga berjalan di genangan air",
    )
    assert photo.licence_type == Photo.LicenceType.AGENCY  # a wire picture is never a staff photo
    assert photo.source == "ANTARA"
    assert list(article.photo_uses.values_list("photo", "order")) == [(photo.pk, 0)]
    link = WirePhoto.objects.get()
    assert (link.photo, link.href, link.delivered_as_file) == (photo, "banjir.jpg", True)
    assert no_network == []


def test_a_known_agency_gives_the_picture_its_licence_and_terms(picture_file):
    from articles.models import Agency

    Agency.objects.create(name="ANTARA", credit_name="ANTARA FOTO", licence_type="agency", usage_terms="Hanya berita")
    picture = WirePicture(href="banjir.jpg", local_path=picture_file, credit="ANTARA FOTO/Rina Wulandari")

    services.import_item(wire_item(pictures=(picture,)))

    photo = Photo.objects.get()
    assert photo.agency is not None and photo.agency.name == "ANTARA"
    assert photo.usage_terms == "Hanya berita"
    assert WireStory.objects.get().agency == photo.agency


def test_a_remote_picture_is_recorded_on_a_pending_photo_and_never_fetched(no_network):
    picture = WirePicture(
        href="https://img.antaranews.com/cache/1200x800/2026/01/banjir.jpg",
        caption="Warga mengungsi.",
        creator="Rina Wulandari",
        copyright_holder="ANTARA",
    )

    article = services.import_item(wire_item(pictures=(picture,))).article

    photo = Photo.objects.get()
    assert not photo.image
    assert photo.credit_status == Photo.CreditStatus.PENDING
    assert "Rina Wulandari" in photo.credit
    assert photo.copyright_notice == "© ANTARA"
    link = WirePhoto.objects.get()
    assert (link.photo, link.href, link.delivered_as_file) == (photo, picture.href, False)
    assert article.photo_uses.get().photo == photo
    assert no_network == []


def test_a_later_version_adds_only_the_pictures_the_story_does_not_have(picture_file):
    first = WirePicture(href="https://example.org/a.jpg", caption="Satu")
    services.import_item(wire_item(pictures=(first,)))
    second = WirePicture(href="banjir.jpg", local_path=picture_file, caption="Dua")

    services.import_item(wire_item(version=2, pictures=(first, second)))

    assert Photo.objects.count() == 2
    assert list(ArticlePhoto.objects.values_list("photo__caption", "order")) == [("Satu", 0), ("Dua", 1)]


@pytest.mark.parametrize("bad", ["decompression_bomb.gif", "broken.png", "hopper.psd"])
def test_a_hostile_picture_leaves_nothing_behind(bad, picture_file, settings):
    """A good picture stored first goes again when the next one is refused: no story, no photo, no file."""
    hostile = picture_file.parent / bad
    shutil.copy(BAD_IMAGES / bad, hostile)
    pictures = (
        WirePicture(href="banjir.jpg", local_path=picture_file),
        WirePicture(href=bad, local_path=hostile),
    )

    with pytest.raises(WireFormatError, match=re.escape(bad)):
        services.import_item(wire_item(pictures=pictures))

    assert not Article.objects.exists()
    assert not Photo.objects.exists()
    assert not WireStory.objects.exists() and not WirePhoto.objects.exists()
    assert media_files(settings) == []


def test_a_picture_file_that_is_not_there_is_an_error(tmp_path):
    missing = WirePicture(href="hilang.jpg", local_path=tmp_path / "hilang.jpg")

    with pytest.raises(WireFormatError, match=re.escape("hilang.jpg")):
        services.import_item(wire_item(pictures=(missing,)))
    assert not Article.objects.exists()


def test_a_waiting_version_survives_being_stored_and_read_back():
    item = wire_item(
        pictures=(WirePicture(href="a.jpg", local_path=Path("/tmp/x/a.jpg"), caption="A"),),
        embargoed_until=None,
    )
    assert services.item_from_json(services.item_to_json(item)) == item
    dated = replace(item, version_created=datetime(2026, 1, 5, 9, 30, tzinfo=UTC))
    assert services.item_from_json(services.item_to_json(dated)) == dated


# --- the admin ---------------------------------------------------------------------------------------------------


def test_editors_see_the_waiting_versions_first_with_a_link_to_the_story(client, flagged, reviewer):
    services.import_item(wire_item(guid="urn:other", headline="Berita lain tanpa versi baru"))
    client.force_login(reviewer)

    response = client.get(reverse("admin:wire_wirestory_changelist"), {"waiting": "yes"})

    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("admin:articles_article_change", args=[flagged.article_id]) in page
    assert "Berita lain tanpa versi baru" not in page


def test_the_waiting_version_is_shown_beside_the_story_with_the_two_decisions(client, flagged, reviewer):
    client.force_login(reviewer)

    response = client.get(reverse("admin:wire_wirestory_change", args=[flagged.pk]))

    page = response.content.decode()
    assert "Judul dari redaktur" in page
    assert "Judul<del> dari redaktur</del><ins> versi dua</ins>" in page  # the wire version, its changes marked
    assert reverse("admin:wire_wirestory_apply", args=[flagged.pk]) in page
    assert reverse("admin:wire_wirestory_dismiss", args=[flagged.pk]) in page
    assert "<script>" not in page.split("wire-comparison", 1)[1].split("</table>", 1)[0]


def test_the_apply_button_writes_the_wire_version_and_opens_the_story(client, flagged, reviewer):
    client.force_login(reviewer)
    article = Article.objects.get(pk=flagged.article_id)

    response = client.post(
        reverse("admin:wire_wirestory_apply", args=[flagged.pk]), {"article_version": article.version}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])
    assert Article.objects.get(pk=article.pk).headline == "Judul versi dua"


def test_the_apply_button_from_a_stale_page_applies_nothing(client, flagged, reviewer):
    client.force_login(reviewer)
    seen = Article.objects.get(pk=flagged.article_id).version
    edit_by_hand(flagged.article, dek="Diubah sementara editor membandingkan")

    response = client.post(reverse("admin:wire_wirestory_apply", args=[flagged.pk]), {"article_version": seen})

    assert response.status_code == 302
    assert Article.objects.get(pk=flagged.article_id).headline == "Judul dari redaktur"
    assert WireStory.objects.get().is_flagged


def test_the_dismiss_button_keeps_the_story(client, flagged, reviewer):
    client.force_login(reviewer)

    response = client.post(reverse("admin:wire_wirestory_dismiss", args=[flagged.pk]))

    assert response.status_code == 302
    assert not WireStory.objects.get().is_flagged
    assert Article.objects.get(pk=flagged.article_id).headline == "Judul dari redaktur"


def test_a_reporter_cannot_decide_by_posting(client, flagged, people):
    client.force_login(people["reporter"])

    for name in ("apply", "dismiss"):
        response = client.post(reverse(f"admin:wire_wirestory_{name}", args=[flagged.pk]))
        assert response.status_code == 403
    assert WireStory.objects.get().is_flagged


def test_a_viewer_without_the_permission_sees_no_buttons(client, flagged, editor_without_wire):
    editor = editor_without_wire
    editor.user_permissions.add(Permission.objects.get(codename="view_wirestory"))
    client.force_login(editor)

    page = client.get(reverse("admin:wire_wirestory_change", args=[flagged.pk])).content.decode()

    assert "<ins> versi dua</ins>" in page
    assert reverse("admin:wire_wirestory_apply", args=[flagged.pk]) not in page


# --- manage.py import_wire ---------------------------------------------------------------------------------------

OWN_FIXTURES = FIXTURES / "wire_import"
PARSER_FIXTURES = FIXTURES / "wire"  # the readers' own (tests/unit/test_wire_*.py), hostile files among them
GUIDS = {
    "kenanga.ninjs3.json": "urn:newsroom-tests:ninjs3:posko-kenanga",
    "pasar.ninjs2.json": "http://wire.example.org/tests/2026/kenari-market",
    "kenanga.newsml.xml": "urn:newsml:newsroom-tests:teks:kenanga",
}


def run(*args) -> tuple[str, str, int]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_wire", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code = error.returncode
        err.write(str(error))
    return out.getvalue(), err.getvalue(), code


def run_json(*paths) -> tuple[list[dict], int]:
    out, _err, code = run(*map(str, paths), "--json")
    return [json.loads(line) for line in out.splitlines()], code


@pytest.fixture
def delivered(tmp_path) -> Path:
    """The test items in a folder of their own, as an agency delivers them (pictures beside the items)."""
    folder = tmp_path / "wire"
    shutil.copytree(OWN_FIXTURES, folder)
    return folder


def later_version(path: Path, version: int, headline: str) -> None:
    """Rewrite the delivered item as a later version with another headline."""
    if path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        data["version"] = str(version)
        data["headlines"][0]["value"] = headline
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    guid = GUIDS[path.name]
    text = text.replace(f'guid="{guid}" version="1"', f'guid="{guid}" version="{version}"')
    text = re.sub(r"<headline>[^<]*</headline>", f"<headline>{headline}</headline>", text)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("name", list(GUIDS))
def test_json_prints_one_object_per_file_created_then_unchanged(delivered, name):
    path = delivered / name

    [first], code = run_json(path)
    [again], _ = run_json(path)

    article = Article.objects.get()
    assert code == 0
    assert first == {"file": str(path), "guid": GUIDS[name], "headline": article.headline, "status": "created"}
    assert again == {**first, "status": "unchanged"}
    assert article.status == Article.Status.DRAFT and article.bylines.exists()


@pytest.mark.parametrize("name", list(GUIDS))
def test_a_later_version_updates_the_untouched_draft(delivered, name):
    path = delivered / name
    run_json(path)
    later_version(path, 2, "Judul versi kedua")

    [report], code = run_json(path)

    assert (report["status"], report["headline"], code) == ("updated", "Judul versi kedua", 0)
    assert Article.objects.get().headline == "Judul versi kedua"


@pytest.mark.parametrize("name", list(GUIDS))
def test_a_later_version_of_an_edited_story_is_flagged(delivered, name):
    path = delivered / name
    run_json(path)
    edit_by_hand(Article.objects.get(), headline="Judul dari redaktur")
    later_version(path, 2, "Judul versi kedua")

    [report], code = run_json(path)

    assert (report["status"], code) == ("flagged", 0)
    assert report["headline"] == "Judul versi kedua"  # the file's; the story keeps the editor's
    assert Article.objects.get().headline == "Judul dari redaktur"
    assert WireStory.objects.get(guid=GUIDS[name]).pending_version == 2


def test_pictures_delivered_with_a_ninjs_item_become_pending_photos(delivered, no_network, settings):
    [report], _ = run_json(delivered / "kenanga.ninjs3.json")

    assert report["status"] == "created"
    article = Article.objects.get()
    beside, remote = [use.photo for use in article.photo_uses.order_by("order")]
    assert beside.image and Path(beside.image.path).is_file()
    assert (beside.credit, beside.copyright_notice, beside.usage_terms, beside.alt_text) == (
        "KBU/Dewi Lestari",
        "© 2026 Kantor Berita Uji/Dewi Lestari",
        "Wajib mencantumkan kredit.",
        "Warga berbaring di atas tikar di aula.",
    )
    assert not remote.image and remote.credit == "KBU/Agus Salim"
    assert {p.credit_status for p in (beside, remote)} == {Photo.CreditStatus.PENDING}
    assert WirePhoto.objects.get(photo=remote).href == "https://wire.example.org/uji/foto2.jpg"
    assert no_network == []


def test_a_picture_item_in_a_newsml_package_becomes_the_text_s_pending_photo(delivered, no_network):
    run_json(delivered / "kenanga.newsml.xml")

    photo = Article.objects.get().photo_uses.get().photo
    assert photo.image and photo.credit == "KBU/Dewi Lestari"
    assert photo.caption == "Warga membersihkan lumpur di Kampung Kenanga."
    assert photo.credit_status == Photo.CreditStatus.PENDING


def test_a_newsml_item_round_trips_into_the_story(delivered):
    """What the NewsML-G2 file says, read here with the standard library, is what the draft says."""
    import xml.etree.ElementTree as ET

    ns = {"g": "http://iptc.org/std/nar/2006-10-01/", "h": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(delivered / "kenanga.newsml.xml").getroot()
    text = root.find(".//g:newsItem[@guid='urn:newsml:newsroom-tests:teks:kenanga']", ns)
    paragraphs = ["".join(p.itertext()) for p in text.findall(".//h:body/h:p", ns)]

    run_json(delivered / "kenanga.newsml.xml")

    article = Article.objects.get()
    assert article.headline == text.find(".//g:headline", ns).text
    assert article.dek == text.find(".//g:description", ns).text
    assert article.language == "id"
    assert body_paragraphs(article.body) == paragraphs
    assert [(b.contributor.name, b.role) for b in article.ordered_bylines] == [
        ("Sari Wulandari", Byline.Role.REPORTER),
        ("Maya Anggraini", Byline.Role.EDITOR),
    ]
    assert Quote.objects.get(article=article).source.name == "Hendra Gunawan"


def test_a_published_story_exported_as_ninjs_comes_back_the_same(make_article, tmp_path):
    from articles.models import Contributor
    from wire.ninjs_out import stories_for_ninjs, story_as_ninjs

    original = make_article(
        headline="Pasar Kenari dibuka kembali",
        dek="Pedagang kembali berjualan.",
        body="<p>Pasar Kenari dibuka kembali.</p><h2>Retribusi</h2><p>“Retribusi tidak naik,” kata Ratna.</p>",
        language="id",
    )
    for order, name in enumerate(["Dwi Arif", "Rina Wulandari"]):
        contributor = Contributor.objects.create(name=name, slug=slugify(name))
        Byline.objects.create(article=original, contributor=contributor, order=order)
    path = tmp_path / "story.json"
    path.write_text(json.dumps(story_as_ninjs(stories_for_ninjs().get(pk=original.pk))), encoding="utf-8")

    [report], code = run_json(path)

    assert (report["status"], code) == ("created", 0)
    copy = Article.objects.exclude(pk=original.pk).get()
    assert (copy.headline, copy.dek, copy.body, copy.language) == (
        original.headline,
        original.dek,
        original.body,
        original.language,
    )
    assert [(b.contributor_id, b.role) for b in copy.ordered_bylines] == [
        (b.contributor_id, b.role) for b in original.ordered_bylines
    ]
    assert copy.status == Article.Status.DRAFT


@pytest.mark.parametrize(
    "path",
    [
        PARSER_FIXTURES / "g2-billion-laughs.xml",
        PARSER_FIXTURES / "g2-external-entity.xml",
        PARSER_FIXTURES / "g2-truncated.xml",
        PARSER_FIXTURES / "ninjs-not-json.json",
        PARSER_FIXTURES / "ninjs-truncated.json",
        PARSER_FIXTURES / "ninjs-no-uri.json",
        OWN_FIXTURES / "banjir.jpg",  # neither JSON nor XML
        OWN_FIXTURES / "gambar-rusak.ninjs3.json",  # a good picture stored, then a hostile one refused
        Path("/nonexistent/item.json"),
    ],
    ids=lambda path: path.name,
)
def test_a_bad_file_is_an_error_that_leaves_nothing_behind(path, settings, no_network):
    [report], code = run_json(path)

    assert code == 1
    assert report["status"] == "error"
    assert set(report) == {"file", "guid", "headline", "status", "error"}
    assert report["error"]
    assert not Article.objects.exists() and not Photo.objects.exists() and not WireStory.objects.exists()
    assert media_files(settings) == []


def test_a_batch_goes_on_after_a_bad_file_and_the_exit_status_says_one_failed(delivered):
    reports, code = run_json(PARSER_FIXTURES / "ninjs-not-json.json", delivered / "pasar.ninjs2.json")

    assert [r["status"] for r in reports] == ["error", "created"]
    assert code == 1
    assert Article.objects.count() == 1


def test_a_hostile_picture_beside_a_ninjs_item_is_named_in_the_error(delivered, settings):
    [report], code = run_json(delivered / "gambar-rusak.ninjs3.json")

    assert (report["status"], code) == ("error", 1)
    assert "rusak.png" in report["error"]
    assert report["guid"] == "urn:newsroom-tests:ninjs3:gambar-rusak"
    assert not Photo.objects.exists() and media_files(settings) == []


def test_the_human_summary_names_each_file_and_what_happened(delivered):
    out, err, code = run(str(delivered / "pasar.ninjs2.json"), str(PARSER_FIXTURES / "ninjs-not-json.json"))

    article = Article.objects.get()
    assert f"pasar.ninjs2.json: created #{article.pk} “Kenari market reopens after the fire”" in out
    assert "ninjs-not-json.json: error" in err
    assert "1 of 2 files could not be imported" in err
    assert code == 1

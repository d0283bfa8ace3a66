"""Each published story as IPTC ninjs 3.1 at /api/v1/stories/<id>.ninjs (wire/ninjs_out.py, wire/api.py), checked
against IPTC's own schema as shipped in wire/schemas/ (wire/validation.py)."""

from __future__ import annotations

import json
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from api.conditional import last_public_change
from articles.models import Agency, Article, ArticlePhoto, Byline, Contributor, Correction, Quote, Source
from articles.photos.renditions import ensure_renditions, sorted_renditions
from tests.conftest import image_file
from wire import validation
from wire.ninjs_out import stories_for_ninjs, story_as_ninjs

SUITE = Path(validation.__file__).resolve().parent / "schemas" / "test_suite"
SITE = "https://berita.example"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.NEWSROOM_SITE_URL = SITE
    settings.NEWSROOM_SITE_NAME = "Harian Contoh"


def ninjs_url(article) -> str:
    return reverse("api-v1:story_ninjs", args=[article.pk])


def with_renditions(photo):
    """The photo's renditions made (what the background task does once the photo is saved)."""
    ensure_renditions(photo)
    photo.save()
    return photo


def figure(photo, caption: str) -> str:
    src = sorted_renditions(photo)[0]["url"]
    return f'<figure><img src="{src}" alt="{photo.alt_text}"><figcaption>{caption}</figcaption></figure>'


@pytest.fixture
def demo_story(make_article, make_photo):
    """A story as the demo site has them: kicker, dek, two bylines, tags, a lead photo and a body picture (both
    approved), a pending photo pictured in the body (which makes it one of the story's photos), a confirmed and a
    proposed quote, a correction and an update."""
    lead = with_renditions(
        make_photo(
            caption="Pedagang kembali berjualan",
            credit="ANTARA FOTO/Budi Santoso",
            source="ANTARA",
            copyright_notice="© 2026 ANTARA",
            usage_terms="Editorial use only",
            alt_text="Kios-kios pasar yang buka lagi",
            licence_type="agency",
            image=image_file(size=(700, 400)),
        )
    )
    inline = with_renditions(make_photo(caption="Suasana pasar", credit="Dwi Arif"))
    pending = with_renditions(make_photo(approved=False, caption="Belum disetujui", credit="Tanpa Nama"))
    photographer = Contributor.objects.create(name="Budi Santoso", slug="budi-santoso", title="Fotografer")
    lead.photographer = photographer
    lead.save()
    article = make_article(
        kicker="Pasar Baru",
        headline="Pasar Baru dibuka kembali",
        dek="Pedagang kembali berjualan setelah renovasi.",
        seo_title="Pasar Baru Bandung dibuka",
        body=(
            "<p>Pasar Baru dibuka kembali pada Senin pagi.</p>"
            + figure(inline, "Suasana pasar")
            + figure(pending, "Belum disetujui")
            + '<p>“Kami senang,” kata Denny. <a href="/topik/pasar/">Berita pasar</a></p>'
        ),
        expires_at=timezone.now() + timedelta(days=30),
    )
    ArticlePhoto.objects.create(article=article, photo=lead, order=0, caption="Pedagang di Pasar Baru")
    rina = Contributor.objects.create(name="Rina Wulandari", slug="rina")
    Byline.objects.create(article=article, contributor=rina, order=0)
    Byline.objects.create(article=article, contributor=photographer, role=Byline.Role.PHOTOGRAPHER, order=1)
    article.tags.add("pasar", "Bandung")
    denny = Source.objects.create(name="Denny Ramdany", title="Asisten Pemerintahan", status="confirmed")
    hidden = Source.objects.create(name="Orang Tak Terkonfirmasi", title="Warga")
    Quote.objects.create(article=article, text="Kami senang", source=denny, status=Quote.Status.CONFIRMED)
    Quote.objects.create(article=article, text="Belum pasti", source=hidden, status=Quote.Status.PROPOSED)
    Correction.objects.create(article=article, text="Nama pasar sempat salah ditulis.")
    Correction.objects.create(
        article=article, kind=Correction.Kind.UPDATE, text="Wali kota hadir.", created_at=timezone.now()
    )
    return Article.objects.get(pk=article.pk)


def get_ninjs(client, article) -> dict:
    response = client.get(ninjs_url(article))
    assert response.status_code == 200, response.content
    return response.json()


# --- Valid against IPTC's schema -------------------------------------------------------------------------------------


def test_a_demo_story_validates_against_the_shipped_ninjs_31_schema(client, demo_story):
    item = get_ninjs(client, demo_story)

    assert validation.validate(item, "3.1") == []
    assert item["standard"] == {
        "name": "ninjs",
        "version": "3.1",
        "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
    }


def test_an_english_story_without_photos_or_bylines_validates_too(client, make_article):
    bare = make_article(language="en", headline="Floods recede", body="<p>The water went down.</p>")

    item = get_ninjs(client, bare)

    assert validation.validate(item, "3.1") == []
    assert item["language"] == "en"
    assert item["profile"] == "text-only"
    assert "associations" not in item and "by" not in item


def test_every_published_story_of_a_seeded_archive_validates(client, demo_story, make_article):
    others = [make_article(language=language) for language in ("id", "en", "id")]

    for article in [demo_story, *others]:
        assert validation.validate(get_ninjs(client, article), "3.1") == [], article.headline


# --- What the item says ----------------------------------------------------------------------------------------------


def test_the_item_identifies_the_story_stably_and_dates_it_in_utc(client, demo_story):
    item = get_ninjs(client, demo_story)
    created_year = demo_story.created_at.year

    assert item["uri"] == f"tag:berita.example,{created_year}:story:{demo_story.pk}"
    assert item["type"] == "text"
    assert item["representationType"] == "full"
    assert item["profile"] == "text-photo"
    assert item["pubStatus"] == "usable"
    assert item["version"] == str(demo_story.version)
    assert item["language"] == "id"
    assert item["slugline"] == demo_story.slug
    assert item["altIds"] == [{"role": "internal", "value": str(demo_story.pk)}]
    expected_first = demo_story.publish_at.astimezone(UTC).replace(microsecond=0).isoformat()
    assert item["firstCreated"] == expected_first
    assert item["contentCreated"].endswith("+00:00")
    # The latest notice is the story's newest change readers can see (the page's "Updated").
    latest_notice = demo_story.corrections.latest("created_at").created_at
    assert item["versionCreated"] == latest_notice.astimezone(UTC).replace(microsecond=0).isoformat()
    assert item["expires"] == demo_story.expires_at.astimezone(UTC).replace(microsecond=0).isoformat()


def test_a_site_that_moved_keeps_its_items_identifiers(client, settings, demo_story):
    settings.NEWSROOM_NINJS_TAG_AUTHORITY = "berita-lama.example"
    settings.NEWSROOM_SITE_URL = "https://berita-baru.example"

    item = get_ninjs(client, demo_story)

    assert item["uri"] == f"tag:berita-lama.example,{demo_story.created_at.year}:story:{demo_story.pk}"
    assert item["renditions"][0]["href"].startswith("https://berita-baru.example/")


def test_the_story_page_is_the_items_html_rendition(client, demo_story):
    item = get_ninjs(client, demo_story)

    assert item["renditions"] == [
        {"name": "web", "href": SITE + demo_story.get_absolute_url(), "contentType": "text/html"}
    ]


def test_headlines_descriptions_and_byline(client, demo_story):
    item = get_ninjs(client, demo_story)

    assert item["headlines"] == [
        {"role": "main", "value": "Pasar Baru dibuka kembali"},
        {"role": "kicker", "value": "Pasar Baru"},
        {"role": "seo", "value": "Pasar Baru Bandung dibuka"},
    ]
    assert item["descriptions"] == [{"role": "summary", "value": "Pedagang kembali berjualan setelah renovasi."}]
    # The byline line the story page prints, as plain text in the story's language.
    assert item["by"] == "Rina Wulandari dan Budi Santoso (Fotografer)"
    assert item["infoSources"] == [
        {"name": "Rina Wulandari", "role": "reporter", "uri": f"{SITE}/penulis/rina/"},
        {"name": "Budi Santoso", "role": "photographer", "uri": f"{SITE}/penulis/budi-santoso/"},
    ]


def test_the_body_is_the_pages_body_with_absolute_addresses_and_public_pictures_only(client, demo_story):
    item = get_ninjs(client, demo_story)
    main = item["bodies"][0]

    assert main["role"] == "main"
    assert main["contentType"] == "text/html"
    assert "Pasar Baru dibuka kembali pada Senin pagi." in main["value"]
    assert f'href="{SITE}/topik/pasar/"' in main["value"]
    assert 'src="/media/' not in main["value"] and f'src="{SITE}/media/' in main["value"]
    assert "Belum disetujui" not in main["value"]  # the pending photo's picture is taken out, caption and all
    # Words and characters of the text a reader reads, figure captions left out (as IPTC defines them).
    assert main["wordCount"] == 13
    paragraphs = ["Pasar Baru dibuka kembali pada Senin pagi.", "“Kami senang,” kata Denny. Berita pasar"]
    assert main["charCount"] == sum(len(paragraph) for paragraph in paragraphs)


def test_corrections_and_updates_follow_the_body_oldest_first(client, demo_story):
    item = get_ninjs(client, demo_story)

    assert item["bodies"][1:] == [
        {"role": "correction", "contentType": "text/plain", "value": "Nama pasar sempat salah ditulis."},
        {"role": "update", "contentType": "text/plain", "value": "Wali kota hadir."},
    ]


def test_section_and_tags_are_subjects_and_confirmed_speakers_are_people(client, demo_story):
    item = get_ninjs(client, demo_story)
    denny = Source.objects.get(name="Denny Ramdany")

    assert item["subjects"] == [
        {"name": "Kota", "rel": "section", "literal": "kota", "uri": f"{SITE}/seksi/kota/"},
        {"name": "Bandung", "rel": "about", "literal": "bandung", "uri": f"{SITE}/topik/bandung/"},
        {"name": "pasar", "rel": "about", "literal": "pasar", "uri": f"{SITE}/topik/pasar/"},
    ]
    # Only the speaker of a confirmed quote: the proposed quote's speaker is nobody's business yet.
    assert item["people"] == [{"name": "Denny Ramdany", "rel": "quoted", "uri": SITE + denny.get_absolute_url()}]


def test_rights_of_the_story_come_from_the_settings(client, settings, demo_story):
    settings.NEWSROOM_COPYRIGHT_HOLDER = "PT Contoh Media"
    settings.NEWSROOM_USAGE_TERMS = "Tidak untuk diterbitkan ulang tanpa izin."

    item = get_ninjs(client, demo_story)

    assert item["copyrightHolder"] == "PT Contoh Media"
    assert item["copyrightNotice"] == f"© {demo_story.publish_at.year} PT Contoh Media"
    assert item["usageTerms"] == "Tidak untuk diterbitkan ulang tanpa izin."


def test_without_settings_the_site_holds_the_copyright(client, demo_story):
    item = get_ninjs(client, demo_story)

    assert item["copyrightHolder"] == "Harian Contoh"
    assert "usageTerms" not in item


def test_public_photos_are_picture_associations_with_credit_and_copyright(client, demo_story):
    item = get_ninjs(client, demo_story)
    lead = demo_story.photo_uses.get(order=0).photo

    assert [association["name"] for association in item["associations"]] == ["picture1", "picture2"]
    first = item["associations"][0]
    assert first["rel"] == "lead"
    assert first["type"] == "picture"
    assert first["uri"] == f"tag:berita.example,{lead.created_at.year}:photo:{lead.pk}"
    assert first["by"] == "ANTARA FOTO/Budi Santoso"
    assert first["copyrightHolder"] == "ANTARA"
    assert first["copyrightNotice"] == "© 2026 ANTARA"
    assert first["usageTerms"] == "Editorial use only"
    assert first["descriptions"] == [
        {"role": "caption", "value": "Pedagang di Pasar Baru"},
        {"role": "alt", "value": "Kios-kios pasar yang buka lagi"},
        {"role": "creditline", "value": "Foto: ANTARA FOTO/Budi Santoso"},
    ]
    assert first["infoSources"] == [
        {"name": "Budi Santoso", "role": "photographer", "uri": f"{SITE}/penulis/budi-santoso/"}
    ]
    widths = [rendition["width"] for rendition in first["renditions"]]
    assert widths == sorted(widths) and len(widths) >= 2
    for rendition in first["renditions"]:
        assert rendition["href"].startswith(f"{SITE}/media/")
        assert rendition["height"] > 0
        assert rendition["contentType"] in ("image/webp", "image/jpeg")
    assert first["renditions"][-1]["name"] == "social"
    # The body's own picture is the story's second public photo.
    assert item["associations"][1]["rel"] == "picture"


def test_an_unapproved_photo_never_appears(client, demo_story):
    pending = demo_story.photo_uses.get(photo__caption="Belum disetujui").photo

    text = client.get(ninjs_url(demo_story)).content.decode()

    assert f":photo:{pending.pk}" not in text
    assert "Belum disetujui" not in text and "Tanpa Nama" not in text
    for rendition in pending.renditions.values():
        assert rendition["url"] not in text


def test_a_staff_photo_is_held_by_the_site_when_no_source_is_given(client, settings, make_article, make_photo):
    staff = with_renditions(make_photo(credit="Dwi Arif", licence_type="staff"))
    article = make_article()
    ArticlePhoto.objects.create(article=article, photo=staff, order=0)

    (picture,) = get_ninjs(client, article)["associations"]

    assert picture["copyrightHolder"] == "Harian Contoh"
    assert "copyrightNotice" not in picture and "usageTerms" not in picture


def test_an_agency_photo_is_held_by_its_agency(client, make_article, make_photo):
    antara = Agency.objects.create(name="ANTARA")
    wire_photo = with_renditions(make_photo(credit="ANTARA FOTO/Budi", licence_type="agency", agency=antara))
    unknown = with_renditions(make_photo(credit="Dok. pribadi", licence_type="handout"))
    article = make_article()
    ArticlePhoto.objects.create(article=article, photo=wire_photo, order=0)
    ArticlePhoto.objects.create(article=article, photo=unknown, order=1)

    held, unheld = get_ninjs(client, article)["associations"]

    assert held["copyrightHolder"] == "ANTARA"
    assert "copyrightHolder" not in unheld  # nobody named rather than a guess


def test_photos_before_their_renditions_are_made_link_the_original(client, make_article, make_photo):
    fresh = make_photo(credit="Dwi Arif")
    article = make_article()
    ArticlePhoto.objects.create(article=article, photo=fresh, order=0)

    (picture,) = get_ninjs(client, article)["associations"]

    assert picture["renditions"] == [
        {
            "name": "original",
            "href": SITE + fresh.image.url,
            "contentType": "image/jpeg",
            "width": fresh.width,
            "height": fresh.height,
        }
    ]


# --- Only what readers may see ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT, "publish_at": None},
        {"status": Article.Status.IN_REVIEW},
        {"status": Article.Status.APPROVED},
        {"status": Article.Status.UNPUBLISHED},
        {"publish_at": "future"},
        {"expires_at": "past"},
    ],
    ids=["draft", "in-review", "approved", "unpublished", "scheduled", "expired"],
)
def test_a_story_readers_may_not_see_is_a_404(client, make_article, fields):
    now = timezone.now()
    if fields.get("publish_at") == "future":
        fields = {"publish_at": now + timedelta(hours=2)}
    if fields.get("expires_at") == "past":
        fields = {"publish_at": now - timedelta(days=2), "expires_at": now - timedelta(hours=1)}
    hidden = make_article(**fields)

    response = client.get(ninjs_url(hidden))

    assert response.status_code == 404
    assert hidden.headline not in response.content.decode()


def test_a_story_that_does_not_exist_is_a_404(client, db):
    assert client.get(reverse("api-v1:story_ninjs", args=[987654])).status_code == 404


def test_staff_get_no_more_than_readers(client, people, make_article):
    draft = make_article(status=Article.Status.DRAFT, publish_at=None)
    client.force_login(people["chief_editor"])

    assert client.get(ninjs_url(draft)).status_code == 404


# --- HTTP: type, caching, conditional GETs ---------------------------------------------------------------------------


def test_served_as_utf8_json(client, demo_story):
    response = client.get(ninjs_url(demo_story))

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Pasar Baru dibuka kembali" in response.content.decode("utf-8")  # not \u-escaped


def test_conditional_gets_answer_304(client, demo_story):
    first = client.get(ninjs_url(demo_story))
    assert first.has_header("ETag") and first.has_header("Last-Modified")

    again = client.get(ninjs_url(demo_story), headers={"if-none-match": first["ETag"]})
    since = client.get(ninjs_url(demo_story), headers={"if-modified-since": first["Last-Modified"]})

    assert again.status_code == 304
    assert since.status_code == 304


def test_an_edit_changes_the_item_at_once(client, demo_story):
    first = client.get(ninjs_url(demo_story))
    assert first["X-Page-Cache"] == "miss"
    assert client.get(ninjs_url(demo_story))["X-Page-Cache"] == "hit"

    demo_story.headline = "Pasar Baru ramai lagi"
    demo_story.save()
    changed = client.get(ninjs_url(demo_story), headers={"if-none-match": first["ETag"]})

    assert changed.status_code == 200
    assert changed.json()["headlines"][0]["value"] == "Pasar Baru ramai lagi"
    assert changed.json()["version"] == str(demo_story.version)


def test_unpublishing_takes_the_item_away(client, demo_story):
    assert client.get(ninjs_url(demo_story)).status_code == 200

    demo_story.status = Article.Status.UNPUBLISHED
    demo_story.save()

    assert client.get(ninjs_url(demo_story)).status_code == 404


# --- Cost -------------------------------------------------------------------------------------------------------------


def add_parts(article, make_photo, count: int) -> None:
    agency, _ = Agency.objects.get_or_create(name="ANTARA")
    for n in range(count):
        photo = with_renditions(make_photo(credit=f"ANTARA FOTO/Fotografer {n}", agency=agency))
        photo.photographer = Contributor.objects.create(name=f"Fotografer {n}", slug=f"fotografer-{article.pk}-{n}")
        photo.save()
        ArticlePhoto.objects.create(article=article, photo=photo, order=n)
        writer = Contributor.objects.create(name=f"Penulis {n}", slug=f"penulis-{article.pk}-{n}")
        Byline.objects.create(article=article, contributor=writer, order=n)
        article.tags.add(f"topik {article.pk} {n}")
        source = Source.objects.create(name=f"Narasumber {n}", title="Warga", status="confirmed")
        Quote.objects.create(article=article, text=f"Kata {n}", source=source, status=Quote.Status.CONFIRMED)
        Correction.objects.create(article=article, text=f"Koreksi {n}")


def build_archive(make_article, make_photo, *, stories: int, parts: int):
    """An archive of ``stories`` other stories and the story asked for, each with ``parts`` photos, bylines, tags,
    quotes and notices."""
    for _ in range(stories):
        add_parts(make_article(), make_photo, parts)
    story = make_article()
    add_parts(story, make_photo, parts)
    return story


@pytest.mark.parametrize(("stories", "parts"), [(1, 1), (20, 6)], ids=["small", "large"])
def test_the_same_queries_whatever_the_archive_and_the_story(
    client, settings, django_assert_num_queries, make_article, make_photo, stories, parts
):
    story = build_archive(make_article, make_photo, stories=stories, parts=parts)

    # Rendered: the story and its seven kinds of parts (stories_for_ninjs, test below), then what Last-Modified
    # costs (api/conditional.py's, the same for every answer of the API).
    with CaptureQueriesContext(connection) as last_modified:
        last_public_change()
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    with django_assert_num_queries(8 + len(last_modified)):
        assert client.get(ninjs_url(story)).status_code == 200
    # From the cache: the pages' version only.
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    client.get(ninjs_url(story))
    with django_assert_num_queries(1):
        assert client.get(ninjs_url(story))["X-Page-Cache"] == "hit"


def test_the_item_is_built_with_a_fixed_number_of_queries(django_assert_num_queries, make_article, make_photo):
    article = make_article()
    add_parts(article, make_photo, 3)

    # The story, its bylines, public photos, their photographers and agencies, notices, tags and public quotes:
    # eight queries loading it, and none building the item.
    with django_assert_num_queries(8):
        story = stories_for_ninjs().get(pk=article.pk)
    with django_assert_num_queries(0):
        story_as_ninjs(story)


# --- The validator itself: IPTC's own test suite ---------------------------------------------------------------------


def suite_files(kind: str) -> list[Path]:
    files = sorted(SUITE.glob(f"3.*/{kind}/*.json"))
    if not files:
        pytest.skip(f"IPTC's ninjs test suite is not in {SUITE}")
    return files


def test_iptc_examples_that_must_pass_validate_against_the_shipped_schema():
    for path in suite_files("should_pass"):
        assert validation.validate(json.loads(path.read_text()), "3.1") == [], path.name


def test_iptc_examples_that_must_fail_are_refused():
    for path in suite_files("should_fail"):
        assert validation.validate(json.loads(path.read_text()), "3.1") != [], path.name


def test_formats_are_checked():
    assert validation.validate({"uri": "not a uri"}, "3") == ["$.uri: 'not a uri' is not a 'uri'"]
    assert validation.validate({"uri": "urn:x:1", "versionCreated": "2026-02-30T10:00:00Z"}, "3.0") == [
        "$.versionCreated: '2026-02-30T10:00:00Z' is not a 'date-time'"
    ]
    assert validation.validate({"uri": "urn:x:1", "versionCreated": "2026-02-03 10:00"}, "3.1") != []
    assert validation.validate({"uri": "not a uri"}, "3", check_formats=False) == []


def test_2x_and_1x_items_are_checked_against_their_own_branch():
    assert validation.validate({"uri": "urn:x:1", "headlines": [{"value": "A"}]}, "2.1") == []
    assert validation.validate({"uri": "urn:x:1", "headline": "A"}, "1.5") == []
    assert validation.validate({"uri": "urn:x:1", "versionCreated": "2026-01-01T00:00:00Z"}, "2.2") != []
    with pytest.raises(ValueError, match="No ninjs schema"):
        validation.validate({"uri": "urn:x:1"}, "4.0")

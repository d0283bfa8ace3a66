"""The read API at /api/v1/: every endpoint's fields, the site's filters, cursor pagination, and the rules readers
see by (no draft, scheduled, expired or unpublished story, unapproved photo, unconfirmed quote or source known only
from drafts ever appears)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles.models import Article, ArticlePhoto, Byline, Contributor, Correction, Photo, Quote, Section, Source

JAKARTA = ZoneInfo("Asia/Jakarta")
SITE = "https://newsroom.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.NEWSROOM_SITE_URL = SITE


def api(client, path: str, **params):
    response = client.get(f"/api/v1{path}", params)
    return response


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def full_story(make_article, make_photo):
    """A published story with a byline, two tags, a public lead photo with renditions, a pending photo, a confirmed
    and a proposed quote, and a correction."""
    published = datetime(2026, 3, 4, 9, 15, tzinfo=JAKARTA)
    article = make_article(
        headline="Banjir surut di Kampung Melayu",
        kicker="Banjir Jakarta",
        dek="Air mulai surut pagi ini.",
        social_title="Banjir surut",
        body='<p>Warga kembali ke rumah.</p><script>alert(1)</script><p onclick="x()">Kedua.</p>',
        publish_at=published,
    )
    article.tags.add("banjir", "Jakarta Timur")
    writer = Contributor.objects.create(name="Rina Wulandari", slug="rina-wulandari", title="Reporter", bio="Bio.")
    Byline.objects.create(article=article, contributor=writer, order=0)
    lead = make_photo(
        caption="Warga membersihkan rumah",
        credit="Dwi Arif",
        source="Newsroom",
        copyright_notice="© 2026 Newsroom",
        licence_type=Photo.LicenceType.STAFF,
        usage_terms="Editorial use only",
        alt_text="Dua warga menyapu lumpur",
    )
    Photo.objects.filter(pk=lead.pk).update(
        renditions={
            "320": {"url": "/media/cache/a/320.webp", "width": 320, "height": 240, "source": lead.image.name},
            "640": {"url": "/media/cache/a/640.webp", "width": 640, "height": 480, "source": lead.image.name},
            "social": {"url": "/media/cache/a/social.jpg", "width": 1200, "height": 630, "source": lead.image.name},
        }
    )
    pending = make_photo(approved=False, caption="Belum disetujui", credit="Anon")
    ArticlePhoto.objects.create(article=article, photo=lead, order=0, caption="Di Kampung Melayu")
    ArticlePhoto.objects.create(article=article, photo=pending, order=1)
    speaker = Source.objects.create(
        name="Denny Ramdany", title="Kepala BPBD", organisation="Pemprov DKI", status=Source.Status.CONFIRMED
    )
    Quote.objects.create(
        article=article, text="Air sudah surut", source=speaker, position=1, status=Quote.Status.CONFIRMED
    )
    Quote.objects.create(article=article, text="Belum dicek", source=speaker, position=2)
    Correction.objects.create(
        article=article, text="Tanggal diperbaiki.", created_at=datetime(2026, 3, 4, 12, 0, tzinfo=JAKARTA)
    )
    return article


# --- The story's answer ---------------------------------------------------------------------------------------------


def test_a_story_answers_every_field_the_page_shows(client, full_story):
    response = api(client, f"/stories/{full_story.pk}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    story = response.json()
    assert story["id"] == full_story.pk
    assert story["url"] == f"{SITE}/2026/03/04/{full_story.slug}/"
    assert story["api_url"] == f"{SITE}/api/v1/stories/{full_story.pk}"
    assert story["language"] == "id"
    assert story["headlines"] == {
        "headline": "Banjir surut di Kampung Melayu",
        "kicker": "Banjir Jakarta",
        "dek": "Air mulai surut pagi ini.",
        "seo_title": "Banjir surut di Kampung Melayu",  # none given: the headline
        "social_title": "Banjir surut",
    }
    assert story["section"] == {"slug": "kota", "name": "Kota", "name_en": "", "order": 1, "url": f"{SITE}/seksi/kota/"}
    assert sorted(tag["name"] for tag in story["tags"]) == ["Jakarta Timur", "banjir"]
    assert {tag["url"] for tag in story["tags"]} == {f"{SITE}/topik/banjir/", f"{SITE}/topik/jakarta-timur/"}
    assert story["bylines"] == [
        {
            "role": "reporter",
            "contributor": {
                "id": full_story.bylines.get().contributor_id,
                "name": "Rina Wulandari",
                "slug": "rina-wulandari",
                "title": "Reporter",
                "url": f"{SITE}/penulis/rina-wulandari/",
            },
        }
    ]
    assert story["published_at"] == {"wib": "2026-03-04T09:15:00+07:00", "utc": "2026-03-04T02:15:00Z"}
    assert story["updated_at"] == {"wib": "2026-03-04T12:00:00+07:00", "utc": "2026-03-04T05:00:00Z"}
    assert story["corrections"] == [
        {"kind": "correction", "text": "Tanggal diperbaiki.", "created_at": story["updated_at"]}
    ]


def test_the_body_is_the_pages_sanitised_body(client, full_story):
    body = api(client, f"/stories/{full_story.pk}").json()["body_html"]

    assert "<p>Warga kembali ke rumah.</p>" in body
    assert "<script" not in body and "onclick" not in body and "alert" not in body


def test_a_public_photo_comes_with_credit_licence_and_absolute_renditions(client, full_story):
    story = api(client, f"/stories/{full_story.pk}").json()

    assert len(story["photos"]) == 1  # the pending one is not there
    photo = story["photos"][0]
    assert story["lead_photo"] == photo
    assert photo["caption"] == "Di Kampung Melayu"  # the caption in this story
    assert photo["credit"] == "Dwi Arif" and photo["credit_line"] == "Foto: Dwi Arif"
    assert photo["source"] == "Newsroom" and photo["copyright_notice"] == "© 2026 Newsroom"
    assert photo["licence"] == "staff" and photo["usage_terms"] == "Editorial use only"
    assert photo["alt_text"] == "Dua warga menyapu lumpur"
    assert photo["renditions"] == [
        {"url": f"{SITE}/media/cache/a/320.webp", "width": 320, "height": 240},
        {"url": f"{SITE}/media/cache/a/640.webp", "width": 640, "height": 480},
    ]
    assert photo["social"] == {"url": f"{SITE}/media/cache/a/social.jpg", "width": 1200, "height": 630}


def test_a_photo_without_renditions_yet_shows_the_original_as_the_page_does(client, make_article, make_photo):
    article = make_article()
    picture = make_photo()
    ArticlePhoto.objects.create(article=article, photo=picture, order=0)

    photo = api(client, f"/stories/{article.pk}").json()["photos"][0]

    assert photo["renditions"] == [{"url": f"{SITE}{picture.image.url}", "width": 64, "height": 48}]
    assert photo["social"] is None


def test_only_confirmed_quotes_appear_with_their_source(client, full_story):
    quotes = api(client, f"/stories/{full_story.pk}").json()["quotes"]

    assert [quote["text"] for quote in quotes] == ["Air sudah surut"]
    assert quotes[0]["source"]["name"] == "Denny Ramdany"
    assert quotes[0]["source"]["url"].startswith(f"{SITE}/narasumber/")
    assert quotes[0]["is_paraphrase"] is False and quotes[0]["position"] == 1


# --- What never appears ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Article.Status.DRAFT, "publish_at": None},
        {"status": Article.Status.IN_REVIEW, "publish_at": None},
        {"status": Article.Status.APPROVED},
        {"status": Article.Status.UNPUBLISHED},
        {"publish_at_in": timedelta(hours=2)},  # scheduled, not live yet
        {"expired": True},
    ],
    ids=["draft", "in-review", "approved", "unpublished", "scheduled", "expired"],
)
def test_a_story_readers_may_not_see_is_in_no_answer(client, make_article, hidden):
    fields = dict(hidden)
    now = timezone.now()
    if "publish_at_in" in fields:
        fields["publish_at"] = now + fields.pop("publish_at_in")
    if fields.pop("expired", False):
        fields.update(publish_at=now - timedelta(days=2), expires_at=now - timedelta(hours=1))
    secret = make_article(headline="Rahasia redaksi", **fields)
    shown = make_article(headline="Sudah terbit")
    secret.tags.add("rahasia")
    Quote.objects.create(
        article=secret,
        text="Kata rahasia",
        status=Quote.Status.CONFIRMED,
        source=Source.objects.create(name="Orang Dalam"),
    )

    assert ids(api(client, "/stories")) == [shown.pk]
    assert api(client, f"/stories/{secret.pk}").status_code == 404
    assert ids(api(client, "/stories", q="rahasia")) == []
    assert api(client, "/tags").json()["items"] == []
    assert api(client, "/quotes").json()["items"] == []
    assert api(client, "/sources").json()["items"] == []


def test_an_unapproved_or_expired_photo_is_in_no_answer(client, make_article, make_photo):
    article = make_article()
    pending = make_photo(approved=False, caption="pending")
    rejected = make_photo(approved=False, credit_status=Photo.CreditStatus.REJECTED, caption="rejected")
    expired = make_photo(rights_expire_at=timezone.now() - timedelta(minutes=1), caption="expired")
    no_file = make_photo(with_image=False, caption="no file")
    for order, picture in enumerate([pending, rejected, expired, no_file]):
        ArticlePhoto.objects.create(article=article, photo=picture, order=order)

    story = api(client, f"/stories/{article.pk}").json()
    listed = api(client, "/stories").json()["items"][0]

    assert story["photos"] == [] and story["lead_photo"] is None
    assert listed["lead_photo"] is None
    assert "pending" not in str(story) and "rejected" not in str(story)


def test_an_unconfirmed_quote_is_in_no_answer(client, make_article):
    article = make_article()
    speaker = Source.objects.create(name="Budi Santoso")
    Quote.objects.create(article=article, text="Usulan impor", source=speaker)
    Quote.objects.create(article=article, text="Ditolak", source=speaker, status=Quote.Status.REJECTED)

    assert api(client, f"/stories/{article.pk}").json()["quotes"] == []
    assert api(client, "/quotes").json()["items"] == []
    assert api(client, "/sources").json()["items"] == []
    assert api(client, f"/sources/{speaker.pk}").status_code == 404


def test_a_contributor_appears_once_they_have_published_work(client, make_article):
    article = make_article(status=Article.Status.DRAFT, publish_at=None)
    writer = Contributor.objects.create(name="Agus Salim", slug="agus-salim", bio="Menulis soal kota.")
    Byline.objects.create(article=article, contributor=writer, order=0)

    assert api(client, "/contributors").json()["items"] == []
    assert api(client, f"/contributors/{writer.pk}").status_code == 404

    article.status, article.publish_at = Article.Status.PUBLISHED, timezone.now() - timedelta(hours=1)
    article.save()  # publishing makes the cached answers stale, as it does the pages

    listed = api(client, "/contributors").json()["items"]
    assert listed == [
        {
            "id": writer.pk,
            "name": "Agus Salim",
            "slug": "agus-salim",
            "title": "",
            "url": f"{SITE}/penulis/agus-salim/",
            "bio": "Menulis soal kota.",
        }
    ]
    assert api(client, f"/contributors/{writer.pk}").json() == listed[0]


def test_a_photographer_of_a_public_photo_is_a_contributor(client, make_article, make_photo):
    shooter = Contributor.objects.create(name="Dwi Arif", slug="dwi-arif")
    ArticlePhoto.objects.create(article=make_article(), photo=make_photo(photographer=shooter), order=0)

    assert [item["slug"] for item in api(client, "/contributors").json()["items"]] == ["dwi-arif"]


# --- Lists and filters ----------------------------------------------------------------------------------------------


def test_stories_are_newest_first_with_a_next_link_until_the_end(client, make_article):
    now = timezone.now()
    stories = [make_article(publish_at=now - timedelta(hours=hours)) for hours in range(1, 6)]

    first = api(client, "/stories", limit=2)
    assert ids(first) == [stories[0].pk, stories[1].pk]
    following = first.json()["next"]
    assert following.startswith(f"{SITE}/api/v1/stories?") and "limit=2" in following

    second = client.get(following.removeprefix(SITE))
    assert ids(second) == [stories[2].pk, stories[3].pk]
    third = client.get(second.json()["next"].removeprefix(SITE))
    assert ids(third) == [stories[4].pk]
    assert third.json()["next"] is None


def test_the_next_address_keeps_the_filters_and_nothing_else(client, make_article, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0  # unknown parameters are not even dropped by the cache then
    now = timezone.now()
    for hours in range(1, 4):
        make_article(publish_at=now - timedelta(hours=hours), language="en")

    following = api(client, "/stories", limit=1, language="en", utm_source="mail").json()["next"]

    assert "language=en" in following and "limit=1" in following and "cursor=" in following
    assert "utm_source" not in following


def test_stories_at_the_same_moment_are_paged_by_id_with_none_repeated_or_skipped(client, make_article):
    moment = timezone.now() - timedelta(hours=1)
    stories = [make_article(publish_at=moment) for _ in range(5)]

    seen, address = [], "/api/v1/stories?limit=2"
    while address:
        answer = client.get(address)
        seen += ids(answer)
        address = (answer.json()["next"] or "").removeprefix(SITE)

    assert seen == sorted((story.pk for story in stories), reverse=True)


def test_a_story_published_while_paging_does_not_shift_the_pages(client, make_article):
    now = timezone.now()
    older = [make_article(publish_at=now - timedelta(hours=hours)) for hours in range(1, 5)]
    first = api(client, "/stories", limit=2)
    make_article(publish_at=now - timedelta(minutes=1))

    second = client.get(first.json()["next"].removeprefix(SITE))

    assert ids(second) == [older[2].pk, older[3].pk]


@pytest.mark.parametrize("cursor", ["not-a-cursor", "WzEsMl0", "eyJhIjoxfQ", "WyJ4IiwxXQ"])
def test_a_cursor_the_api_did_not_give_is_refused(client, make_article, cursor):
    make_article()

    response = api(client, "/stories", cursor=cursor)

    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]


@pytest.mark.parametrize("limit", [0, 101, "many"])
def test_limit_is_between_1_and_100(client, db, limit):
    assert api(client, "/stories", limit=limit).status_code == 422


def test_the_sites_filters(client, make_article):
    other = Section.objects.create(name="Dunia", slug="dunia", order=2)
    writer = Contributor.objects.create(name="Rina", slug="rina")
    jakarta_day = datetime(2026, 3, 4, 23, 30, tzinfo=JAKARTA)  # the 4th in Jakarta, the 4th 16:30 in UTC
    in_city = make_article(headline="Pompa air dibangun", publish_at=jakarta_day)
    abroad = make_article(
        headline="World markets", section=other, language="en", publish_at=jakarta_day + timedelta(hours=1)
    )
    in_city.tags.add("banjir")
    Byline.objects.create(article=abroad, contributor=writer, order=0)

    assert ids(api(client, "/stories", section="dunia")) == [abroad.pk]
    assert ids(api(client, "/stories", tag="banjir")) == [in_city.pk]
    assert ids(api(client, "/stories", contributor="rina")) == [abroad.pk]
    assert ids(api(client, "/stories", language="en")) == [abroad.pk]
    # Days are the newsroom's: 00:30 on the 5th in Jakarta is the 5th, though it is still the 4th in UTC.
    assert ids(api(client, "/stories", published_after="2026-03-05")) == [abroad.pk]
    assert ids(api(client, "/stories", published_before="2026-03-04")) == [in_city.pk]
    assert ids(api(client, "/stories", q="pompanya")) == [in_city.pk]  # the site's search: stems match
    assert ids(api(client, "/stories", q="pompa", section="dunia")) == []
    assert ids(api(client, "/stories", section="nowhere")) == []
    assert api(client, "/stories", language="fr").status_code == 422


def test_search_results_page_with_the_same_cursor(client, make_article):
    now = timezone.now()
    matches = [make_article(headline=f"Banjir {n}", publish_at=now - timedelta(hours=n)) for n in range(1, 4)]
    make_article(headline="Pasar ramai")

    first = api(client, "/stories", q="banjir", limit=2)
    second = client.get(first.json()["next"].removeprefix(SITE))

    assert ids(first) + ids(second) == [story.pk for story in matches]
    assert second.json()["next"] is None


def test_sections_and_a_section(client, section):
    Section.objects.create(name="Dunia", name_en="World", slug="dunia", order=2)

    listed = api(client, "/sections").json()

    assert [item["slug"] for item in listed] == ["kota", "dunia"]
    assert listed[1] == {
        "slug": "dunia",
        "name": "Dunia",
        "name_en": "World",
        "order": 2,
        "url": f"{SITE}/seksi/dunia/",
    }
    assert api(client, "/sections/dunia").json() == listed[1]
    assert api(client, "/sections/nowhere").status_code == 404


def test_tags_by_name_with_pagination(client, make_article):
    make_article().tags.add("cuaca", "banjir", "angin")

    first = api(client, "/tags", limit=2).json()
    rest = client.get(first["next"].removeprefix(SITE)).json()

    assert [tag["name"] for tag in first["items"] + rest["items"]] == ["angin", "banjir", "cuaca"]
    assert first["items"][0] == {"name": "angin", "slug": "angin", "url": f"{SITE}/topik/angin/"}


def test_sources_and_quotes_filtered_by_source_and_story(client, make_article):
    first, second = make_article(), make_article()
    talker = Source.objects.create(name="Budi", title="Camat", organisation="Pemkot", source_type="government")
    other = Source.objects.create(name="Ani", suggested_type="citizen")
    one = Quote.objects.create(article=first, text="Satu", source=talker, status=Quote.Status.CONFIRMED)
    two = Quote.objects.create(article=second, text="Dua", source=talker, status=Quote.Status.CONFIRMED)
    three = Quote.objects.create(article=second, text="Tiga", source=other, status=Quote.Status.CONFIRMED)

    sources = api(client, "/sources").json()["items"]
    assert [source["name"] for source in sources] == ["Ani", "Budi"]
    assert sources[0]["type"] == ""  # a suggested kind is the desk's to confirm, never published
    assert sources[1] | {"id": 0} == {
        "id": 0,
        "name": "Budi",
        "title": "Camat",
        "organisation": "Pemkot",
        "url": f"{SITE}/narasumber/{talker.pk}/",
        "type": "government",
        "level": "",
    }
    assert api(client, f"/sources/{talker.pk}").json() == sources[1]
    assert ids(api(client, "/quotes")) == [three.pk, two.pk, one.pk]
    assert ids(api(client, "/quotes", source=talker.pk)) == [two.pk, one.pk]
    assert ids(api(client, "/quotes", story=second.pk)) == [three.pk, two.pk]
    quote = api(client, "/quotes", story=first.pk).json()["items"][0]
    assert quote["story"] == {"id": first.pk, "headline": first.headline, "url": f"{SITE}{first.get_absolute_url()}"}
    assert quote["source"]["name"] == "Budi"


def test_the_list_item_is_the_detail_without_body_photos_quotes_and_corrections(client, full_story):
    listed = api(client, "/stories").json()["items"][0]
    detail = api(client, f"/stories/{full_story.pk}").json()

    assert listed == {
        name: value for name, value in detail.items() if name not in {"body_html", "photos", "quotes", "corrections"}
    }


# --- The schema and its page ----------------------------------------------------------------------------------------


def test_the_openapi_schema_describes_every_read_endpoint(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    assert schema["info"]["title"] == "Newsroom API" and schema["info"]["version"] == "1"
    for path in [
        "/api/v1/stories",
        "/api/v1/stories/{story_id}",
        "/api/v1/sections",
        "/api/v1/sections/{slug}",
        "/api/v1/tags",
        "/api/v1/contributors",
        "/api/v1/contributors/{contributor_id}",
        "/api/v1/sources",
        "/api/v1/sources/{source_id}",
        "/api/v1/quotes",
    ]:
        assert "get" in schema["paths"][path], path
    parameters = {p["name"] for p in schema["paths"]["/api/v1/stories"]["get"]["parameters"]}
    assert parameters == {
        "section", "tag", "contributor", "language", "published_after", "published_before", "q", "cursor", "limit"
    }  # fmt: skip
    assert "body_html" in schema["components"]["schemas"]["PublicStoryDetail"]["properties"]


def test_the_docs_page_loads_swagger_from_this_site(client, db):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert "/api/v1/openapi.json" in page

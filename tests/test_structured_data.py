"""What search engines and social networks read on a page: the story's NewsArticle JSON-LD, its Open Graph and
Twitter card, and every listing's description, canonical address and Open Graph basics."""

import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import html5lib
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from articles import structured_data
from articles.models import Article, ArticlePhoto, Byline, Contributor, Correction, Quote, Section, Source
from articles.photos.renditions import ensure_renditions

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
JAKARTA = ZoneInfo("Asia/Jakarta")
NS = "{http://www.w3.org/1999/xhtml}"
HOSTILE = '</script><script>alert(1)</script> "quoted" & \u2028 🙂 \u200f\u202e'


def big_jpeg(size=(1600, 1000)) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="pawai.jpg")


@pytest.fixture
def full_story(make_article, make_photo):
    """A published story with two bylines, a photo with its renditions, two tags and a correction."""
    article = make_article(
        headline="Pasar Kenari dibuka lagi",
        dek="Pedagang kembali berjualan setelah pemugaran.",
        seo_title="Pasar Kenari dibuka lagi setelah dipugar",
        seo_description="Pasar Kenari kembali dibuka untuk pedagang dan pembeli.",
        social_title="Pasar Kenari buka lagi!",
        publish_at=datetime(2026, 3, 4, 9, 15, 30, 123456, tzinfo=JAKARTA),
    )
    rina = Contributor.objects.create(name="Rina Wulandari", slug="rina")
    agus = Contributor.objects.create(name="Agus Salim", slug="agus")
    Byline.objects.create(article=article, contributor=rina, order=1)
    Byline.objects.create(article=article, contributor=agus, role=Byline.Role.PHOTOGRAPHER, order=2)
    photo = make_photo(
        image=big_jpeg(),
        caption="Pedagang menata dagangan",
        alt_text="Lapak sayur di lorong pasar",
        copyright_notice="© 2026 Newsroom",
    )
    ensure_renditions(photo)
    photo.save()
    ArticlePhoto.objects.create(article=article, photo=photo, order=0)
    article.tags.add("Pasar", "Jakarta Pusat")
    Correction.objects.create(
        article=article,
        text="Tanggal pembukaan sebelumnya salah.",
        created_at=datetime(2026, 3, 5, 8, 0, 0, 654321, tzinfo=JAKARTA),
    )
    Correction.objects.create(article=article, kind=Correction.Kind.UPDATE, text="Pasar buka sampai malam.")
    return Article.objects.get(pk=article.pk), photo


def parse(page: str):
    return html5lib.parse(page)


def json_ld(page: str) -> dict:
    """The one NewsArticle script on the page, parsed back."""
    scripts = [s for s in parse(page).iter(f"{NS}script") if s.get("type") == "application/ld+json"]
    assert len(scripts) == 1
    return json.loads(scripts[0].text)


def metas(page: str) -> dict[str, list[str]]:
    """Every <meta property|name> of the page's head, as parsed by a browser's HTML parser."""
    found: dict[str, list[str]] = {}
    for meta in parse(page).find(f"{NS}head").iter(f"{NS}meta"):
        key = meta.get("property") or meta.get("name")
        if key:
            found.setdefault(key, []).append(meta.get("content"))
    return found


def links(page: str, rel: str) -> list[str]:
    return [link.get("href") for link in parse(page).iter(f"{NS}link") if link.get("rel") == rel]


def test_story_json_ld_carries_every_field(client, full_story):
    """A story with two bylines, a photo, tags and a correction: search engines read all of it in the JSON-LD."""
    article, photo = full_story
    url = HOST + article.get_absolute_url()
    data = json_ld(client.get(article.get_absolute_url()).text)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Pasar Kenari dibuka lagi setelah dipugar"
    assert data["description"] == "Pasar Kenari kembali dibuka untuk pedagang dan pembeli."
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url} and data["url"] == url
    assert data["datePublished"] == "2026-03-04T09:15:30+07:00"
    assert data["dateModified"].endswith("+07:00") and "." not in data["dateModified"]
    assert data["dateModified"] >= data["datePublished"]
    assert data["author"] == [
        {"@type": "Person", "name": "Rina Wulandari", "url": HOST + reverse("articles:contributor", args=["rina"])},
        {"@type": "Person", "name": "Agus Salim", "url": HOST + reverse("articles:contributor", args=["agus"])},
    ]
    for author in data["author"]:
        assert client.get(author["url"].removeprefix(HOST)).status_code == 200
    assert data["publisher"]["@type"] == "Organization" and data["publisher"]["name"] == "Newsroom"
    logo = data["publisher"]["logo"]
    assert (
        logo["@type"] == "ImageObject"
        and logo["url"].startswith(HOST)
        and (logo["width"], logo["height"])
        == (
            600,
            60,
        )
    )
    assert data["articleSection"] == "Kota"
    assert sorted(data["keywords"]) == ["Jakarta Pusat", "Pasar"]
    assert data["inLanguage"] == "id"
    # The correction is there; the update (news since, not a mistake) is not a CorrectionComment.
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Tanggal pembukaan sebelumnya salah.",
            "datePublished": "2026-03-05T08:00:00+07:00",
        }
    ]
    social, largest = data["image"]
    assert social == {
        "@type": "ImageObject",
        "url": HOST + photo.renditions["social"]["url"],
        "contentUrl": HOST + photo.renditions["social"]["url"],
        "width": 1200,
        "height": 630,
        "caption": "Pedagang menata dagangan",
        "creditText": "Dwi Arif",
        "copyrightNotice": "© 2026 Newsroom",
    }
    assert largest["url"] == HOST + photo.renditions["1280"]["url"] and largest["width"] == 1280
    assert largest["creditText"] == "Dwi Arif"


def test_open_graph_and_twitter_card_with_absolute_addresses(client, full_story):
    """Sharing the story shows its social title, description, a 1200-wide picture with its alt text, and its tags."""
    article, photo = full_story
    url = HOST + article.get_absolute_url()
    page = client.get(article.get_absolute_url()).text
    meta = metas(page)
    image = HOST + photo.renditions["social"]["url"]
    assert meta["og:type"] == ["article"]
    assert meta["og:title"] == meta["twitter:title"] == ["Pasar Kenari buka lagi!"]
    assert meta["og:description"] == meta["twitter:description"] == meta["description"]
    assert meta["description"] == ["Pasar Kenari kembali dibuka untuk pedagang dan pembeli."]
    assert meta["og:url"] == [url] and links(page, "canonical") == [url]
    assert meta["og:site_name"] == ["Newsroom"] and meta["og:locale"] == ["id_ID"]
    assert meta["og:image"] == meta["twitter:image"] == [image] and image.endswith(".jpg")
    assert (meta["og:image:width"], meta["og:image:height"]) == (["1200"], ["630"])
    assert meta["og:image:alt"] == meta["twitter:image:alt"] == ["Lapak sayur di lorong pasar"]
    assert meta["article:published_time"] == ["2026-03-04T09:15:30+07:00"]
    assert meta["article:modified_time"][0].endswith("+07:00")
    assert meta["article:section"] == ["Kota"]
    assert sorted(meta["article:tag"]) == ["Jakarta Pusat", "Pasar"]
    assert meta["twitter:card"] == ["summary_large_image"]


def test_english_story_speaks_english_at_its_english_address(client, make_article, settings):
    """An English story read at /en/ has its /en/ address as canonical, en_US as locale and inLanguage "en"."""
    settings.LANGUAGE_CODE = "id"
    Section.objects.filter(slug="kota").update(name_en="City")
    article = make_article(language="en", headline="Market reopens", body="<p>Traders are back. More news.</p>")
    path = "/en" + article.get_absolute_url()
    page = client.get(path).text
    assert links(page, "canonical") == [HOST + path]
    data = json_ld(page)
    assert data["url"] == HOST + path and data["inLanguage"] == "en" and data["articleSection"] == "City"
    assert metas(page)["og:locale"] == ["en_US"]


def test_description_falls_back_to_the_dek_then_the_body_and_is_never_empty(make_article):
    """Without an SEO description the dek is used, then the body's first whole sentences, then the headline."""
    assert structured_data.description(make_article(dek="Ringkasan berita.")) == "Ringkasan berita."
    body = "<p>Pasar dibuka lagi hari ini. Pedagang &amp; pembeli datang sejak pagi.</p><p>" + "Kata " * 60 + ".</p>"
    assert structured_data.description(make_article(body=body)) == (
        "Pasar dibuka lagi hari ini. Pedagang & pembeli datang sejak pagi."
    )
    long_sentence = make_article(body="<p>" + "panjang " * 40 + "</p>")
    assert 0 < len(structured_data.description(long_sentence)) <= 160
    assert structured_data.description(make_article(headline="Judul saja", body="")) == "Judul saja"
    assert len(structured_data.headline(make_article(headline="Kata " * 50))) <= 110


def test_date_modified_is_the_latest_notice_when_it_is_newer(client, make_article):
    """A correction appended after the last save is a change: dateModified and article:modified_time say so."""
    article = make_article(publish_at=datetime(2026, 3, 4, 9, 0, tzinfo=JAKARTA))
    Article.objects.filter(pk=article.pk).update(updated_at=datetime(2026, 3, 4, 10, 0, tzinfo=JAKARTA))
    Correction.objects.create(article=article, text="Ralat.", created_at=datetime(2026, 3, 6, 7, 30, tzinfo=JAKARTA))
    page = client.get(article.get_absolute_url()).text
    assert json_ld(page)["dateModified"] == "2026-03-06T07:30:00+07:00"
    assert metas(page)["article:modified_time"] == ["2026-03-06T07:30:00+07:00"]


def test_hostile_text_stays_inside_the_json_and_the_attributes(client, make_article, make_photo):
    """Markup, quotes, ampersands, line separators, emoji and RTL marks typed into any field never break out: the
    page has no extra script, and every value reads back as typed."""
    section = Section.objects.create(name=f"Kota {HOSTILE}", slug="kota-jahat")
    article = make_article(
        section=section,
        headline=f"Judul {HOSTILE}",
        dek=f"Dek {HOSTILE}",
        seo_title=f"SEO {HOSTILE}"[:70],
        seo_description=f"Deskripsi {HOSTILE}",
        social_title=f"Sosial {HOSTILE}",
    )
    person = Contributor.objects.create(name=f"Rina {HOSTILE}", slug="rina")
    Byline.objects.create(article=article, contributor=person, order=1)
    photo = make_photo(
        credit=f"Dwi {HOSTILE}",
        caption=f"Keterangan {HOSTILE}",
        alt_text=f"Alt {HOSTILE}",
        copyright_notice=f"© {HOSTILE}",
    )
    ArticlePhoto.objects.create(article=article, photo=photo)
    article.tags.add(f"Topik {HOSTILE}")
    Correction.objects.create(article=article, text=f"Koreksi {HOSTILE}")

    page = client.get(article.get_absolute_url()).text
    tree = parse(page)
    scripts = list(tree.iter(f"{NS}script"))
    assert [script.get("type") for script in scripts] == ["application/ld+json"]
    raw = page[page.index('<script type="application/ld+json">') :]
    raw = raw[len('<script type="application/ld+json">') : raw.index("</script>")]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = json.loads(scripts[0].text)
    assert data["headline"] == f"SEO {HOSTILE}"[:70]
    assert data["description"] == f"Deskripsi {HOSTILE}"
    assert data["author"][0]["name"] == f"Rina {HOSTILE}"
    assert data["articleSection"] == f"Kota {HOSTILE}"
    assert data["keywords"] == [f"Topik {HOSTILE}"]
    assert data["correction"][0]["text"] == f"Koreksi {HOSTILE}"
    [image] = data["image"]
    assert (image["creditText"], image["caption"], image["copyrightNotice"]) == (
        f"Dwi {HOSTILE}",
        f"Keterangan {HOSTILE}",
        f"© {HOSTILE}",
    )
    meta = metas(page)
    assert meta["og:title"] == meta["twitter:title"] == [f"Sosial {HOSTILE}"]
    assert meta["og:description"] == meta["description"] == [f"Deskripsi {HOSTILE}"]
    assert meta["og:image:alt"] == [f"Alt {HOSTILE}"]
    assert meta["article:section"] == [f"Kota {HOSTILE}"] and meta["article:tag"] == [f"Topik {HOSTILE}"]
    # Without an SEO description or social title, the dek and the headline are what gets escaped.
    article.refresh_from_db()
    article.seo_description = article.social_title = ""
    article.save()  # a save, so the cached page is refreshed
    meta = metas(client.get(article.get_absolute_url()).text)
    assert meta["og:description"] == [f"Dek {HOSTILE}"] and meta["og:title"] == [f"Judul {HOSTILE}"]


def test_an_unapproved_photo_never_appears(client, make_article, make_photo):
    """A photo whose credit the desk has not approved is in no card, no JSON-LD and nowhere in the head."""
    article = make_article()
    Byline.objects.create(article=article, contributor=Contributor.objects.create(name="Rina", slug="rina"))
    pending = make_photo(approved=False, image=big_jpeg(), alt_text="Belum boleh")
    ensure_renditions(pending)
    pending.save()
    ArticlePhoto.objects.create(article=article, photo=pending)
    Article.objects.filter(pk=article.pk).update(social_image=pending)
    page = client.get(article.get_absolute_url()).text
    head = page[: page.index("</head>")]
    assert "image" not in json_ld(page)
    assert not any(key.startswith(("og:image", "twitter:image")) for key in metas(page))
    assert pending.image.name not in head and "renditions/" not in head and "Belum boleh" not in head


def test_the_chosen_social_image_is_shared_when_it_is_public(client, make_article, make_photo):
    """The desk's chosen social picture is what a shared link shows, not the lead photo."""
    article = make_article()
    lead, chosen = make_photo(alt_text="Foto utama"), make_photo(alt_text="Foto pilihan")
    ArticlePhoto.objects.create(article=article, photo=lead, order=0)
    ArticlePhoto.objects.create(article=article, photo=chosen, order=1)
    Article.objects.filter(pk=article.pk).update(social_image=chosen)
    meta = metas(client.get(article.get_absolute_url()).text)
    assert meta["og:image:alt"] == ["Foto pilihan"] and meta["og:image"] == [HOST + chosen.image.url]


def test_the_preview_has_no_card_and_stays_unindexed(client, people, make_article):
    """A staff preview of a draft tells search engines and social networks nothing, and says noindex."""
    article = make_article(status="draft", publish_at=None, dek="Belum terbit.")
    client.force_login(people["editor"])
    page = client.get(article.get_preview_url()).text
    meta = metas(page)
    assert meta["robots"] == ["noindex, nofollow"]
    assert "application/ld+json" not in page and not any(key.startswith(("og:", "twitter:")) for key in meta)
    assert links(page, "canonical") == []


def test_building_the_card_and_json_ld_runs_no_query(full_story, django_assert_num_queries):
    """The story page's extra head costs no query: it reads only what for_story_page() prefetched."""
    article = Article.objects.published().for_story_page().get(pk=full_story[0].pk)
    tags = list(article.tags.all())
    request = RequestFactory().get(article.get_absolute_url())
    with django_assert_num_queries(0):
        head = render_to_string(
            "articles/includes/story_head.html", {"article": article, "tags": tags}, request=request
        )
    assert "application/ld+json" in head and 'property="og:image"' in head


def test_story_page_query_count_is_what_it_was(client, full_story):
    """The story page runs 13 queries uncached, as before the card and JSON-LD were added."""
    article = full_story[0]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    assert len(queries) == 13, [query["sql"] for query in queries]


@pytest.fixture
def listings(make_article):
    """Pages other than a story, each with something to describe."""
    article = make_article(headline="Berita pasar")
    rina = Contributor.objects.create(name="Rina Wulandari", slug="rina", bio="Meliput kota sejak 2010. Suka pasar.")
    agus = Contributor.objects.create(name="Agus Salim", slug="agus")
    Byline.objects.create(article=article, contributor=rina, order=1)
    Byline.objects.create(article=article, contributor=agus, order=2)
    article.tags.add("Pasar")
    Correction.objects.create(article=article, text="Koreksi kecil.")
    source = Source.objects.create(name="Denny Ramdany")
    Quote.objects.create(article=article, text="Kami menyambut baik.", source=source, status="confirmed")
    return {
        "home": ("/", "The latest news from Newsroom:"),
        "section": (reverse("articles:section", args=["kota"]), "Latest stories in Kota from Newsroom."),
        "tag": (reverse("articles:tag", args=["pasar"]), "Stories about Pasar from Newsroom."),
        "contributor with a bio": (
            reverse("articles:contributor", args=["rina"]),
            "Meliput kota sejak 2010. Suka pasar.",
        ),
        "contributor without": (
            reverse("articles:contributor", args=["agus"]),
            "Stories and photos by Agus Salim for Newsroom.",
        ),
        "corrections": (reverse("articles:corrections"), "Corrections, clarifications and updates"),
        "quotes": (reverse("articles:quote_search"), "Search what people said in Newsroom stories"),
        "source": (source.get_absolute_url(), "What Denny Ramdany said in Newsroom stories"),
    }


def test_every_listing_has_a_description_a_canonical_address_and_open_graph(client, listings):
    """Home, section, topic, contributor, corrections, quote search and source pages each describe themselves."""
    for name, (path, description) in listings.items():
        response = client.get(path + "?page=1&utm_source=x")
        assert response.status_code == 200, name
        page = response.text
        meta = metas(page)
        assert len(meta["description"]) == 1 and meta["description"][0].startswith(description), name
        assert meta["og:description"] == meta["description"], name
        [canonical] = links(page, "canonical")
        assert canonical.startswith(HOST + "/") and "utm_source" not in canonical, name
        assert meta["og:url"] == [canonical] and meta["og:type"] == ["website"], name
        assert meta["og:site_name"] == ["Newsroom"] and meta["og:title"][0], name
    # The bio's first whole sentences that fit a description.
    assert metas(client.get(reverse("articles:contributor", args=["rina"])).text)["description"] == [
        "Meliput kota sejak 2010. Suka pasar."
    ]


def test_listing_descriptions_are_in_indonesian_at_the_indonesian_address(client, listings, settings):
    """The Indonesian site describes its section page in Indonesian."""
    settings.LANGUAGE_CODE = "id"
    meta = metas(client.get(reverse("articles:section", args=["kota"])).text)
    assert meta["description"] == ["Berita terbaru rubrik Kota dari Newsroom."]

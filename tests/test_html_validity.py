"""Readers' pages are valid HTML for the W3C Nu checker in both languages: machine-readable times a validator accepts,
and the first picture of a listing asked for at once (the largest thing on a phone's first screen)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import timedelta
from pathlib import Path

import html5lib
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import ArticlePhoto, Byline, Contributor, Correction, Quote, Section, Source

pytestmark = pytest.mark.django_db
NS = "{http://www.w3.org/1999/xhtml}"
# What the HTML standard calls a "valid global date and time string", as written here: seconds, Jakarta's offset.
VALID_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00")


def build_reader_site(make_article, make_photo) -> dict[str, str]:
    """Stories with photos, bylines, topics, quotes (pull quote, paraphrase, long words) and a correction; returns
    every kind of reader's page by name, at its address in the default language (no prefix)."""
    city = Section.objects.create(name="Perkotaan", name_en="Urban affairs", slug="perkotaan", order=0)
    economy = Section.objects.create(name="Ekonomi", name_en="Economy", slug="ekonomi", order=2)
    rina = Contributor.objects.create(name="Rina Wulandari", slug="rina-wulandari", bio="Reporter kota.")
    dwi = Contributor.objects.create(name="Dwi Arif", slug="dwi-arif")
    ratna = Source.objects.create(
        name="Ratna Kusumawardani", title="Kepala Dinas", organisation="Pemkot Kenanga", status="confirmed"
    )
    now = timezone.now()
    stories = []
    for number, (section, headline) in enumerate(
        [
            (city, "Pasar Kenanga buka lagi setelah banjir surut"),
            (economy, "Harga cabai turun menjelang panen raya"),
            (city, "Taman kota ditanami seribu pohon"),
        ]
    ):
        story = make_article(
            section=section,
            headline=headline,
            dek="Pedagang kembali berjualan sejak pagi.",
            kicker="Banjir" if number == 0 else "",
            body="<p>Pedagang pasar kembali berjualan. “Kami siap melayani pembeli lagi,” kata Ratna.</p>",
            publish_at=now - timedelta(hours=number + 1, microseconds=123_456),
        )
        Byline.objects.create(article=story, contributor=rina, order=0)
        ArticlePhoto.objects.create(article=story, photo=make_photo(photographer=dwi, alt_text="Pedagang di pasar"))
        story.tags.add("pasar")
        stories.append(story)
    story = stories[0]
    long_words = (
        "Kami siap melayani pembeli seperti biasa lagi, dan kami berharap pemerintah kota memperbaiki saluran air "
        "di sekitar pasar sebelum musim hujan berikutnya datang"
    )
    Quote.objects.create(article=story, text=long_words, source=ratna, status="confirmed", is_pull_quote=True)
    Quote.objects.create(
        article=story,
        text="Pasar dibuka pukul enam pagi",
        source=ratna,
        status="confirmed",
        speaker_title="Kepala Dinas Perdagangan",
        is_paraphrase=True,
        position=1,
    )
    Correction.objects.create(article=story, text="Versi sebelumnya menyebut tanggal yang salah.")
    with translation.override("id"):
        search = reverse("articles:search")
        return {
            "home": reverse("articles:home"),
            "section": city.get_absolute_url(),
            "tag": reverse("articles:tag", args=["pasar"]),
            "contributor": rina.get_absolute_url(),
            "photographer": dwi.get_absolute_url(),  # their photos first, then the stories they took them for
            "story": story.get_absolute_url(),
            "search": search + "?q=pasar",
            "search-filtered": search + "?q=pasar&section=perkotaan",
            "quote-search": reverse("articles:quote_search") + "?speaker=Ratna",
            "source": ratna.get_absolute_url(),
            "corrections": reverse("articles:corrections"),
            "404": "/tidak-ada-halaman-ini/",
        }


@pytest.fixture
def site_pages(settings, make_article, make_photo) -> dict[str, str]:
    """Every reader's page in both languages, as production has them: Indonesian at /…, English at /en/…."""
    settings.LANGUAGE_CODE = "id"
    pages = build_reader_site(make_article, make_photo)
    both = {f"id:{name}": path for name, path in pages.items()}
    both.update({f"en:{name}": "/en" + path for name, path in pages.items()})
    return both


def parsed(response):
    return html5lib.parse(response.content, transport_encoding="utf-8", namespaceHTMLElements=True)


def test_every_machine_readable_time_is_a_valid_date_and_time(client, site_pages):
    """Every <time datetime> on a reader's page reads like 2026-12-06T08:30:00+07:00 (no microseconds)."""
    seen = 0
    for name, path in site_pages.items():
        response = client.get(path)
        for element in parsed(response).iter(f"{NS}time"):
            value = element.get("datetime")
            assert VALID_DATETIME.fullmatch(value or ""), (name, value)
            seen += 1
    assert seen > 20  # listings, the story's own times, quotes and the corrections page were all looked at


def main_images(response) -> list:
    main = parsed(response).find(f".//{NS}main")
    return list(main.iter(f"{NS}img"))


@pytest.mark.parametrize("page", ["home", "section", "tag", "contributor", "photographer"])
def test_only_the_first_picture_of_a_listing_loads_at_once(client, site_pages, page):
    """A listing's first picture loads at once with high priority; every other picture waits until scrolled to."""
    images = main_images(client.get(site_pages[f"id:{page}"]))
    assert len(images) >= 2, page
    first, *rest = images
    assert (first.get("loading"), first.get("fetchpriority")) == (None, "high"), page
    assert [(image.get("loading"), image.get("fetchpriority")) for image in rest] == [("lazy", None)] * len(rest)


def test_the_story_photo_loads_at_once_with_high_priority(client, site_pages):
    """A story's lead photo is asked for first: eager, fetchpriority=high."""
    first = main_images(client.get(site_pages["en:story"]))[0]
    assert (first.get("loading"), first.get("fetchpriority")) == (None, "high")


VNU_JAR = os.environ.get("NEWSROOM_VNU_JAR", "")


@pytest.mark.system("java")
def test_every_readers_page_passes_the_nu_html_checker(client, site_pages, tmp_path):
    """The W3C Nu HTML checker (vnu.jar) finds no error on any reader's page, in Indonesian and in English."""
    if not VNU_JAR or not Path(VNU_JAR).is_file():
        pytest.skip("NEWSROOM_VNU_JAR does not name vnu.jar (npm install vnu-jar; see .ci/run)")
    folder = tmp_path / "pages"  # beside, not among, the photos in MEDIA_ROOT (tmp_path / "media")
    folder.mkdir()
    files = {}
    for name, path in site_pages.items():
        response = client.get(path)
        expected = 404 if name.endswith(":404") else 200
        assert response.status_code == expected, (name, path, response.status_code)
        page = folder / (name.replace(":", "-") + ".html")
        page.write_bytes(response.content)
        files[page.resolve().as_uri()] = name
    checked = subprocess.run(
        [
            "java",
            "-jar",
            VNU_JAR,
            "--errors-only",
            "--format",
            "json",
            *sorted(str(folder / f) for f in os.listdir(folder)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stderr)["messages"]
    errors = [
        f"{files.get(message.get('url'), message.get('url'))} line {message.get('lastLine')}: {message['message']}"
        for message in messages
        if message["type"] in {"error", "non-document-error"}
    ]
    assert errors == [], "\n".join(errors)


def test_a_storys_own_words_on_a_card_carry_its_language(client, site_pages):
    """On the English pages an Indonesian story's kicker, headline and summary are marked lang="id"."""
    main = parsed(client.get(site_pages["en:section"])).find(f".//{NS}main")
    cards = main.findall(f".//{NS}article")
    marked = [
        [element.get("lang") for element in card.iter() if "kicker" in (element.get("class") or "")]
        + [card.find(f".//{NS}h2/{NS}a").get("lang")]
        + [p.get("lang") for p in card.findall(f".//{NS}p") if p.text and p.text.startswith("Pedagang")]
        for card in cards
    ]
    assert marked == [["id", "id", "id"], ["id", "id"]]

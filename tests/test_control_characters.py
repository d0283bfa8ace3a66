"""Control characters typed or pasted into any text never reach the database, and never break a feed or sitemap."""

from __future__ import annotations

from datetime import timedelta

import feedparser
import pytest
from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import (
    ArticlePhoto,
    BreakingNews,
    Byline,
    Contributor,
    Correction,
    EditorialNote,
    Quote,
    Section,
    Source,
    SourceTitle,
)
from articles.text.xml_chars import without_control_characters
from tests.conftest import admin_form_data

pytestmark = pytest.mark.django_db

CONTROLS = "\x00\x01\x08\x0b\x0c\x0e\x1f\x7f\x80\x85\x9f\ud800\udfff\ufffe\uffff"


def dirty(text: str) -> str:
    return text[:3] + CONTROLS + text[3:]


def test_control_characters_go_and_ordinary_text_stays():
    """Every C0/C1 control, lone surrogate and U+FFFE/FFFF goes; tab, newlines, quotes, scripts and emoji stay."""
    kept = "Tab\there\nnew\r line “kutipan” <b> 日本 🔥 \u00a0é"
    assert without_control_characters(dirty(kept)) == kept


def test_a_plain_save_strips_every_text_field(make_article, make_photo, section):
    """Headline, kicker, dek, SEO and social fields, body, captions, credits, names, bios, quotes, notes: all clean."""
    article = make_article(
        headline=dirty("Banjir di Kenanga"),
        kicker=dirty("Pemilu"),
        dek=dirty("Hujan deras."),
        seo_title=dirty("SEO judul"),
        seo_description=dirty("SEO deskripsi"),
        social_title=dirty("Judul sosial"),
        body=f"<p>{dirty('Isi berita.')}</p>",
    )
    photo = make_photo(caption=dirty("Warga mengungsi"), credit=dirty("Dwi Arif"), alt_text=dirty("Air"))
    use = ArticlePhoto.objects.create(article=article, photo=photo, caption=dirty("Di sini"))
    writer = Contributor.objects.create(name=dirty("Rina W"), slug="rina", title=dirty("Reporter"), bio=dirty("Bio."))
    Byline.objects.create(article=article, contributor=writer)
    source = Source.objects.create(name=dirty("Budi Santoso"), title=dirty("Camat"))
    day = timezone.localdate()
    title = SourceTitle.objects.create(source=source, title=dirty("Lurah"), first_seen=day, last_seen=day)
    quote = Quote.objects.create(article=article, text=dirty("Kami siap."), speaker_title=dirty("Camat"))
    correction = Correction.objects.create(article=article, text=dirty("Nama diperbaiki."))
    note = EditorialNote.objects.create(article=article, text=dirty("Cek lagi."))
    banner = BreakingNews.objects.create(text=dirty("Gempa"), ends_at=timezone.now() + timedelta(hours=1))
    section.name = dirty("Kota Baru")
    section.save()
    # taggit looks a name up before it saves a new tag, and no database takes a lone surrogate in a query: a tag
    # name is tested with the other characters (tag names come from a form, which cannot send a lone surrogate).
    article.tags.add("Ban\x0bjir\x01 \x85bandang\ufffe")

    for record in (article, photo, use, writer, source, title, quote, correction, note, banner, section):
        record.refresh_from_db()
    assert (article.headline, article.kicker, article.dek) == ("Banjir di Kenanga", "Pemilu", "Hujan deras.")
    assert (article.seo_title, article.seo_description, article.social_title) == (
        "SEO judul",
        "SEO deskripsi",
        "Judul sosial",
    )
    assert article.body == "<p>Isi berita.</p>"
    assert (photo.caption, photo.credit, photo.alt_text, use.caption) == (
        "Warga mengungsi",
        "Dwi Arif",
        "Air",
        "Di sini",
    )
    assert (writer.name, writer.title, writer.bio) == ("Rina W", "Reporter", "Bio.")
    assert (source.name, source.title, title.title) == ("Budi Santoso", "Camat", "Lurah")
    assert (quote.text, quote.speaker_title) == ("Kami siap.", "Camat")
    assert (correction.text, note.text, banner.text, section.name) == (
        "Nama diperbaiki.",
        "Cek lagi.",
        "Gempa",
        "Kota Baru",
    )
    assert list(Tag.objects.values_list("name", flat=True)) == ["Banjir bandang"]


def test_validation_sees_the_text_as_it_will_be_stored(section):
    """full_clean strips first: a headline at the length limit plus invisible characters is valid, and clean."""
    from articles.models import Article

    article = Article(headline="A" * 290 + "\x0b" * 20, slug="a", section=section)
    article.full_clean()
    assert article.headline == "A" * 290
    named = Section(name="\x0bDaerah\x85", slug="daerah")
    named.full_clean()
    assert named.name == "Daerah"
    with pytest.raises(ValidationError) as refused:  # the stored name "Kota" is taken: the check sees it
        Section(name="Ko\x0bta", slug="kota-2").full_clean()
    assert "name" in refused.value.error_dict


def test_a_headline_saved_through_the_admin_form_loses_its_control_character(client, people, make_article):
    """An editor pastes a headline with \\x0b into the story form: it is stored without it, and the feed still reads."""
    article = make_article()
    client.force_login(people["editor"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = admin_form_data(client.get(url), headline="Banjir\x0b di Kenanga", dek="Ringkas\x01an.")
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    article.refresh_from_db()
    assert (article.headline, article.dek) == ("Banjir di Kenanga", "Ringkasan.")
    client.logout()
    for name in ("articles:feed", "articles:atom_feed"):
        parsed = feedparser.parse(client.get(reverse(name)).content)
        assert not parsed.bozo and parsed.entries[0].title == "Banjir di Kenanga"


def test_rows_written_around_save_still_make_valid_feeds_and_sitemaps(client, make_article):
    """A control character written by a bulk update (no save, no signal) leaves every feed and sitemap readable."""
    from articles.models import Article

    article = make_article(dek="")
    article.tags.add("banjir")
    Article.objects.filter(pk=article.pk).update(headline="Banjir\x0b di\x01 Kenanga", body="<p>Isi\x0c.</p>")
    Tag.objects.update(name="ban\x0bjir")
    for name, args in [
        ("articles:feed", []),
        ("articles:atom_feed", []),
        ("articles:section_feed", ["kota"]),
        ("articles:tag_atom_feed", ["banjir"]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, (name, parsed.bozo_exception)
        assert parsed.entries[0].title == "Banjir di Kenanga"
    for url in ("/sitemap.xml", "/sitemap-news.xml", "/sitemap-tags.xml", "/sitemap-stories-kota.xml"):
        response = client.get(url)
        assert response.status_code == 200, url
        ElementTree.fromstring(response.content)

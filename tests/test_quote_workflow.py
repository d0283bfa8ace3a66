"""Quotes from import to readers: proposed by extraction, confirmed, edited or rejected by editors, extracted again
without duplicates, and their speakers kept as sources (proposed until an editor confirms them)."""

from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from articles.models import Article, ArticlePhoto, Quote, Source, SourceTitle
from articles.services.importing import import_story, read_story_file
from articles.services.quotes import (
    body_paragraphs,
    extract_again,
    normalise_quote,
    review_quotes,
    same_quote,
)
from articles.services.sources import source_for_speaker

pytestmark = pytest.mark.django_db

BODY = (
    "<p>Pemerintah Kota Kenanga memperbaiki pompa banjir di Kali Kenanga.</p>"
    "<p>“Perbaikan pompa kami kebut supaya selesai sebelum musim hujan,” kata Kepala Dinas Sumber Daya Air Kota "
    "Kenanga, Ratna Kusumawardani, Senin (3/11/2025).</p>"
    "<p>Menurut Ratna, dua dari lima pompa sudah tua. “Suku cadangnya sulit dicari di pasar dalam negeri,” "
    "ujarnya.</p>"
    "<ul><li>Ketua RW 05 Kenanga, Budi Santoso, mengatakan, “Kami sudah tiga kali kebanjiran tahun ini dan lelah "
    "mengungsi.”</li></ul>"
)
PUMPS = "Perbaikan pompa kami kebut supaya selesai sebelum musim hujan"
PARTS = "Suku cadangnya sulit dicari di pasar dalam negeri"
FLOODS = "Kami sudah tiga kali kebanjiran tahun ini dan lelah mengungsi."
STORY_FILE = """# Petugas memeriksa pompa di Kali Kenanga, Senin. (Foto: Dwi Arif)

Pompa banjir Kali Kenanga diperbaiki

Pemerintah Kota Kenanga memperbaiki pompa banjir di Kali Kenanga.

"Perbaikan pompa kami kebut supaya selesai sebelum musim hujan," kata Kepala Dinas Sumber Daya Air Kota Kenanga, \
Ratna Kusumawardani, Senin (3/11/2025).

Ketua RW 05 Kenanga, Budi Santoso, mengatakan, "Kami sudah tiga kali kebanjiran tahun ini dan lelah mengungsi."
"""


@pytest.fixture
def story(make_article):
    """A published story whose body has three quotes by two speakers; nothing extracted yet."""
    return make_article(headline="Pompa banjir diperbaiki", body=BODY)


def texts(article, status=None) -> list[str]:
    quotes = article.quotes.order_by("position", "pk")
    if status:
        quotes = quotes.filter(status=status)
    return list(quotes.values_list("text", flat=True))


class _FormReader(HTMLParser):
    """What a browser would post for the form with ``form_id``: fields with their values as rendered."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, False, []
        self._select = self._textarea = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or (not attrs.get("name") and tag != "option"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image") or (
                kind in ("checkbox", "radio") and "checked" not in attrs
            ):
                return
            self.data.append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = attrs["name"], []

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def posted_form(html: str, form_id: str) -> dict[str, list[str]]:
    reader = _FormReader(form_id)
    reader.feed(html)
    data: dict[str, list[str]] = {}
    for name, value in reader.data:
        data.setdefault(name, []).append(value)
    return data


# --- import and sources ----------------------------------------------------------------------------------------


def test_import_proposes_quotes_with_proposed_sources_and_their_titles(tmp_path, section):
    """Importing a story file proposes its quotes, each linked to a new proposed source whose printed title is kept."""
    path = tmp_path / "pompa.txt"
    path.write_text(STORY_FILE, encoding="utf-8")
    article = import_story(story_file=read_story_file(path), section=section)
    quotes = list(article.quotes.select_related("source").order_by("position"))
    assert [quote.text for quote in quotes] == [PUMPS, FLOODS]
    assert {quote.status for quote in quotes} == {Quote.Status.PROPOSED}
    assert [quote.source.name for quote in quotes] == ["Ratna Kusumawardani", "Budi Santoso"]
    assert {quote.source.status for quote in quotes} == {Source.Status.PROPOSED}
    ratna = quotes[0].source
    assert list(ratna.titles.values_list("title", flat=True)) == ["Kepala Dinas Sumber Daya Air Kota Kenanga"]


@pytest.mark.parametrize("typed", ["ratna kusumawardani", "RATNA   Kusumawardani", " Ratná Kusumawardaní "])
def test_sources_are_matched_by_normalised_name(db, typed):
    """Case, spacing and accents in a speaker's name find the existing source instead of creating another."""
    ratna = Source.objects.create(name="Ratna Kusumawardani", status=Source.Status.CONFIRMED)
    assert source_for_speaker(typed, "Kepala Dinas") == ratna
    assert Source.objects.count() == 1
    assert ratna.titles.get().title == "Kepala Dinas"


def test_a_new_speaker_becomes_a_proposed_source(db):
    """A name no source has yet creates one, proposed, with the title as its current title."""
    source = source_for_speaker("  Budi   Santoso ", "Ketua RW 05")
    assert (source.name, source.title, source.status) == ("Budi Santoso", "Ketua RW 05", Source.Status.PROPOSED)
    assert source_for_speaker("", "Ketua") is None and source_for_speaker(None) is None
    assert Source.objects.count() == 1


def test_a_confirmed_source_wins_over_a_proposed_duplicate(db):
    """When two records share a name, the one an editor confirmed gets the new quotes."""
    Source.objects.create(name="Budi Santoso")
    confirmed = Source.objects.create(name="budi santoso", status=Source.Status.CONFIRMED)
    assert source_for_speaker("Budi Santoso") == confirmed


def test_titles_over_time_widen_their_dates(db):
    """The same printed title seen on later and earlier days keeps one row with the first and last day."""
    from datetime import date

    source = Source.objects.create(name="Ratna Kusumawardani")
    for day in (date(2025, 3, 1), date(2025, 6, 1), date(2025, 1, 15)):
        source_for_speaker("Ratna Kusumawardani", "Kepala  Dinas", seen_on=day)
    row = SourceTitle.objects.get(source=source)
    assert (row.title, row.first_seen, row.last_seen) == ("Kepala Dinas", date(2025, 1, 15), date(2025, 6, 1))


# --- extraction again ------------------------------------------------------------------------------------------


def test_body_paragraphs_reads_paragraphs_quotes_and_list_items():
    """The body's headings, <p>, <blockquote> and <li> blocks become paragraphs, entities decoded, spacing collapsed."""
    html = "<h2>Judul</h2><p>Satu &amp; dua<br>tiga</p><blockquote><p>Kutipan</p></blockquote><ul><li> Butir </li></ul>"
    assert body_paragraphs(html) == ["Judul", "Satu & dua tiga", "Kutipan", "Butir"]
    assert body_paragraphs("") == []


def test_quote_texts_are_compared_without_case_spacing_or_marks():
    """Normalised texts ignore case, spacing, quote marks and end punctuation; containment and near-equality match."""
    assert normalise_quote("  “Kami  SIAP,” ") == normalise_quote('"kami siap"') == "kami siap"
    assert same_quote(normalise_quote(PUMPS), normalise_quote(PUMPS + " dan banjir"))
    assert same_quote(normalise_quote(PARTS), normalise_quote(PARTS.replace("sulit", "susah")))
    assert not same_quote(normalise_quote(PARTS), normalise_quote(FLOODS))
    assert not same_quote("ya", "ya, kami siap membantu warga")  # too short to match by containment


def test_extract_again_proposes_the_story_quotes_once(story):
    """The first run proposes every quote with its source; a second run on the same story adds nothing."""
    first = extract_again(article=story)
    assert first.added == 3 and first.removed == 0
    assert texts(story, Quote.Status.PROPOSED) == [PUMPS, PARTS, FLOODS]
    assert story.quotes.filter(source__name="Ratna Kusumawardani").count() == 2
    second = extract_again(article=story)
    assert (second.added, second.kept, second.removed) == (0, 3, 0)
    assert story.quotes.count() == 3
    assert Source.objects.count() == 2


def test_the_lead_photo_caption_is_read_too(story, make_photo):
    """A quote in the lead photo's caption is proposed at position 0."""
    photo = make_photo(caption='Petugas memeriksa pompa. "Pompa ini berumur tiga puluh tahun," kata Ratna.')
    ArticlePhoto.objects.create(article=story, photo=photo, order=0)
    extract_again(article=story)
    assert story.quotes.get(position=0).text == "Pompa ini berumur tiga puluh tahun"


def test_extract_again_never_duplicates_confirmed_quotes_after_edits(story):
    """An editor's slightly edited confirmed quote, and a rejected one, are neither touched nor proposed again."""
    extract_again(article=story)
    pumps, parts, floods = story.quotes.order_by("position")
    pumps.text, pumps.status = "Perbaikan pompa kami kebut agar selesai sebelum musim hujan.", Quote.Status.CONFIRMED
    pumps.save()
    parts.text, parts.status = "Suku cadangnya sulit dicari", Quote.Status.CONFIRMED  # trimmed by the editor
    parts.save()
    review_quotes(quotes=[floods], status=Quote.Status.REJECTED)

    result = extract_again(article=story)
    assert (result.added, result.kept, result.removed) == (0, 3, 0)
    assert texts(story) == [
        "Perbaikan pompa kami kebut agar selesai sebelum musim hujan.",
        "Suku cadangnya sulit dicari",
        FLOODS,
    ]
    assert texts(story, Quote.Status.REJECTED) == [FLOODS]


def test_extract_again_follows_an_edited_story(story):
    """New quotes in an edited story are proposed, stale proposals are removed, confirmed quotes stay as they are."""
    extract_again(article=story)
    story.quotes.filter(text=PUMPS).update(status=Quote.Status.CONFIRMED)
    story.body = (
        story.body.replace(PUMPS, PUMPS.upper()).replace(  # the confirmed quote's words, re-typed in capitals
            PARTS, ""
        )  # the proposed quote is cut
        + "<p>“Kami akan memasang pompa cadangan tahun depan,” kata Ratna Kusumawardani.</p>"
    )
    story.save()
    result = extract_again(article=story)
    assert (result.added, result.removed) == (1, 1)
    assert texts(story, Quote.Status.CONFIRMED) == [PUMPS]
    assert texts(story, Quote.Status.PROPOSED) == [FLOODS, "Kami akan memasang pompa cadangan tahun depan"]


def test_a_proposal_takes_the_story_new_wording(story):
    """When the story's wording of a proposed quote changes slightly, the proposal follows it instead of doubling."""
    extract_again(article=story)
    story.body = story.body.replace("sulit dicari", "susah dicari")
    story.save()
    result = extract_again(article=story)
    assert (result.added, result.updated, result.removed) == (0, 1, 0)
    assert PARTS.replace("sulit", "susah") in texts(story)
    assert story.quotes.count() == 3


def test_a_hand_added_proposal_still_in_the_story_is_kept(story):
    """A proposed quote the extractor does not find is kept as long as its words are still in the story."""
    extract_again(article=story)
    Quote.objects.create(article=story, text="dua dari lima pompa sudah tua", position=3)
    Quote.objects.create(article=story, text="Kalimat yang tidak pernah ada di berita", position=3)
    result = extract_again(article=story)
    assert result.removed == 1
    assert "dua dari lima pompa sudah tua" in texts(story)


def test_extract_quotes_command(story, make_article):
    """``manage.py extract_quotes --article ID`` reads one story; without it every story, each once."""
    other = make_article(body="<p>“Kami siap membantu semua warga yang terdampak,” kata Budi Santoso.</p>")
    call_command("extract_quotes", "--article", str(story.pk), stdout=None)
    assert story.quotes.count() == 3 and not other.quotes.exists()
    call_command("extract_quotes", stdout=None)
    call_command("extract_quotes", stdout=None)
    assert story.quotes.count() == 3 and other.quotes.count() == 1
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No story with id 999999"):
        call_command("extract_quotes", "--article", "999999", stdout=None)


# --- editors' review -------------------------------------------------------------------------------------------


def test_confirming_a_quote_confirms_its_source(story):
    """Confirming a quote confirms its speaker's source and makes the printed title the source's current title."""
    extract_again(article=story)
    quote = story.quotes.get(text=FLOODS)
    source = quote.source
    source.title = ""
    source.save(update_fields=["title"])
    assert review_quotes(quotes=[quote], status=Quote.Status.CONFIRMED).changed == 1
    source.refresh_from_db()
    assert source.status == Source.Status.CONFIRMED and source.title == "Ketua RW 05 Kenanga"
    assert Source.objects.get(name="Ratna Kusumawardani").status == Source.Status.PROPOSED


def test_only_confirmed_quotes_of_published_stories_reach_readers(client, story, make_article):
    """The story page shows confirmed quotes only; a confirmed quote of a draft is not public anywhere."""
    extract_again(article=story)
    review_quotes(quotes=story.quotes.filter(text=PUMPS), status=Quote.Status.CONFIRMED)
    review_quotes(quotes=story.quotes.filter(text=FLOODS), status=Quote.Status.REJECTED)
    draft = make_article(status=Article.Status.DRAFT, publish_at=None, body=BODY, slug="draf")
    extract_again(article=draft)
    review_quotes(quotes=draft.quotes.all(), status=Quote.Status.CONFIRMED)
    html = client.get(story.get_absolute_url()).text
    shown = html.split('<section class="quotes')[1].split("</section>")[0]
    assert PUMPS in shown and PARTS not in shown and FLOODS not in shown
    assert set(Quote.objects.public().values_list("text", flat=True)) == {PUMPS}


def test_pull_quote_is_shown_as_a_prominent_blockquote_with_attribution(client, story):
    """A confirmed pull quote is rendered above the body as a blockquote, attributed and linked to the source page."""
    extract_again(article=story)
    quote = story.quotes.get(text=PUMPS)
    quote.status, quote.is_pull_quote = Quote.Status.CONFIRMED, True
    quote.save()
    html = client.get(story.get_absolute_url()).text
    aside = html.split('<aside class="pull-quote')[1].split("</aside>")[0]
    assert f"<p>“{PUMPS}”</p>" in aside and "<blockquote" in aside
    assert quote.source.get_absolute_url() in aside and "Kepala Dinas Sumber Daya Air Kota Kenanga" in aside
    assert html.index('class="pull-quote') < html.index('class="story-body"')


def test_editor_confirms_edits_and_rejects_in_the_story_inline(client, people, story):
    """Through the story's admin form an editor confirms one quote (its source too), edits another, rejects a third."""
    extract_again(article=story)
    client.force_login(people["editor"])
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = posted_form(client.get(url).text, "article_form")
    order = {data[f"quotes-{i}-text"][0].strip(): i for i in range(3)}
    pumps, parts, floods = order[PUMPS], order[PARTS], order[FLOODS]
    data[f"quotes-{pumps}-status"] = ["confirmed"]
    data[f"quotes-{parts}-text"] = ["Suku cadangnya sulit dicari."]
    data[f"quotes-{parts}-status"] = ["confirmed"]
    data[f"quotes-{floods}-status"] = ["rejected"]
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context.get("errors")
    assert texts(story, Quote.Status.CONFIRMED) == [PUMPS, "Suku cadangnya sulit dicari."]
    assert texts(story, Quote.Status.REJECTED) == [FLOODS]
    assert Source.objects.get(name="Ratna Kusumawardani").status == Source.Status.CONFIRMED
    assert Source.objects.get(name="Budi Santoso").status == Source.Status.PROPOSED
    assert extract_again(article=story).added == 0


def test_extract_again_admin_action(client, people, story):
    """The story list's “Extract quotes again” action proposes the quotes and reports what it did."""
    client.force_login(people["editor"])
    url = reverse("admin:articles_article_changelist")
    data = {"action": "extract_quotes_again", "_selected_action": [story.pk]}
    response = client.post(url, data, follow=True, headers={"accept-language": "en"})
    translation.activate("id")
    assert "3 new proposed" in response.text
    assert story.quotes.count() == 3


def test_quote_desk_bulk_confirm_and_reject(client, people, story):
    """On the quote list an editor filters by status and confirms or rejects quotes in bulk."""
    extract_again(article=story)
    client.force_login(people["editor"])
    url = reverse("admin:articles_quote_changelist")
    listing = client.get(url, {"status__exact": "proposed"})
    assert listing.status_code == 200 and PUMPS in listing.text
    pumps, floods = story.quotes.get(text=PUMPS), story.quotes.get(text=FLOODS)
    client.post(url, {"action": "confirm_quotes", "_selected_action": [pumps.pk]})
    client.post(url, {"action": "reject_quotes", "_selected_action": [floods.pk]})
    assert texts(story, Quote.Status.CONFIRMED) == [PUMPS]
    assert texts(story, Quote.Status.REJECTED) == [FLOODS]
    assert pumps.source.__class__.objects.get(pk=pumps.source_id).status == Source.Status.CONFIRMED
    assert FLOODS not in client.get(url, {"status__exact": "proposed"}).text


@pytest.mark.parametrize(("role", "allowed"), [("reporter", False), ("photo_desk", False), ("chief_editor", True)])
def test_quote_desk_is_for_editors_only(client, people, story, role, allowed):
    """Reporters hold quote permissions for their own drafts only: the cross-story quote list refuses them."""
    extract_again(article=story)
    client.force_login(people[role])
    url = reverse("admin:articles_quote_changelist")
    assert (client.get(url).status_code == 200) is allowed
    client.post(url, {"action": "confirm_quotes", "_selected_action": list(story.quotes.values_list("pk", flat=True))})
    assert story.quotes.filter(status=Quote.Status.CONFIRMED).exists() is allowed


def test_editor_saving_a_source_confirms_it(client, people):
    """An editor who saves a source in the admin confirms it; a reporter adding one leaves it proposed."""
    source = Source.objects.create(name="Budi Santoso")
    client.force_login(people["editor"])
    url = reverse("admin:articles_source_change", args=[source.pk])
    data = posted_form(client.get(url).text, "source_form")
    data["source_type"] = ["citizen"]
    assert client.post(url, data).status_code == 302
    source.refresh_from_db()
    assert (source.status, source.source_type) == (Source.Status.CONFIRMED, "citizen")

    client.force_login(people["reporter"])
    add = reverse("admin:articles_source_add")
    data = posted_form(client.get(add).text, "source_form")
    data["name"] = ["Sari Dewi"]
    assert client.post(add, data).status_code == 302
    assert Source.objects.get(name="Sari Dewi").status == Source.Status.PROPOSED


def test_editor_edits_a_quote_on_the_quote_desk(client, people, story):
    """On a quote's own admin page an editor corrects its text and confirms it; the source is confirmed with it."""
    extract_again(article=story)
    pumps = story.quotes.get(text=PUMPS)
    client.force_login(people["editor"])
    url = reverse("admin:articles_quote_change", args=[pumps.pk])
    page = client.get(url)
    assert page.status_code == 200 and story.headline in page.text
    data = posted_form(page.text, "quote_form")
    data["text"], data["status"] = ["Perbaikan pompa kami kebut."], ["confirmed"]
    assert client.post(url, data).status_code == 302
    pumps.refresh_from_db()
    assert (pumps.text, pumps.status) == ("Perbaikan pompa kami kebut.", Quote.Status.CONFIRMED)
    assert pumps.source.status == Source.Status.CONFIRMED
    assert extract_again(article=story).added == 0


def test_reporter_editing_quotes_in_own_draft_leaves_confirmation_to_the_desk(client, people, make_article):
    """A reporter may correct the quotes of their own draft, but only an editor confirms a quote and its source."""
    draft = make_article(body=BODY, status=Article.Status.DRAFT, publish_at=None, created_by=people["reporter"])
    extract_again(article=draft)
    client.force_login(people["reporter"])
    url = reverse("admin:articles_article_change", args=[draft.pk])
    data = posted_form(client.get(url).text, "article_form")
    index = next(i for i in range(3) if data[f"quotes-{i}-text"][0].strip() == FLOODS)
    data[f"quotes-{index}-speaker_title"] = ["Ketua RW 05"]
    assert client.post(url, data).status_code == 302
    assert draft.quotes.get(text=FLOODS).speaker_title == "Ketua RW 05"
    data = posted_form(client.get(url).text, "article_form")
    data[f"quotes-{index}-status"] = ["confirmed"]  # no such field for a reporter: a hand-made request
    refused = client.post(url, data)
    assert refused.status_code == 200 and "Only an editor" in refused.text
    assert not draft.quotes.filter(status=Quote.Status.CONFIRMED).exists()
    assert Source.objects.get(name="Budi Santoso").status == Source.Status.PROPOSED

"""The record of who said what stays true to the story: only editors decide a quote's review, a confirmed quote's
words are in the story unless an editor marks it a paraphrase (shown as one to readers), extraction leaves quotes an
editor decided or edited alone, and a confirmed quote whose words are cut goes back to the desk and off readers'
pages, however the story is saved."""

from __future__ import annotations

from io import StringIO

import pytest
import reversion
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, ArticlePhoto, Quote, Source
from articles.services import restoring, revisions, workflow
from articles.services.quotes import extract_again, review_quotes
from tests.conftest import admin_form_data, inline_management
from tests.test_quote_workflow import BODY, FLOODS, PARTS, PUMPS, STORY_FILE, texts

pytestmark = pytest.mark.django_db

NOT_IN_STORY = "not in the story"
ONLY_EDITORS = "Only an editor"
PARAPHRASE = "The pumps will be repaired before the rainy season, Ratna said"  # the editor's own summary


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def story_form(client, user, article, **changes) -> dict:
    """Log ``user`` in and read the story's change form as the POST data it would send (with ``changes``)."""
    client.force_login(user)
    return admin_form_data(client.get(change_url(article)), **changes)


def row_of(data: dict, text: str) -> int:
    """The inline row number of the quote whose text is ``text`` in an admin form's posted data."""
    return next(
        int(key.split("-")[1])
        for key, value in data.items()
        if key.startswith("quotes-") and key.endswith("-text") and str(value).strip() == text
    )


def state(article) -> list[tuple]:
    """Every quote of the story as the database holds it."""
    return list(
        article.quotes.order_by("pk").values_list(
            "text", "status", "is_pull_quote", "is_paraphrase", "speaker_title", "source_id"
        )
    )


def quote_list(html: str) -> str:
    """The story page's “who said what” section (empty when there is none)."""
    return html.split('<section class="quotes', 1)[1].split("</section>", 1)[0] if 'class="quotes' in html else ""


def readers_see(client, quote: Quote) -> dict[str, bool]:
    """Where readers find the quote: the story page's quote list, its speaker's page and the quote search."""
    words = quote.text.split()[1]
    source_page = client.get(quote.source.get_absolute_url()) if quote.source_id else None
    return {
        "story": quote.text in quote_list(client.get(quote.article.get_absolute_url()).text),
        "source": bool(source_page and source_page.status_code == 200 and quote.text in source_page.text),
        "search": quote.text in client.get(reverse("articles:quote_search"), {"text": words}).text,
        "public()": Quote.objects.public().filter(pk=quote.pk).exists(),
    }


@pytest.fixture
def story(make_article):
    """A published story with its three quotes proposed: PUMPS confirmed by an editor, FLOODS rejected."""
    article = with_a_byline(make_article(headline="Pompa banjir diperbaiki", body=BODY))
    extract_again(article=article)
    review_quotes(quotes=article.quotes.filter(text=PUMPS), status=Quote.Status.CONFIRMED)
    review_quotes(quotes=article.quotes.filter(text=FLOODS), status=Quote.Status.REJECTED)
    return Article.objects.get(pk=article.pk)


@pytest.fixture
def sent_back(people, make_article):
    """A reporter's story the desk reviewed (PUMPS confirmed, FLOODS rejected) and sent back to draft."""
    article = with_a_byline(
        make_article(body=BODY, status=Article.Status.DRAFT, publish_at=None, created_by=people["reporter"])
    )
    extract_again(article=article)
    workflow.perform_transition(article=article, name="submit", user=people["reporter"])
    review_quotes(quotes=article.quotes.filter(text=PUMPS), status=Quote.Status.CONFIRMED, user=people["editor"])
    review_quotes(quotes=article.quotes.filter(text=FLOODS), status=Quote.Status.REJECTED, user=people["editor"])
    workflow.perform_transition(article=article, name="send_back", user=people["editor"], note="Cek kutipan.")
    return Article.objects.get(pk=article.pk)


# --- only editors decide a quote's review ------------------------------------------------------------------------


def test_reporter_sees_the_review_read_only_and_decided_quotes_locked(client, people, sent_back):
    """On their own draft a reporter gets no status, pull-quote or paraphrase field, and a decided quote is locked."""
    client.force_login(people["reporter"])
    page = client.get(change_url(sent_back))
    formset = next(f.formset for f in page.context["inline_admin_formsets"] if f.formset.model is Quote)
    by_text = {form.instance.text: form for form in formset.forms}
    for form in formset.forms:
        assert not {"status", "is_pull_quote", "is_paraphrase"} & set(form.fields)
    for decided in (by_text[PUMPS], by_text[FLOODS]):
        assert all(field.disabled for name, field in decided.fields.items() if name not in ("id", "article"))
    assert not by_text[PARTS].fields["text"].disabled  # a proposal stays the reporter's to correct
    assert 'name="quotes-0-status"' not in page.text


def test_reporter_cannot_confirm_a_rejected_quote_after_send_back(client, people, sent_back):
    """A crafted POST setting a rejected quote back to confirmed is refused: nothing is saved, and it never goes
    public when the story is published."""
    before, headline = state(sent_back), sent_back.headline
    data = story_form(client, people["reporter"], sent_back, headline="Judul baru dari reporter")
    data[f"quotes-{row_of(data, FLOODS)}-status"] = "confirmed"
    response = client.post(change_url(sent_back), data)
    assert response.status_code == 200 and ONLY_EDITORS in response.text
    assert state(sent_back) == before
    assert Article.objects.get(pk=sent_back.pk).headline == headline
    workflow.perform_transition(article=sent_back, name="publish", user=people["editor"])
    assert set(Quote.objects.public().values_list("text", flat=True)) == {PUMPS}


@pytest.mark.parametrize(
    ("quote", "field", "value"),
    [
        (PUMPS, "text", "Perbaikan pompa kami kebut"),  # a confirmed quote's words
        (PUMPS, "speaker_title", "Wali kota"),
        (FLOODS, "DELETE", "on"),  # deleting a rejected quote would let extraction propose it again
        (PARTS, "is_pull_quote", "on"),
        (PARTS, "is_paraphrase", "on"),
        (PARTS, "status", "rejected"),
    ],
)
def test_reporter_crafted_post_changes_nothing_an_editor_decides(client, people, sent_back, quote, field, value):
    """A reporter's POST that changes a decided quote, or the review of any quote, is refused with a message."""
    before = state(sent_back)
    data = story_form(client, people["reporter"], sent_back)
    data[f"quotes-{row_of(data, quote)}-{field}"] = value
    response = client.post(change_url(sent_back), data)
    assert response.status_code == 200 and ONLY_EDITORS in response.text
    assert state(sent_back) == before


def test_reporter_corrects_a_proposal_on_own_draft(client, people, sent_back):
    """A reporter may still correct the text and speaker's title of a proposed quote; it stays proposed."""
    data = story_form(client, people["reporter"], sent_back)
    row = row_of(data, PARTS)
    data[f"quotes-{row}-text"] = "Suku cadangnya sulit dicari di pasar"
    data[f"quotes-{row}-speaker_title"] = "Kepala Dinas SDA"
    assert client.post(change_url(sent_back), data).status_code == 302
    quote = sent_back.quotes.get(text="Suku cadangnya sulit dicari di pasar")
    assert (quote.status, quote.speaker_title, quote.edited_by_editor) == ("proposed", "Kepala Dinas SDA", False)
    assert texts(sent_back, Quote.Status.CONFIRMED) == [PUMPS] and texts(sent_back, Quote.Status.REJECTED) == [FLOODS]


# --- a confirmed quote's words are in the story ------------------------------------------------------------------


def test_editor_cannot_confirm_words_the_story_never_printed(client, people, story):
    """Editing a confirmed quote to words the story does not have is refused in the story form, and nothing
    changes for readers."""
    before = state(story)
    data = story_form(client, people["editor"], story)
    data[f"quotes-{row_of(data, PUMPS)}-text"] = PARAPHRASE
    response = client.post(change_url(story), data)
    assert response.status_code == 200 and NOT_IN_STORY in response.text
    assert state(story) == before
    assert PARAPHRASE not in client.get(story.get_absolute_url()).text


def test_confirming_a_proposal_not_in_the_story_is_refused_but_a_trim_is_not(client, people, story):
    """Confirming a proposal whose words are not in the story is refused; a trim of the story's words is fine."""
    data = story_form(client, people["editor"], story)
    row = row_of(data, PARTS)
    data[f"quotes-{row}-status"] = "confirmed"
    data[f"quotes-{row}-text"] = "Suku cadang susah dicari"
    response = client.post(change_url(story), data)
    assert response.status_code == 200 and NOT_IN_STORY in response.text
    assert texts(story, Quote.Status.CONFIRMED) == [PUMPS]
    data[f"quotes-{row}-text"] = "“suku cadangnya sulit dicari,”"  # case, marks and end punctuation do not count
    assert client.post(change_url(story), data).status_code == 302
    assert texts(story, Quote.Status.CONFIRMED) == [PUMPS, "“suku cadangnya sulit dicari,”"]


def test_a_confirmed_paraphrase_is_shown_to_readers_as_a_paraphrase(client, people, story):
    """An editor may confirm words the story does not print when marking them a paraphrase; readers see it without
    quotation marks and labelled, on the story page, the speaker's page and in quote search."""
    data = story_form(client, people["editor"], story)
    row = row_of(data, PUMPS)
    data[f"quotes-{row}-text"] = PARAPHRASE
    data[f"quotes-{row}-is_paraphrase"] = "on"
    data[f"quotes-{row}-is_pull_quote"] = "on"
    assert client.post(change_url(story), data).status_code == 302
    quote = story.quotes.get(text=PARAPHRASE)
    assert (quote.status, quote.is_paraphrase) == (Quote.Status.CONFIRMED, True)
    client.logout()
    assert readers_see(client, quote) == {"story": True, "source": True, "search": True, "public()": True}
    page = client.get(story.get_absolute_url()).text
    pull = page.split('<aside class="pull-quote', 1)[1].split("</aside>", 1)[0]
    for shown in (quote_list(page), pull):
        assert "Paraphrase" in shown and f"“{PARAPHRASE}”" not in shown and "<blockquote" not in shown
    for url, params in [(quote.source.get_absolute_url(), {}), (reverse("articles:quote_search"), {"text": "pumps"})]:
        item = client.get(url, params).text.split('class="quote-item', 1)[1].split("</figure>", 1)[0]
        assert PARAPHRASE in item and "Paraphrase" in item and "<blockquote" not in item


def test_quote_desk_refuses_words_not_in_the_story_unless_a_paraphrase(client, people, story):
    """On a quote's own desk page, confirmed words the story lacks are refused; marked a paraphrase they are saved."""
    quote = story.quotes.get(text=PARTS)
    client.force_login(people["editor"])
    url = reverse("admin:articles_quote_change", args=[quote.pk])
    data = admin_form_data(client.get(url), text=PARAPHRASE, status="confirmed")
    response = client.post(url, data)
    assert response.status_code == 200 and NOT_IN_STORY in response.text
    quote.refresh_from_db()
    assert (quote.text, quote.status) == (PARTS, Quote.Status.PROPOSED)
    assert client.post(url, {**data, "is_paraphrase": "on"}).status_code == 302
    quote.refresh_from_db()
    assert (quote.text, quote.status, quote.is_paraphrase) == (PARAPHRASE, Quote.Status.CONFIRMED, True)


def test_bulk_confirm_skips_and_names_quotes_whose_words_are_not_in_the_story(client, people, story):
    """The quote desk's bulk confirm confirms the quotes the story prints and names the ones it skipped."""
    made_up = Quote.objects.create(article=story, text="Kalimat yang tidak pernah ada di berita", position=2)
    paraphrase = Quote.objects.create(article=story, text=PARAPHRASE, position=2, is_paraphrase=True)
    parts = story.quotes.get(text=PARTS)
    client.force_login(people["editor"])
    url = reverse("admin:articles_quote_changelist")
    picked = [made_up.pk, paraphrase.pk, parts.pk]
    response = client.post(url, {"action": "confirm_quotes", "_selected_action": picked}, follow=True)
    assert "2 quotes confirmed" in response.text
    assert NOT_IN_STORY in response.text and made_up.text in response.text
    assert set(texts(story, Quote.Status.CONFIRMED)) == {PUMPS, PARTS, PARAPHRASE}
    assert Quote.objects.get(pk=made_up.pk).status == Quote.Status.PROPOSED
    result = review_quotes(quotes=[made_up], status=Quote.Status.CONFIRMED)
    assert (result.changed, result.skipped) == (0, [made_up])


def test_a_story_added_in_the_admin_with_a_confirmed_quote_it_does_not_print_is_refused(client, people, section):
    """The add form refuses a confirmed quote whose words are not in the new story's body, and saves one that is."""
    client.force_login(people["editor"])
    add = reverse("admin:articles_article_add")
    data = admin_form_data(
        client.get(add),
        headline="Jembatan Kenanga dibuka",
        slug="jembatan-kenanga-dibuka",
        section=section.pk,
        body="<p>“Jembatan ini memangkas waktu tempuh warga,” kata Budi Santoso.</p>",
        **inline_management("quotes", 1),
        **{"quotes-0-text": "Jembatan ini dibangun tanpa utang", "quotes-0-status": "confirmed"},
        **{"quotes-0-position": "1"},
    )
    response = client.post(add, data)
    assert response.status_code == 200 and NOT_IN_STORY in response.text
    assert not Article.objects.filter(slug="jembatan-kenanga-dibuka").exists()
    data["quotes-0-text"] = "Jembatan ini memangkas waktu tempuh warga"
    assert client.post(add, data).status_code == 302
    article = Article.objects.get(slug="jembatan-kenanga-dibuka")
    assert texts(article, Quote.Status.CONFIRMED) == ["Jembatan ini memangkas waktu tempuh warga"]


# --- extraction leaves editors' quotes alone ---------------------------------------------------------------------


def test_re_extraction_after_an_edit_of_a_confirmed_quotes_paragraph(story):
    """After the paragraph of a confirmed quote is reworded, reading the story again neither duplicates nor removes
    the quote (it waits for the editor, flagged); the command does the same."""
    reworded = PUMPS.replace("supaya", "agar")
    story.body = story.body.replace(PUMPS, reworded)
    story.save()
    for _ in range(2):
        result = extract_again(article=story)
        assert (result.added, result.removed) == (0, 0)
        call_command("extract_quotes", "--article", str(story.pk), stdout=StringIO())
    pumps = story.quotes.get(text=PUMPS)
    assert pumps.status == Quote.Status.PROPOSED and pumps.words_gone_since is not None
    assert story.quotes.count() == 3 and texts(story, Quote.Status.REJECTED) == [FLOODS]


def test_a_confirmed_quotes_paragraph_edited_around_it_keeps_it_confirmed(story):
    """Editing a confirmed quote's paragraph but not its words keeps it confirmed, and extraction adds no copy."""
    story.body = story.body.replace("Senin (3/11/2025)", "Selasa (4/11/2025)")
    story.save()
    assert extract_again(article=story).added == 0
    assert texts(story, Quote.Status.CONFIRMED) == [PUMPS] and story.quotes.count() == 3


def test_extraction_leaves_a_proposal_an_editor_edited(client, people, story):
    """A proposal an editor rewrote is neither proposed again in its old words, nor made to follow the story, nor
    removed when its paragraph is cut."""
    data = story_form(client, people["editor"], story)
    data[f"quotes-{row_of(data, PARTS)}-text"] = "Suku cadang sukar didapat"
    assert client.post(change_url(story), data).status_code == 302
    edited = story.quotes.get(text="Suku cadang sukar didapat")
    assert edited.edited_by_editor and edited.status == Quote.Status.PROPOSED
    result = extract_again(article=story)
    assert (result.added, result.removed) == (0, 0) and story.quotes.count() == 3
    story.refresh_from_db()
    story.body = story.body.replace(PARTS, "")
    story.save()
    assert extract_again(article=story).removed == 0
    assert story.quotes.filter(pk=edited.pk, text="Suku cadang sukar didapat").exists()


def test_extraction_never_removes_a_rejected_quote_whose_words_are_cut(story):
    """A rejected quote stays rejected when its words leave the story: cutting and restoring them never proposes it
    again."""
    body = story.body
    story.body = body.replace(FLOODS, "Banjir datang tiap tahun.")
    story.save()
    extract_again(article=story)
    story.body = body
    story.save()
    extract_again(article=story)
    assert texts(story, Quote.Status.REJECTED) == [FLOODS] and story.quotes.count() == 3


# --- a confirmed quote whose words leave the story goes back to the desk -----------------------------------------


def test_cutting_a_confirmed_quotes_words_in_the_admin_sends_it_back_to_the_desk(client, people, story):
    """When an editor cuts a confirmed quote's words, the quote goes back to proposed, flagged for the desk (list
    column, filter, the story's inline), and leaves the story page, the speaker's page and quote search."""
    pumps = story.quotes.get(text=PUMPS)
    assert readers_see(client, pumps) == {"story": True, "source": True, "search": True, "public()": True}
    data = story_form(client, people["editor"], story)
    data["body"] = story.body.replace(PUMPS, "Perbaikan pompa dikebut")
    assert client.post(change_url(story), data).status_code == 302
    pumps.refresh_from_db()
    assert pumps.status == Quote.Status.PROPOSED and pumps.words_gone_since is not None
    assert "no longer in the story" in pumps.review_note
    desk = reverse("admin:articles_quote_changelist")
    flagged = client.get(desk, {"needs_review": "yes"})
    assert PUMPS in flagged.text and "no longer in the story" in flagged.text
    assert PARTS not in flagged.text
    assert "no longer in the story" in client.get(change_url(story)).text
    client.logout()
    assert readers_see(client, pumps) == {"story": False, "source": False, "search": False, "public()": False}


def test_confirming_again_clears_the_flag(client, people, story):
    """An editor who corrects a flagged quote to the story's new words and confirms it clears the flag."""
    story.body = story.body.replace(PUMPS, "Perbaikan pompa dikebut sebelum musim hujan")
    story.save()
    pumps = story.quotes.get(text=PUMPS)
    client.force_login(people["editor"])
    url = reverse("admin:articles_quote_change", args=[pumps.pk])
    data = admin_form_data(client.get(url), text="Perbaikan pompa dikebut sebelum musim hujan", status="confirmed")
    assert client.post(url, data).status_code == 302
    pumps.refresh_from_db()
    assert (pumps.status, pumps.words_gone_since, pumps.review_note) == (Quote.Status.CONFIRMED, None, "")


def test_a_paraphrase_stays_confirmed_when_the_body_changes(story):
    """A confirmed paraphrase does not depend on the body's exact words: a body edit leaves it confirmed."""
    pumps = story.quotes.get(text=PUMPS)
    Quote.objects.filter(pk=pumps.pk).update(is_paraphrase=True)
    story.body = story.body.replace(PUMPS, "Perbaikan pompa dikebut")
    story.save()
    assert texts(story, Quote.Status.CONFIRMED) == [PUMPS]


def test_a_caption_quote_stays_confirmed(story, make_photo):
    """A confirmed quote from the lead photo's caption is in the story: saving the body keeps it confirmed."""
    photo = make_photo(caption='Petugas memeriksa pompa. "Pompa ini berumur tiga puluh tahun," kata Ratna.')
    ArticlePhoto.objects.create(article=story, photo=photo, order=0)
    extract_again(article=story)
    review_quotes(quotes=story.quotes.filter(position=0), status=Quote.Status.CONFIRMED)
    story.refresh_from_db()
    story.body += "<p>Pekerjaan dimulai pekan depan.</p>"
    story.save()
    assert texts(story, Quote.Status.CONFIRMED) == ["Pompa ini berumur tiga puluh tahun", PUMPS]


def _cut_from_shell(article: Article, words: str, people) -> None:
    article.body = article.body.replace(words, "kalimat lain")
    article.save()


def _cut_then_publish(article: Article, words: str, people) -> None:
    # A raw UPDATE (an old script, a bulk fix) sends no signal; the next save of the story, a publish, catches it.
    Article.objects.filter(pk=article.pk).update(body=article.body.replace(words, "kalimat lain"))
    Article.objects.filter(pk=article.pk).update(status=Article.Status.APPROVED)
    workflow.perform_transition(article=article, name="publish", user=people["editor"])


def _cut_by_restoring(article: Article, words: str, people) -> None:
    # A revision saved before the rule held: the body without the words, the quote still confirmed.
    with reversion.create_revision():
        article.body = article.body.replace(words, "kalimat lain")
        reversion.add_to_revision(article)
    version = revisions.story_versions(article.pk).first()
    live = Article.objects.get(pk=article.pk)
    restoring.restore_revision(article=live, version=version, user=people["editor"], confirmed=True)


@pytest.mark.parametrize(
    "cut", [_cut_from_shell, _cut_then_publish, _cut_by_restoring], ids=["shell", "workflow publish", "restore"]
)
def test_quotes_follow_the_story_however_it_is_saved(client, people, story, cut):
    """Whatever saves the body (code in a shell, a workflow publish, a restore), a confirmed quote whose words are gone
    goes back to proposed, flagged, and leaves readers' pages."""
    cut(Article.objects.get(pk=story.pk), PUMPS, people)
    pumps = story.quotes.get(text=PUMPS)
    assert pumps.status == Quote.Status.PROPOSED and pumps.words_gone_since is not None
    assert readers_see(client, pumps)["public()"] is False
    assert PUMPS not in quote_list(client.get(story.get_absolute_url()).text)


def _confirmed(article: Article) -> list[str]:
    return sorted(article.quotes.filter(status=Quote.Status.CONFIRMED).values_list("text", flat=True))


def _stories_made_every_way(tmp_path, people, section, client) -> list[Article]:
    # seed_demo: hand-written stories (imported, quotes confirmed) and generated ones (quotes made with the body).
    call_command("seed_demo", "--stories", "2", "--no-admin", "--seed", "3", stdout=StringIO())
    stories = list(Article.objects.all())
    # import_story, then its quotes confirmed on the desk.
    path = tmp_path / "pompa.txt"
    path.write_text(STORY_FILE, encoding="utf-8")
    call_command("import_story", str(path), "--section", section.slug, stdout=StringIO())
    imported = Article.objects.exclude(pk__in=[s.pk for s in stories]).get()
    review_quotes(quotes=imported.quotes.all(), status=Quote.Status.CONFIRMED)
    # The admin: an editor confirms the extracted quotes in the story form.
    client.force_login(people["editor"])
    add = reverse("admin:articles_article_add")
    data = admin_form_data(client.get(add), headline="Pompa banjir", slug="pompa-banjir", section=section.pk, body=BODY)
    assert client.post(add, data).status_code == 302
    admin_made = Article.objects.get(slug="pompa-banjir")
    call_command("extract_quotes", "--article", str(admin_made.pk), stdout=StringIO())
    data = admin_form_data(client.get(change_url(admin_made)))
    for row in range(3):
        data[f"quotes-{row}-status"] = "confirmed"
    assert client.post(change_url(admin_made), data).status_code == 302
    return [*stories, imported, admin_made]


def test_stories_made_every_way_keep_their_confirmed_quotes_until_the_words_go(tmp_path, people, section, client):
    """Seeded, imported and admin-made stories keep every confirmed quote through a save and a transition; cutting
    a quote's paragraph sends that quote back to the desk."""
    stories = _stories_made_every_way(tmp_path, people, section, client)
    assert len(stories) >= 5
    for article in [Article.objects.get(pk=story.pk) for story in stories]:
        before = _confirmed(article)
        assert before, article.headline
        article.save()
        if article.status == Article.Status.DRAFT:  # a transition is a save too
            workflow.perform_transition(article=article, name="submit", user=people["editor"])
        assert _confirmed(article) == before, article.headline
        gone = article.quotes.filter(status=Quote.Status.CONFIRMED, position__gt=0).order_by("pk").first()
        fresh = Article.objects.get(pk=article.pk)
        for paragraph in fresh.body.split("</p>"):
            if gone.text[:20] in paragraph:
                fresh.body = fresh.body.replace(paragraph, "<p>Paragraf ini diganti.")
        fresh.save()
        assert gone.text not in _confirmed(article) and set(_confirmed(article)) <= set(before), article.headline
        gone.refresh_from_db()
        assert gone.status == Quote.Status.PROPOSED and gone.words_gone_since is not None


def test_public_quote_pages_run_a_constant_number_of_queries(client, make_article):
    """The story page, a speaker's page and quote search run as many queries for two quotes as for eight, paraphrases
    included."""
    ratna = Source.objects.create(name="Ratna Kusumawardani", status=Source.Status.CONFIRMED)
    article = make_article(body="<p>" + " ".join(f"“Kalimat nomor {n} diucapkan Ratna.”" for n in range(8)) + "</p>")

    def add_quotes(numbers):
        for n in numbers:
            Quote.objects.create(
                article=article,
                text=f"Kalimat nomor {n} diucapkan Ratna" if n % 2 else f"Ratna merangkum hal nomor {n}",
                is_paraphrase=not n % 2,
                source=ratna,
                status=Quote.Status.CONFIRMED,
                position=1,
            )

    def counts():
        urls = [article.get_absolute_url(), ratna.get_absolute_url(), reverse("articles:quote_search")]
        found = {}
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found[url] = len(queries)
        return found

    add_quotes(range(2))
    small = counts()
    add_quotes(range(2, 8))
    assert counts() == small


def with_a_byline(article):
    """Publishing needs a byline (tests/test_publishing_panel.py): a story published in these tests gets one."""
    from articles.models import Byline, Contributor

    contributor, _ = Contributor.objects.get_or_create(slug="penulis-uji", defaults={"name": "Penulis Uji"})
    Byline.objects.get_or_create(article=article, contributor=contributor, defaults={"order": 99})
    return article

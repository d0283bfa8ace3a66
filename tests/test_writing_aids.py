"""Writing aids on the story form (issue 19, point 5): quotes proposed on every save of an unpublished story, the
quote review showing the paragraph a quote came from, counters, the default byline, the social image and the preview
of unsaved changes."""

import pytest
from django.urls import reverse

from articles.models import Article, Quote
from articles.services.quotes import extract_again
from tests.conftest import admin_form_data
from tests.test_quote_workflow import BODY, FLOODS, PARTS, PUMPS, texts

pytestmark = pytest.mark.django_db


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


# --- quotes proposed on save ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.IN_REVIEW])
def test_saving_an_unpublished_story_proposes_its_quotes(editor_client, make_article, status):
    story = make_article(body="<p>Belum ada kutipan.</p>", status=status, publish_at=None)
    data = admin_form_data(editor_client.get(change_url(story)), body=BODY)
    assert editor_client.post(change_url(story), data).status_code == 302
    assert sorted(texts(story, Quote.Status.PROPOSED)) == sorted([PUMPS, PARTS, FLOODS])


def test_saving_keeps_the_quotes_an_editor_decided(editor_client, make_article, staff_user):
    story = make_article(body=BODY, status=Article.Status.DRAFT, publish_at=None)
    extract_again(article=story)
    confirmed = story.quotes.get(text=PUMPS)
    confirmed.status, confirmed.edited_by_editor = Quote.Status.CONFIRMED, True
    confirmed.save()
    rejected = story.quotes.get(text=FLOODS)
    rejected.status, rejected.edited_by_editor = Quote.Status.REJECTED, True
    rejected.save()
    story.quotes.filter(text=PARTS).delete()  # a proposal the desk deleted: the story still has it, so back it comes
    before = {q.pk: (q.text, q.status, q.position) for q in (confirmed, rejected)}
    story.refresh_from_db()
    data = admin_form_data(editor_client.get(change_url(story)), headline="Judul baru")
    assert editor_client.post(change_url(story), data).status_code == 302
    after = {q.pk: (q.text, q.status, q.position) for q in story.quotes.filter(pk__in=before)}
    assert after == before
    assert texts(story, Quote.Status.PROPOSED) == [PARTS]
    assert story.quotes.count() == 3


def test_saving_a_published_story_proposes_nothing(editor_client, make_article):
    story = make_article(body="<p>Belum ada kutipan.</p>")
    data = admin_form_data(editor_client.get(change_url(story)), body=BODY)
    assert editor_client.post(change_url(story), data).status_code == 302
    assert texts(story) == []


# --- the quote review shows its paragraph --------------------------------------------------------------------------


def test_quote_form_shows_the_paragraph_with_the_quote_marked(editor_client, make_article):
    story = make_article(body=BODY.replace("Menurut Ratna", "Menurut <em>Ratna</em> &lt;script&gt;"))
    extract_again(article=story)
    quote = story.quotes.get(text=PARTS)
    page = editor_client.get(reverse("admin:articles_quote_change", args=[quote.pk])).text
    assert f"<mark>{PARTS}</mark>" in page
    assert "Menurut Ratna &lt;script&gt;, dua dari lima pompa sudah tua." in page
    assert "<script>, dua" not in page


# --- sizes, counts and previews ------------------------------------------------------------------------------------


def test_story_form_shows_counts_and_loads_the_writing_aids(editor_client, make_article):
    words = " ".join(["kata"] * 450)
    story = make_article(body=f"<p>{words}</p><p>dua kata</p>", seo_title="x" * 65, social_title="Judul sosial")
    page = editor_client.get(change_url(story)).text
    assert "Now 452 words, about 3 min to read." in page
    assert "Recommended: up to 60 characters; now 65." in page  # the SEO title
    assert "Recommended: up to 160 characters; now 0." in page  # the SEO description
    assert "Recommended: up to 70 characters; now 12." in page  # the social headline
    assert "newsroom/writing_aids.js" in page
    assert '<textarea name="headline"' in page and 'rows="2"' in page


def test_a_headline_typed_on_two_lines_is_saved_as_one(editor_client, make_article):
    story = make_article(status=Article.Status.DRAFT, publish_at=None)
    data = admin_form_data(editor_client.get(change_url(story)), headline="Pompa banjir\r\n  diperbaiki ")
    assert editor_client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert story.headline == "Pompa banjir diperbaiki"


def test_word_count_reads_what_the_reader_reads():
    from articles.text.reading import reading_minutes, word_count

    assert word_count("<p>Satu <strong>dua</strong></p><ul><li>tiga&nbsp;empat</li></ul><script>x y</script>") == 4
    assert [reading_minutes(n) for n in (0, 1, 200, 201)] == [0, 1, 1, 2]


# --- the reporter's own byline -------------------------------------------------------------------------------------


def test_a_reporter_linked_to_a_contributor_is_bylined_by_default(client, people, section):
    from articles.models import Byline, Contributor

    me = Contributor.objects.create(name="Rina Wartawan", slug="rina", user=people["reporter"])
    client.force_login(people["reporter"])
    response = client.get(reverse("admin:articles_article_add"))
    rows = response.context["inline_admin_formsets"]
    bylines = next(inline.formset for inline in rows if inline.formset.model is Byline)
    assert [(form["contributor"].value(), form["role"].value()) for form in bylines.forms] == [(me.pk, "reporter")]
    data = admin_form_data(response, headline="Berita baru", slug="berita-baru", section=section.pk)
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    story = Article.objects.get(slug="berita-baru")
    assert [(b.contributor, b.role) for b in story.bylines.all()] == [(me, "reporter")]


def test_an_account_without_a_contributor_gets_no_byline_row(client, people):
    from articles.models import Byline

    client.force_login(people["reporter"])
    rows = client.get(reverse("admin:articles_article_add")).context["inline_admin_formsets"]
    assert next(inline.formset for inline in rows if inline.formset.model is Byline).forms == []


# --- the social image ----------------------------------------------------------------------------------------------


def test_social_image_is_chosen_among_the_storys_own_photos(editor_client, make_article, make_photo):
    from articles.models import ArticlePhoto

    story = make_article(status=Article.Status.DRAFT, publish_at=None)
    own, other = make_photo(caption="Pompa di Kali Kenanga"), make_photo(caption="Foto berita lain")
    ArticlePhoto.objects.create(article=story, photo=own, order=1)
    response = editor_client.get(change_url(story))
    assert list(response.context["adminform"].form.fields["social_image"].queryset) == [own]
    refused = editor_client.post(change_url(story), admin_form_data(response, social_image=other.pk))
    assert refused.status_code == 200 and "Choose one of this story&#x27;s own photos" in refused.text
    story.refresh_from_db()
    assert story.social_image is None
    saved = editor_client.post(change_url(story), admin_form_data(response, social_image=own.pk))
    assert saved.status_code == 302
    story.refresh_from_db()
    assert story.social_image == own


def test_social_photo_falls_back_to_the_lead_photo(make_article, make_photo):
    from articles.models import ArticlePhoto

    story = make_article()
    assert story.social_photo is None
    lead, second = make_photo(caption="Utama"), make_photo(caption="Kedua")
    ArticlePhoto.objects.create(article=story, photo=lead, order=1)
    ArticlePhoto.objects.create(article=story, photo=second, order=2)
    assert story.social_photo == lead
    story.social_image = second
    assert story.social_photo == second
    story.photo_uses.filter(photo=second).delete()  # no longer in the story: the lead photo again
    assert story.social_photo == lead


# --- preview of unsaved changes ------------------------------------------------------------------------------------


def test_preview_of_unsaved_changes_shows_them_and_saves_nothing(editor_client, make_article):
    from articles.models import Byline, Contributor

    story = make_article(headline="Judul tersimpan", body="<p>Isi tersimpan.</p>", status=Article.Status.DRAFT)
    writer = Contributor.objects.create(name="Rina Wartawan", slug="rina")
    before = (story.version, story.updated_at)
    page = editor_client.get(change_url(story))
    preview_url = reverse("admin:articles_article_preview_unsaved", args=[story.pk])
    assert f'formaction="{preview_url}"' in page.text and 'formtarget="_blank"' in page.text
    data = admin_form_data(
        page,
        headline="Judul <b>belum</b> disimpan",
        body=f"<p>Isi baru belum disimpan.</p><p>“{PUMPS},” kata Ratna.</p>",
        **{
            "bylines-TOTAL_FORMS": "1",
            "bylines-0-contributor": writer.pk,
            "bylines-0-role": "reporter",
            "bylines-0-order": "1",
        },
    )
    response = editor_client.post(preview_url, data)
    assert response.status_code == 200
    assert "Judul &lt;b&gt;belum&lt;/b&gt; disimpan" in response.text and "Isi baru belum disimpan." in response.text
    assert "Rina Wartawan" in response.text
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    story.refresh_from_db()
    assert (story.headline, story.body, story.version, story.updated_at) == (
        "Judul tersimpan",
        "<p>Isi tersimpan.</p>",
        *before,
    )
    assert not Byline.objects.filter(article=story).exists() and not story.quotes.exists()


def test_preview_of_a_form_with_errors_says_what_to_fix(editor_client, make_article):
    story = make_article(status=Article.Status.DRAFT)
    data = admin_form_data(editor_client.get(change_url(story)), headline="")
    response = editor_client.post(reverse("admin:articles_article_preview_unsaved", args=[story.pk]), data)
    assert response.status_code == 400
    assert "the preview cannot be shown" in response.text and "Headline: This field is required." in response.text


def test_preview_of_unsaved_changes_is_for_who_may_edit(client, people, make_article):
    story = make_article(status=Article.Status.DRAFT, created_by=people["other_reporter"])
    client.force_login(people["reporter"])
    url = reverse("admin:articles_article_preview_unsaved", args=[story.pk])
    assert client.post(url, {"headline": "x"}).status_code in (403, 404)
    assert client.get(url).status_code in (403, 404, 405)

"""Issue 19, "never lose work": a workflow button of the change form saves the form's changes with the transition,
in one POST and one transaction — kept together, or refused together with the user's text still in the form."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from articles.models import Article, ArticlePhoto, AuditEntry
from articles.services import revisions
from tests.conftest import admin_form_data

pytestmark = pytest.mark.django_db


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def opened(client, user, article):
    client.force_login(user)
    response = client.get(change_url(article))
    assert response.status_code == 200
    return response


def test_send_back_with_an_unsaved_headline_edit_keeps_both(client, people, make_article):
    article = make_article(status=Article.Status.IN_REVIEW, publish_at=None, created_by=people["reporter"])
    form = opened(client, people["editor"], article)
    # Not a separate form any more: part of the story's form.
    assert reverse("admin:articles_article_transition", args=[article.pk, "send_back"]) not in form.text
    assert 'value="send_back" name="_transition"' in form.text
    data = admin_form_data(
        form,
        headline="Pompa banjir diperbaiki",
        _transition="send_back",
        **{"transition_send_back-note": "Tambahkan kutipan warga."},
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 302 and response["Location"] == change_url(article)
    article.refresh_from_db()
    assert (article.headline, article.status) == ("Pompa banjir diperbaiki", Article.Status.DRAFT)
    # The audit log lists the transition, the admin log the change; one revision holds both.
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SEND_BACK)
    assert entry.note == "Tambahkan kutipan warga." and entry.user == people["editor"]
    assert LogEntry.objects.filter(object_id=str(article.pk), change_message__icontains="headline").exists()
    latest = revisions.story_versions(article.pk).first()
    assert latest.field_dict["headline"] == "Pompa banjir diperbaiki" and latest.field_dict["status"] == "draft"
    assert "Tambahkan kutipan warga." in latest.revision.comment


def test_a_refused_publish_saves_nothing_and_keeps_the_text(client, people, make_article, make_photo):
    article = with_a_byline(
        make_article(status=Article.Status.APPROVED, publish_at=None, created_by=people["reporter"])
    )
    ArticlePhoto.objects.create(article=article, photo=make_photo(approved=False), order=1)
    before = (article.headline, article.version, AuditEntry.objects.exclude(action="refused").count())
    form = opened(client, people["editor"], article)
    data = admin_form_data(form, headline="Judul baru yang belum tersimpan", _transition="publish")
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert "Nothing was saved" in errors[0] and "photos are ready" in errors[0]
    assert "Judul baru yang belum tersimpan" in response.text
    article.refresh_from_db()
    assert (article.headline, article.version, AuditEntry.objects.exclude(action="refused").count()) == before
    assert article.status == Article.Status.APPROVED
    assert not LogEntry.objects.filter(object_id=str(article.pk)).exists()
    refused = AuditEntry.objects.get(action=AuditEntry.Action.REFUSED)  # the attempt is listed, on its own
    assert refused.user == people["editor"] and "photos" in refused.note
    # Fixing the photo and pressing the button again keeps the text and publishes.
    article.photo_uses.get().photo.__class__.objects.update(credit_status="approved")
    again = client.post(change_url(article), admin_form_data(response, _transition="publish"))
    assert again.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.status) == ("Judul baru yang belum tersimpan", Article.Status.PUBLISHED)


def test_an_invalid_form_transitions_nothing(client, people, make_article):
    article = make_article(status=Article.Status.IN_REVIEW, publish_at=None, created_by=people["reporter"])
    form = opened(client, people["editor"], article)
    response = client.post(change_url(article), admin_form_data(form, headline="", _transition="approve"))
    assert response.status_code == 200 and response.context["adminform"].form.errors["headline"]
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW and not AuditEntry.objects.exists()


def test_send_back_without_a_note_saves_nothing(client, people, make_article):
    article = make_article(status=Article.Status.IN_REVIEW, publish_at=None, created_by=people["reporter"])
    form = opened(client, people["editor"], article)
    response = client.post(change_url(article), admin_form_data(form, dek="Dek baru", _transition="send_back"))
    assert response.status_code == 200
    assert "Dek baru" in response.text and response.context["adminform"].form.non_field_errors()
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW and article.dek != "Dek baru"


def test_the_edit_conflict_check_still_applies(client, people, make_article):
    article = make_article(status=Article.Status.IN_REVIEW, publish_at=None, created_by=people["reporter"])
    form = opened(client, people["editor"], article)
    Article.objects.filter(pk=article.pk).update(version=article.version + 1, headline="Disimpan orang lain")
    response = client.post(change_url(article), admin_form_data(form, headline="Milik saya", _transition="approve"))
    assert response.status_code == 200 and "Milik saya" in response.text
    article.refresh_from_db()
    assert (article.headline, article.status) == ("Disimpan orang lain", Article.Status.IN_REVIEW)


def test_a_reporter_submits_their_draft_with_their_changes(client, people, make_article):
    """A reporter's own draft is theirs to edit: "Submit" saves the edit with the step; once in review the story is
    read-only for them, shown without a form to save."""
    article = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=people["reporter"])
    form = opened(client, people["reporter"], article)
    assert 'value="submit" name="_transition"' in form.text
    response = client.post(change_url(article), admin_form_data(form, dek="Dek reporter", _transition="submit"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.dek, article.status) == ("Dek reporter", Article.Status.IN_REVIEW)
    locked = client.get(change_url(article))
    assert locked.status_code == 200 and 'name="_transition"' not in locked.text


def test_the_old_transition_address_still_works(client, people, make_article):
    article = make_article(status=Article.Status.IN_REVIEW, publish_at=None, created_by=people["reporter"])
    client.force_login(people["editor"])
    client.post(reverse("admin:articles_article_transition", args=[article.pk, "approve"]))
    article.refresh_from_db()
    assert article.status == Article.Status.APPROVED


def with_a_byline(article):
    """Publishing needs a byline (tests/test_publishing_panel.py): a story published in these tests gets one."""
    from articles.models import Byline, Contributor

    contributor, _ = Contributor.objects.get_or_create(slug="penulis-uji", defaults={"name": "Penulis Uji"})
    Byline.objects.get_or_create(article=article, contributor=contributor, defaults={"order": 99})
    return article

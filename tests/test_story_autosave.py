"""Issue 19, "never lose work": the change form's draft copy — kept per user and story, never over the story, offered
back on return, gone once the story is saved or the copy discarded."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, StoryAutosave
from articles.services import autosave
from tests.conftest import admin_form_data

pytestmark = pytest.mark.django_db


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def autosave_url(article) -> str:
    return reverse("admin:articles_article_autosave", args=[article.pk])


@pytest.fixture
def draft(make_article, people):
    return make_article(status=Article.Status.DRAFT, publish_at=None, created_by=people["reporter"])


def autosaved(client, user, article, **changes):
    client.force_login(user)
    form = client.get(change_url(article))
    response = client.post(autosave_url(article), admin_form_data(form, **changes))
    return form, response


def test_autosave_keeps_a_copy_without_touching_the_story(client, people, draft):
    before = (draft.headline, draft.version, draft.updated_at)
    _form, response = autosaved(client, people["editor"], draft, headline="Judul yang belum disimpan")
    assert response.status_code == 200 and "Draft copy of your changes kept at" in response.json()["message"]
    draft.refresh_from_db()
    assert (draft.headline, draft.version, draft.updated_at) == before
    copy = StoryAutosave.objects.get(user=people["editor"], article=draft)
    assert copy.data["headline"] == ["Judul yang belum disimpan"] and "csrfmiddlewaretoken" not in copy.data
    # A second autosave replaces the first: one copy per user and story.
    client.post(autosave_url(draft), {"headline": "Lagi"})
    assert StoryAutosave.objects.get().data == {"headline": ["Lagi"]}


def test_the_copy_is_offered_and_restoring_fills_the_form(client, people, draft):
    autosaved(client, people["editor"], draft, headline="Judul dari salinan", dek="Dek dari salinan")
    page = client.get(change_url(draft))
    assert "Restore your unsaved changes from" in page.text and 'id="autosave-restore"' in page.text
    restored = client.get(change_url(draft) + "?autosave=restore")
    form = restored.context["adminform"].form
    assert (form["headline"].value(), form["dek"].value()) == ("Judul dari salinan", "Dek dari salinan")
    assert "are back in the form. Save to keep them." in restored.text
    draft.refresh_from_db()
    assert draft.headline != "Judul dari salinan"  # restoring saves nothing
    # Saving the restored form keeps the changes and ends the copy.
    saved = client.post(change_url(draft), admin_form_data(restored, _continue="1"))
    assert saved.status_code == 302
    draft.refresh_from_db()
    assert draft.headline == "Judul dari salinan" and not StoryAutosave.objects.exists()


def test_discarding_ends_the_copy(client, people, draft):
    autosaved(client, people["editor"], draft, headline="Dibuang")
    response = client.post(reverse("admin:articles_article_autosave_discard", args=[draft.pk]))
    assert response.status_code == 302 and not StoryAutosave.objects.exists()
    assert "Restore your unsaved changes" not in client.get(change_url(draft)).text


def test_a_workflow_button_ends_the_copy(client, people, draft):
    form, _response = autosaved(client, people["reporter"], draft, headline="Dikirim")
    client.post(change_url(draft), admin_form_data(form, headline="Dikirim", _transition="submit"))
    draft.refresh_from_db()
    assert draft.status == Article.Status.IN_REVIEW and not StoryAutosave.objects.exists()


def test_a_copy_older_than_the_last_save_is_not_offered(client, people, draft):
    autosaved(client, people["editor"], draft, headline="Lama")
    StoryAutosave.objects.update(saved_at=timezone.now() - timedelta(minutes=5))
    draft.save()  # a colleague saved since
    assert autosave.offer(user=people["editor"], article=draft) is None
    assert "Restore your unsaved changes" not in client.get(change_url(draft)).text


def test_another_user_never_sees_the_copy(client, people, draft):
    autosaved(client, people["editor"], draft, headline="Milik editor")
    client.force_login(people["chief_editor"])
    page = client.get(change_url(draft))
    assert "Restore your unsaved changes" not in page.text
    restored = client.get(change_url(draft) + "?autosave=restore")
    assert restored.context["adminform"].form["headline"].value() == draft.headline
    client.post(reverse("admin:articles_article_autosave_discard", args=[draft.pk]))
    assert StoryAutosave.objects.filter(user=people["editor"]).exists()  # their discard is of their own copy only


def test_only_those_who_may_edit_the_story_autosave(client, people, draft, make_article):
    client.force_login(people["other_reporter"])  # not their story
    assert client.post(autosave_url(draft), {"headline": "x"}).status_code in (403, 404)
    in_review = make_article(status=Article.Status.IN_REVIEW, publish_at=None, created_by=people["reporter"])
    client.force_login(people["reporter"])  # their story, but locked while in review
    assert client.post(autosave_url(in_review), {"headline": "x"}).status_code == 403
    assert client.get(autosave_url(draft)).status_code == 405
    assert not StoryAutosave.objects.exists()


def test_a_copy_too_large_is_refused(client, people, draft):
    client.force_login(people["editor"])
    response = client.post(autosave_url(draft), {"body": "x" * (autosave.MAX_COPY_CHARS + 1)})
    assert response.status_code == 413 and "too large" in response.json()["message"]
    assert not StoryAutosave.objects.exists()


def test_the_form_loads_the_scripts_as_files(client, people, draft):
    """The admin's Content-Security-Policy allows no inline script: both scripts are static files."""
    client.force_login(people["editor"])
    page = client.get(change_url(draft)).text
    assert "newsroom/unsaved.js" in page and "newsroom/autosave.js" in page
    assert f'data-url="{autosave_url(draft)}"' in page

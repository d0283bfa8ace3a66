"""Revisions: every save keeps one with its parts; history compares any two, previews and restores one; a deleted
story comes back with its parts."""

from datetime import timedelta

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.admin import comparison as shown
from articles.models import Article, AuditEntry, Byline, Contributor, Correction, Quote, Source
from articles.services import restoring, revisions, workflow
from tests.conftest import admin_form_data

pytestmark = pytest.mark.django_db


# What a browser posts back from the story's change form (other test modules import it from here by this name).
change_form_data = admin_form_data


@pytest.fixture
def rina(db):
    return Contributor.objects.create(name="Rina Wulandari", slug="rina")


@pytest.fixture
def story(make_article, rina, people):
    """A published story whose first version (with one byline) was saved by the editor."""
    with reversion.create_revision():
        article = make_article(headline="Pasar Cempaka dibuka lagi", created_by=people["reporter"])
        Byline.objects.create(article=article, contributor=rina, order=1)
        reversion.add_to_revision(article)
        reversion.set_user(people["editor"])
    return article


def edit(client, article, **changes):
    """Open the story's change form and save it with ``changes``, as an editor in a browser would."""
    url = reverse("admin:articles_article_change", args=[article.pk])
    return client.post(url, change_form_data(client.get(url), **changes))


def test_admin_save_records_a_revision_with_user_and_parts(client, story, people, rina):
    """Saving in the admin keeps a revision naming the editor, with the story's bylines and quotes in it."""
    client.force_login(people["editor"])
    source = Source.objects.create(name="Denny Ramdany")
    Quote.objects.create(article=story, text="Kami menyambut baik.", source=source)
    response = edit(client, story, headline="Pasar Cempaka resmi dibuka")
    assert response.status_code == 302
    latest = revisions.story_versions(story.pk).first()
    assert latest.revision.user == people["editor"]
    assert latest.field_dict["headline"] == "Pasar Cempaka resmi dibuka" and latest.field_dict["version"] == 2
    saved = revisions.snapshot(latest)
    assert [data["contributor_id"] for data in saved.parts["bylines"].values()] == [rina.pk]
    assert [data["text"] for data in saved.parts["quotes"].values()] == ["Kami menyambut baik."]


def test_workflow_transition_records_a_revision_named_for_it(people, make_article):
    """A transition keeps a revision whose comment names it, besides its audit entry."""
    article = with_a_byline(make_article(status="approved", publish_at=None, created_by=people["reporter"]))
    workflow.perform_transition(article=article, name="publish", user=people["editor"])
    latest = revisions.story_versions(article.pk).first()
    assert latest.revision.comment == "Published" and latest.revision.user == people["editor"]
    assert latest.field_dict["status"] == "published"
    assert AuditEntry.objects.get().action == "publish"


def test_history_lists_versions_and_compares_any_two(client, story, people):
    """The history page lists every version; the comparison shows word changes and added parts."""
    client.force_login(people["editor"])
    edit(client, story, headline="Pasar Cempaka resmi dibuka", dek="Pedagang kembali berjualan.")
    history = client.get(reverse("admin:articles_article_history", args=[story.pk]))
    assert history.status_code == 200 and len(history.context["versions"]) == 2
    first, second = sorted(version.pk for version, _ in history.context["versions"])
    page = client.get(reverse("admin:articles_article_compare", args=[story.pk]), {"old": first, "new": second})
    assert page.status_code == 200
    labels = [change.label for change in page.context["comparison"].fields]
    assert labels == ["Headline", "Dek / summary"]
    headline = page.context["comparison"].fields[0].diff
    assert headline == "Pasar Cempaka<ins> resmi</ins> dibuka<del> lagi</del>" and headline in page.text


def test_compare_shows_part_changes(story, rina):
    """A byline added between two versions is listed as a part change."""
    agus = Contributor.objects.create(name="Agus Salim", slug="agus")
    with reversion.create_revision():
        Byline.objects.create(article=story, contributor=agus, order=2)
        story.save()
    old, new = revisions.story_versions(story.pk).order_by("pk")
    comparison = shown.compare(revisions.snapshot(old), revisions.snapshot(new))
    assert comparison.fields == []
    assert [change.label for change in comparison.parts] == ["Byline"]
    assert "<ins>" in comparison.parts[0].diff and "Agus Salim" in comparison.parts[0].diff


def test_text_diff_marks_words_and_escapes_everything():
    """Word differences are marked with del/ins and every piece of text is escaped."""
    diff = shown.text_diff("harga <b>naik</b> lagi", "harga <i>turun</i> lagi")
    assert diff == "harga<del> &lt;b&gt;naik&lt;/b&gt;</del><ins> &lt;i&gt;turun&lt;/i&gt;</ins> lagi"


def test_a_huge_rewrite_is_shown_whole_rather_than_compared_word_by_word():
    """Past the word-pair limit a changed text is shown removed and added whole, so a comparison never stalls."""
    old, new = "kata " * 600, "lain " * 600
    assert shown.text_diff(old, new) == f"<del>{old}</del><ins>{new}</ins>"


def test_body_diff_compares_paragraphs_and_folds_unchanged_ones():
    """A body compares as paragraphs; a long unchanged stretch is folded to a count."""
    paragraphs = [f"<p>Paragraf {n}.</p>" for n in range(1, 11)]
    changed = [*paragraphs[:9], "<p>Paragraf sepuluh.</p>"]
    diff = shown.body_diff("".join(paragraphs), "".join(changed))
    assert "Paragraf<del> 10.</del><ins> sepuluh.</ins>" in diff
    assert "8 unchanged paragraphs" in diff and "Paragraf 9." in diff and "Paragraf 2." not in diff


def test_restore_brings_back_text_and_parts_as_a_new_audited_revision(client, story, people, rina):
    """Restoring version 1 brings back its headline and bylines, keeps state, notes and notices, and is audited."""
    client.force_login(people["editor"])
    agus = Contributor.objects.create(name="Agus Salim", slug="agus")
    Correction.objects.create(article=story, text="Tanggal dibetulkan.")
    with reversion.create_revision():
        story.headline = "Judul yang keliru"
        story.save()
        story.bylines.all().delete()
        Byline.objects.create(article=story, contributor=agus, order=1)
        Quote.objects.create(article=story, text="Tidak benar.")
    first = revisions.story_versions(story.pk).order_by("pk").first()
    response = client.post(reverse("admin:articles_article_restore", args=[story.pk, first.pk]), {"confirm": "yes"})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Pasar Cempaka dibuka lagi" and story.status == "published"
    assert [b.contributor for b in story.ordered_bylines] == [rina] and not story.quotes.exists()
    assert story.corrections.count() == 1 and story.version == 3
    latest = revisions.story_versions(story.pk).first()
    assert latest.revision.comment.startswith("Restored the version of") and latest.revision.user == people["editor"]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.RESTORE)
    assert entry.user == people["editor"] and entry.object_id == story.pk


@pytest.mark.parametrize(("role", "allowed"), [("reporter", False), ("photo_desk", False), ("editor", True)])
def test_restore_needs_the_restore_permission_and_edit_rights(client, story, people, role, allowed):
    """Only roles holding “restore revisions” (editors) who may edit the story can restore; others change nothing."""
    with reversion.create_revision():
        story.headline = "Judul baru"
        story.save()
    client.force_login(people[role])
    first = revisions.story_versions(story.pk).order_by("pk").first()
    response = client.post(reverse("admin:articles_article_restore", args=[story.pk, first.pk]), {"confirm": "yes"})
    story.refresh_from_db()
    assert (story.headline == "Pasar Cempaka dibuka lagi") is allowed
    assert response.status_code == (302 if allowed else 403)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.RESTORE).exists() is allowed


def test_restore_is_refused_when_the_old_version_names_a_deleted_record(story, people, rina):
    """A version whose contributor has since been deleted cannot be restored, and nothing changes."""
    first = revisions.story_versions(story.pk).first()
    with reversion.create_revision():
        story.bylines.all().delete()
        story.headline = "Tanpa byline"
        story.save()
    rina.delete()
    with pytest.raises(restoring.RestoreRefused, match="deleted"):
        restoring.restore_revision(article=story, version=first, user=people["editor"])
    story.refresh_from_db()
    assert story.headline == "Tanpa byline" and story.version == 2


def test_restore_changes_nothing_on_get_and_version_must_belong_to_the_story(client, story, people, make_article):
    """A GET only shows what restoring would change, and another story's version is a 404."""
    client.force_login(people["editor"])
    other = make_article()
    with reversion.create_revision():
        other.save()
    other_version = revisions.story_versions(other.pk).first()
    mine = revisions.story_versions(story.pk).first()
    assert client.get(reverse("admin:articles_article_restore", args=[story.pk, mine.pk])).status_code == 200
    assert story.version == Article.objects.get(pk=story.pk).version
    assert client.post(reverse("admin:articles_article_restore", args=[story.pk, other_version.pk])).status_code == 404


def test_preview_of_a_revision_shows_the_story_as_it_was(client, story, people, rina):
    """Staff see an old version's headline and byline at its preview address, unindexed and uncached."""
    first = revisions.story_versions(story.pk).first()
    with reversion.create_revision():
        story.headline = "Judul hari ini"
        story.save()
        story.bylines.all().delete()
    client.force_login(people["editor"])
    response = client.get(reverse("articles:preview_revision", args=[story.pk, first.pk]))
    assert response.status_code == 200
    assert "Pasar Cempaka dibuka lagi" in response.text and "Judul hari ini" not in response.text
    assert "Rina Wulandari" in response.text
    assert response["X-Robots-Tag"] == "noindex, nofollow" and "no-cache" in response["Cache-Control"]


def test_preview_of_a_revision_is_404_for_the_public_and_for_other_stories(client, story, make_article):
    """Anonymous readers get a 404; so does a version that belongs to another story."""
    first = revisions.story_versions(story.pk).first()
    url = reverse("articles:preview_revision", args=[story.pk, first.pk])
    assert client.get(url).status_code == 404
    other = make_article()
    client.force_login(Article.objects.get(pk=story.pk).created_by)
    assert client.get(reverse("articles:preview_revision", args=[other.pk, first.pk])).status_code == 404


def test_deleted_story_is_recovered_with_its_parts(client, story, people, rina, make_photo):
    """An editor recovers a deleted story from the recover list; its bylines, photos and quotes come back."""
    from articles.models import ArticlePhoto

    photo = make_photo()
    with reversion.create_revision():
        ArticlePhoto.objects.create(article=story, photo=photo, order=0)
        Quote.objects.create(article=story, text="Kami menyambut baik.", status="confirmed")
        story.save()
    pk = story.pk
    client.force_login(people["editor"])
    page = client.get(reverse("admin:articles_article_delete", args=[pk]))
    assert page.status_code == 200
    client.post(reverse("admin:articles_article_delete", args=[pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=pk).exists()
    listing = client.get(reverse("admin:articles_article_recoverlist"))
    deleted = Version.objects.get_deleted(Article).get()
    assert listing.status_code == 200 and "Pasar Cempaka dibuka lagi" in listing.text
    url = reverse("admin:articles_article_recover", args=[deleted.pk])
    form = client.get(url)
    assert form.status_code == 200 and not Article.objects.filter(pk=pk).exists()  # a GET only shows it
    response = client.post(url, change_form_data(form))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    recovered = Article.objects.get(pk=pk)
    assert [b.contributor for b in recovered.ordered_bylines] == [rina]
    assert list(recovered.photo_uses.values_list("photo", flat=True)) == [photo.pk]
    assert list(recovered.quotes.values_list("text", flat=True)) == ["Kami menyambut baik."]
    assert AuditEntry.objects.filter(action=AuditEntry.Action.RESTORE, object_id=pk).exists()


def test_recovering_needs_add_and_change_rights(client, story, people):
    """A reporter cannot open the recover list."""
    client.force_login(people["photo_desk"])
    assert client.get(reverse("admin:articles_article_recoverlist")).status_code == 403


def test_revision_address_of_reversion_shows_the_comparison(client, story, people):
    """django-reversion's own revert form is replaced by the comparison, so nothing is reverted behind the workflow."""
    client.force_login(people["editor"])
    first = revisions.story_versions(story.pk).first()
    response = client.get(reverse("admin:articles_article_revision", args=[story.pk, first.pk]))
    assert response.status_code == 302 and "/history/compare/" in response["Location"]


def test_scheduled_times_are_not_restored(story, people):
    """Restoring never changes a story's state or times: those belong to the workflow."""
    first = revisions.story_versions(story.pk).first()
    later = timezone.now() + timedelta(days=1)
    workflow.perform_transition(article=story, name="schedule", user=people["editor"], publish_at=later)
    restoring.restore_revision(article=story, version=first, user=people["editor"], confirmed=True)
    story.refresh_from_db()
    assert story.publish_at == later and story.is_scheduled


def with_a_byline(article):
    """Publishing needs a byline (tests/test_publishing_panel.py): a story published in these tests gets one."""
    from articles.models import Byline, Contributor

    contributor, _ = Contributor.objects.get_or_create(slug="penulis-uji", defaults={"name": "Penulis Uji"})
    Byline.objects.get_or_create(article=article, contributor=contributor, defaults={"order": 99})
    return article

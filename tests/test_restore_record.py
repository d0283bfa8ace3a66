"""Restoring an old version keeps the record: a live story's restore asks first and says what readers will see
change, and no restore deletes a quote an editor decided; confirmed quotes whose words left the text go back to
proposed, off the public page. Stories are made every way: the admin's add form, ``import_story``, ``seed_demo`` and
the workflow service."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import reversion
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from reversion.models import Version

from articles.models import Article, AuditEntry, Byline, Contributor, Photo, Quote, Section
from articles.services import moderation, restoring, revisions, workflow
from articles.services.quotes import extract_again, review_quotes
from tests.conftest import admin_form_data

pytestmark = pytest.mark.django_db

NEW_QUOTE = "Kami akan membuka posko banjir di setiap kelurahan"
NEW_PARAGRAPH = f"<p>“{NEW_QUOTE},” kata Lurah Kenanga Budi Santoso.</p>"
NEW_HEADLINE = "Posko banjir dibuka di setiap kelurahan"

STORY_FILE = """# Warga memadati taman kota saat peresmian. Foto: Rina Wulandari

Taman Kota Kenanga Resmi Dibuka untuk Warga

Pemerintah kota meresmikan taman baru di Kelurahan Kenanga pada Sabtu pagi.

Kepala Dinas Pertamanan Ratna Kusumawardani hadir dalam peresmian itu.

“Taman ini dibuka setiap hari, dari pagi sampai malam,” ujarnya.
"""

ADMIN_BODY = (
    "<p>Warga Kenanga bergotong royong membersihkan saluran air.</p>"
    "<p>“Kami tidak mau banjir lagi tahun ini,” kata Ketua RW 05 Sutrisno Hadi.</p>"
)


# --- stories made every way -------------------------------------------------------------------------------------


@pytest.fixture
def rina(db):
    return Contributor.objects.create(name="Rina Wulandari", slug="rina-wulandari")


@pytest.fixture
def agus(db):
    return Contributor.objects.create(name="Agus Salim", slug="agus-salim")


def made_in_admin(client, people, section, rina, tmp_path) -> Article:
    client.force_login(people["editor"])
    page = client.get(reverse("admin:articles_article_add"))
    data = admin_form_data(
        page,
        headline="Warga Kenanga kerja bakti bersihkan saluran",
        slug="warga-kenanga-kerja-bakti",
        body=ADMIN_BODY,
        section=section.pk,
        language="id",
        **{
            "bylines-TOTAL_FORMS": "1",
            "bylines-0-contributor": rina.pk,
            "bylines-0-role": "reporter",
            "bylines-0-order": "1",
        },
    )
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    return Article.objects.get(slug="warga-kenanga-kerja-bakti")


def made_by_import(client, people, section, rina, tmp_path) -> Article:
    story, picture = tmp_path / "taman-kenanga.txt", tmp_path / "taman.jpg"
    story.write_text(STORY_FILE, encoding="utf-8")
    Image.new("RGB", (64, 48), (40, 120, 60)).save(picture, "JPEG")
    call_command("import_story", str(story), "--image", str(picture), "--section", section.slug, stdout=io.StringIO())
    return Article.objects.get(headline="Taman Kota Kenanga Resmi Dibuka untuk Warga")


def made_by_seed_demo(client, people, section, rina, tmp_path) -> Article:
    call_command("seed_demo", "--stories", "2", "--no-admin", stdout=io.StringIO())
    # The hand-written demo stories have revisions (the generated ones are bulk inserts without any).
    with_versions = Version.objects.get_for_model(Article).values_list("object_id", flat=True)
    return Article.objects.filter(pk__in=[int(pk) for pk in with_versions], quotes__isnull=False).distinct().first()


def made_by_workflow(client, people, section, rina, tmp_path) -> Article:
    article = Article.objects.create(
        headline="Pompa banjir Kali Kenanga diperbaiki",
        slug="pompa-banjir-kali-kenanga",
        section=section,
        body=ADMIN_BODY,
        created_by=people["reporter"],
    )
    Byline.objects.create(article=article, contributor=rina, order=1)
    workflow.perform_transition(article=article, name="submit", user=people["reporter"])
    workflow.perform_transition(article=article, name="approve", user=people["editor"])
    return workflow.perform_transition(article=article, name="publish", user=people["editor"])


ORIGINS = {
    "admin_add_form": made_in_admin,
    "import_story": made_by_import,
    "seed_demo": made_by_seed_demo,
    "workflow_service": made_by_workflow,
}


@pytest.fixture(params=list(ORIGINS))
def made(request, client, people, section, rina, tmp_path) -> Article:
    """A story made one of the four ways, its quotes proposed so far then confirmed by an editor (as seed_demo
    does for its own), so that its first version is older than every confirmed quote."""
    article = ORIGINS[request.param](client, people, section, rina, tmp_path)
    extract_again(article=article, user=people["editor"])
    review_quotes(quotes=article.quotes.filter(status="proposed"), status="confirmed", user=people["editor"])
    assert article.quotes.filter(status="confirmed").exists()
    return Article.objects.get(pk=article.pk)


def make_live(article: Article, people) -> Article:
    """Publish the story through the workflow when it is not on the site yet (the photo desk clears its photos)."""
    if article.is_public:
        return article
    for use in article.photo_uses.select_related("photo"):
        if use.photo.credit_status != Photo.CreditStatus.APPROVED:
            moderation.moderate_photo(photo=use.photo, decision="approve", user=people["photo_desk"])
    if not article.bylines.exists():
        with_a_byline(article)
    return workflow.perform_transition(article=article, name="publish", user=people["editor"])


def make_draft(article: Article, people) -> Article:
    """Take a published story off the site and back to draft through the workflow."""
    if article.status == Article.Status.PUBLISHED:
        article = workflow.perform_transition(article=article, name="unpublish", user=people["editor"])
        article = workflow.perform_transition(article=article, name="reopen", user=people["editor"])
    assert not article.is_public
    return article


def edit_in_admin(client, article: Article, *, add_byline=None, **changes):
    """Open the story's change form and save it with ``changes`` (and one more byline), as an editor would."""
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = client.get(url)
    data = admin_form_data(page, **changes)
    if add_byline is not None:
        row = int(data["bylines-TOTAL_FORMS"])
        data.update(
            {
                "bylines-TOTAL_FORMS": str(row + 1),
                f"bylines-{row}-contributor": add_byline.pk,
                f"bylines-{row}-role": "photographer",
                f"bylines-{row}-order": "9",
            }
        )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    return Article.objects.get(pk=article.pk)


def rewrite_with_a_new_quote(client, article: Article, people, agus) -> Article:
    """Since the first version: a new headline, a paragraph with a new quote and a second byline, saved in the
    admin; the new quote extracted and confirmed by an editor."""
    client.force_login(people["editor"])
    article = edit_in_admin(client, article, headline=NEW_HEADLINE, body=article.body + NEW_PARAGRAPH, add_byline=agus)
    extract_again(article=article, user=people["editor"])
    review_quotes(quotes=article.quotes.filter(status="proposed"), status="confirmed", user=people["editor"])
    assert article.quotes.get(text=NEW_QUOTE).status == "confirmed"
    return Article.objects.get(pk=article.pk)


def state(article: Article) -> dict:
    """Everything a restore could change, to show that a refused or unconfirmed one changed nothing."""
    return {
        "story": Article.objects.filter(pk=article.pk).values().get(),
        "quotes": list(article.quotes.order_by("pk").values_list("pk", "status", "text", "position")),
        "bylines": list(article.bylines.order_by("pk").values_list("pk", "contributor_id", "role", "order")),
        "photos": list(article.photo_uses.order_by("pk").values_list("pk", "photo_id", "order")),
        "versions": revisions.story_versions(article.pk).count(),
        "restores": AuditEntry.objects.filter(action=AuditEntry.Action.RESTORE).count(),
    }


def first_version(article: Article) -> Version:
    return revisions.story_versions(article.pk).order_by("pk").first()


def restore_url(article: Article, version: Version) -> str:
    return reverse("admin:articles_article_restore", args=[article.pk, version.pk])


# --- stories made every way ---------------------------------------------------------------------------------------


def test_a_live_story_restore_asks_first_then_keeps_the_quotes_confirmed_since(client, made, people, agus):
    """On a live story a restore without confirmation changes nothing and says what will change; confirmed, it
    restores the old text and bylines, keeps every decided quote and takes the one whose words left off the page."""
    story = rewrite_with_a_new_quote(client, make_live(made, people), people, agus)
    first = first_version(story)
    old_headline = first.field_dict["headline"]
    confirmed_before = set(story.quotes.filter(status="confirmed").values_list("pk", flat=True))
    publish_at = story.publish_at
    before = state(story)

    asked = client.post(restore_url(story, first))
    shown = client.get(restore_url(story, first))

    assert state(story) == before
    for page in (asked, shown):
        assert page.status_code == 200
        assert "admin/articles/article/restore_confirm.html" in [t.name for t in page.templates]
        text = page.content.decode()
        assert NEW_HEADLINE in text and old_headline in text
        assert "1 paragraph removed" in text
        assert "Agus Salim" in text
        assert NEW_QUOTE in text
    preview = shown.context["preview"]
    assert [byline for byline in preview.bylines_removed if "Agus Salim" in byline]
    assert [quote.text for quote in preview.quotes_withdrawn] == [NEW_QUOTE]
    assert {quote.pk for quote in preview.quotes_shown} == confirmed_before - {story.quotes.get(text=NEW_QUOTE).pk}

    response = client.post(restore_url(story, first), {"confirm": "yes", "seen_version": story.version})

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == old_headline and NEW_QUOTE not in story.body
    assert story.status == Article.Status.PUBLISHED and story.publish_at == publish_at and story.is_public
    assert not story.bylines.filter(contributor=agus).exists()
    # Every quote confirmed since the old version is still there; the one whose words left is only proposed now.
    assert set(story.quotes.values_list("pk", flat=True)) >= confirmed_before
    assert story.quotes.get(text=NEW_QUOTE).status == Quote.Status.PROPOSED
    public = set(Quote.objects.public().filter(article=story).values_list("pk", flat=True))
    assert public == confirmed_before - {story.quotes.get(text=NEW_QUOTE).pk}
    assert revisions.story_versions(story.pk).count() == before["versions"] + 1
    latest = revisions.story_versions(story.pk).first()
    assert latest.revision.comment.startswith("Restored the version of")
    assert revisions.snapshot(latest).parts["quotes"][story.quotes.get(text=NEW_QUOTE).pk]["status"] == "proposed"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.RESTORE, object_id=story.pk).count() == 1


def test_a_draft_restore_is_one_post_and_keeps_the_quotes_confirmed_since(client, made, people, agus):
    """A story readers cannot see is restored by one POST, as before, and still keeps its decided quotes."""
    story = rewrite_with_a_new_quote(client, make_draft(made, people), people, agus)
    first = first_version(story)
    confirmed_before = set(story.quotes.filter(status="confirmed").values_list("pk", flat=True))

    response = client.post(restore_url(story, first))

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[story.pk])
    story.refresh_from_db()
    assert story.headline == first.field_dict["headline"] and story.status == Article.Status.DRAFT
    assert set(story.quotes.values_list("pk", flat=True)) >= confirmed_before
    assert set(story.quotes.filter(status="confirmed").values_list("pk", flat=True)) == confirmed_before - {
        story.quotes.get(text=NEW_QUOTE).pk
    }
    assert AuditEntry.objects.filter(action=AuditEntry.Action.RESTORE, object_id=story.pk).count() == 1


# --- the rules, one at a time ---------------------------------------------------------------------------------


@pytest.fixture
def versioned(make_article, people, rina):
    """A published story whose first version, saved by the editor, has one byline and one proposed quote."""
    with reversion.create_revision():
        article = make_article(
            headline="Pasar Cempaka dibuka lagi",
            body="<p>“Pasar ini milik warga,” kata Lurah Cempaka Sri Lestari.</p>",
            created_by=people["reporter"],
        )
        Byline.objects.create(article=article, contributor=rina, order=1)
        Quote.objects.create(article=article, text="Pasar ini milik warga", position=1)
        reversion.add_to_revision(article)
        reversion.set_user(people["editor"])
    return article


def test_decided_quotes_survive_and_proposals_follow_the_old_version(versioned, people):
    """A rejected quote added since stays, a proposal added since goes, and the old proposal decided since is not
    brought back as a second copy."""
    first = first_version(versioned)
    old_quote = versioned.quotes.get()
    Quote.objects.filter(pk=old_quote.pk).update(status=Quote.Status.CONFIRMED)
    with reversion.create_revision():
        rejected = Quote.objects.create(article=versioned, text="Bukan kutipan", status=Quote.Status.REJECTED)
        proposal = Quote.objects.create(article=versioned, text="Usulan mesin yang baru")
        versioned.save()

    restoring.restore_revision(article=versioned, version=first, user=people["editor"], confirmed=True)

    quotes = {quote.pk: quote.status for quote in versioned.quotes.all()}
    assert quotes == {old_quote.pk: Quote.Status.CONFIRMED, rejected.pk: Quote.Status.REJECTED}
    assert not Quote.objects.filter(pk=proposal.pk).exists()


def test_a_deleted_old_quote_comes_back_unless_a_decided_copy_exists(versioned, people):
    """An old version's proposal deleted since comes back, except when an editor has decided the same words since."""
    first = first_version(versioned)
    versioned.quotes.all().delete()
    copy = Quote.objects.create(article=versioned, text="“Pasar ini milik warga,”", status=Quote.Status.CONFIRMED)

    restoring.restore_revision(article=versioned, version=first, user=people["editor"], confirmed=True)

    assert list(versioned.quotes.values_list("pk", "status")) == [(copy.pk, Quote.Status.CONFIRMED)]

    copy.delete()
    restoring.restore_revision(article=versioned, version=first, user=people["editor"], confirmed=True)

    assert list(versioned.quotes.values_list("text", "status")) == [("Pasar ini milik warga", "proposed")]


def test_the_service_refuses_an_unconfirmed_restore_of_a_live_story(versioned, people):
    """Called without confirmation on a story readers see, the service raises and changes nothing."""
    first = first_version(versioned)
    with reversion.create_revision():
        versioned.headline = "Judul baru"
        versioned.save()
    before = state(versioned)

    with pytest.raises(restoring.RestoreNeedsConfirmation):
        restoring.restore_revision(article=versioned, version=first, user=people["editor"])

    assert state(versioned) == before


def test_a_scheduled_story_asks_for_confirmation_too(client, versioned, people):
    """A story scheduled to go live counts as live: the restore asks first."""
    first = first_version(versioned)
    later = timezone.now() + timedelta(days=1)
    workflow.perform_transition(article=versioned, name="schedule", user=people["editor"], publish_at=later)
    versioned.refresh_from_db()
    before = state(versioned)
    client.force_login(people["editor"])

    page = client.post(restore_url(versioned, first))

    assert page.status_code == 200 and page.context["preview"].live
    assert state(versioned) == before


def test_a_confirmation_given_for_an_older_state_asks_again(client, versioned, people):
    """When the story changed after the confirmation page was shown, nothing is restored and the page shows again."""
    first = first_version(versioned)
    with reversion.create_revision():
        versioned.headline = "Judul baru"
        versioned.save()
    client.force_login(people["editor"])
    seen = client.get(restore_url(versioned, first)).context["seen_version"]
    with reversion.create_revision():
        versioned.headline = "Judul yang lebih baru"
        versioned.save()
    before = state(versioned)

    page = client.post(restore_url(versioned, first), {"confirm": "yes", "seen_version": seen})

    assert page.status_code == 200 and "changed since" in page.content.decode()
    assert state(versioned) == before


def test_the_confirmation_page_lists_fields_section_and_photos(client, versioned, people, make_photo):
    """The page names each changed field with its value now and after, the section, and photos added or removed."""
    first = first_version(versioned)
    ekonomi = Section.objects.create(name="Ekonomi", slug="ekonomi", order=2)
    photo = make_photo(caption="Pedagang menata lapak")
    with reversion.create_revision():
        versioned.dek = "Ringkasan baru."
        versioned.section = ekonomi
        versioned.save()
        versioned.photo_uses.create(photo=photo, order=0)
    client.force_login(people["editor"])

    page = client.get(restore_url(versioned, first))

    preview = page.context["preview"]
    assert [change.label for change in preview.fields] == ["Dek / summary", "Section"]
    assert (preview.fields[1].now, preview.fields[1].after) == ("Ekonomi", "Kota")
    assert [str(item) for item in preview.photos_removed] == [str(photo)]
    assert "Pedagang menata lapak" in page.content.decode()


def test_a_person_who_may_not_restore_sees_no_confirmation_page(client, versioned, people):
    """The confirmation page is for those who may restore: a reporter gets a 403 and nothing changes."""
    first = first_version(versioned)
    client.force_login(people["reporter"])
    assert client.get(restore_url(versioned, first)).status_code == 403
    assert client.post(restore_url(versioned, first), {"confirm": "yes"}).status_code == 403


def test_the_confirmation_page_says_when_the_version_cannot_be_restored(client, versioned, people, rina):
    """A version naming a contributor deleted since is refused on the page itself, with no button to confirm."""
    first = first_version(versioned)
    with reversion.create_revision():
        versioned.bylines.all().delete()
        versioned.headline = "Tanpa byline"
        versioned.save()
    rina.delete()
    client.force_login(people["editor"])

    page = client.get(restore_url(versioned, first))

    assert page.status_code == 200 and "cannot be restored" in page.content.decode()
    assert 'name="confirm"' not in page.content.decode()
    assert Article.objects.get(pk=versioned.pk).headline == "Tanpa byline"


def test_a_quote_sent_back_because_its_words_were_cut_survives_a_restore(versioned, people):
    """A confirmed quote sent back to proposed when its words were cut is still the desk's: a restore keeps it, once."""
    first = first_version(versioned)
    quote = versioned.quotes.get()
    review_quotes(quotes=[quote], status="confirmed", user=people["editor"])
    with reversion.create_revision():
        cut = Article.objects.get(pk=versioned.pk)
        cut.body = "<p>Pasar dibuka lagi.</p>"
        cut.save()
    quote.refresh_from_db()
    assert quote.status == Quote.Status.PROPOSED and quote.held_by_editor

    restoring.restore_revision(article=versioned, version=first, user=people["editor"], confirmed=True)

    assert list(versioned.quotes.values_list("pk", flat=True)) == [quote.pk]
    assert versioned.quotes.get().held_by_editor


def with_a_byline(article):
    """Publishing needs a byline (tests/test_publishing_panel.py): a story published in these tests gets one."""
    from articles.models import Byline, Contributor

    contributor, _ = Contributor.objects.get_or_create(slug="penulis-uji", defaults={"name": "Penulis Uji"})
    Byline.objects.get_or_create(article=article, contributor=contributor, defaults={"order": 99})
    return article

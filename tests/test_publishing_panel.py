"""Issue 19 point 4: one publishing panel beside Save, the byline rule, "publish now" for a scheduled story, one lead
pin at a time, and a locked story shown to its reporter as readers will see it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Byline, Contributor, FrontPagePin
from articles.services import workflow

pytestmark = pytest.mark.django_db


def publishing_panel(story, user):
    from articles.admin.publishing_panel import publishing_panel

    return publishing_panel(story, user)


def with_byline(article, name="Dwi Arif"):
    contributor, _ = Contributor.objects.get_or_create(name=name, defaults={"slug": name.lower().replace(" ", "-")})
    Byline.objects.create(article=article, contributor=contributor, order=0)
    return article


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


# --- the byline rule -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["publish", "schedule"])
def test_publishing_needs_a_byline(make_article, people, name):
    story = make_article(status=Article.Status.APPROVED, publish_at=None)
    when = timezone.now() + timedelta(hours=2) if name == "schedule" else None
    with pytest.raises(workflow.TransitionRefused, match="byline"):
        workflow.perform_transition(article=story, name=name, user=people["editor"], publish_at=when)
    story.refresh_from_db()
    assert story.status == Article.Status.APPROVED
    with_byline(story)
    workflow.perform_transition(article=story, name=name, user=people["editor"], publish_at=when)
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED


# --- publish now -----------------------------------------------------------------------------------------------------


def test_a_scheduled_story_can_be_published_now(make_article, people):
    later = timezone.now() + timedelta(days=1)
    story = with_byline(make_article(status=Article.Status.PUBLISHED, publish_at=later))
    assert "publish" in [t.name for t in workflow.allowed_transitions(people["editor"], story)]
    workflow.perform_transition(article=story, name="publish", user=people["editor"])
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED
    assert story.publish_at <= timezone.now()
    assert story in Article.objects.published()


def test_a_live_story_has_no_publish_now(make_article, people):
    story = with_byline(make_article())
    assert "publish" not in [t.name for t in workflow.allowed_transitions(people["editor"], story)]
    with pytest.raises(workflow.TransitionRefused, match="already published and live"):
        workflow.perform_transition(article=story, name="publish", user=people["editor"])


def test_publish_now_keeps_the_embargo(make_article, people):
    story = with_byline(
        make_article(
            status=Article.Status.PUBLISHED,
            publish_at=timezone.now() + timedelta(days=2),
            embargo_until=timezone.now() + timedelta(days=1),
        )
    )
    with pytest.raises(workflow.TransitionRefused, match="embargo"):
        workflow.perform_transition(article=story, name="publish", user=people["editor"])


# --- one lead pin --------------------------------------------------------------------------------------------------


def test_a_second_lead_pin_is_refused_naming_the_current_lead(make_article):
    first, second = make_article(headline="Banjir di Kenanga"), make_article()
    FrontPagePin.objects.create(article=first, slot=FrontPagePin.Slot.LEAD)
    pin = FrontPagePin(article=second, slot=FrontPagePin.Slot.LEAD)
    with pytest.raises(ValidationError) as refused:
        pin.full_clean()
    assert "Banjir di Kenanga" in str(refused.value)


def test_an_expired_lead_pin_does_not_block_a_new_one(make_article):
    first, second = make_article(), make_article()
    FrontPagePin.objects.create(
        article=first, slot=FrontPagePin.Slot.LEAD, pinned_until=timezone.now() - timedelta(minutes=1)
    )
    FrontPagePin(article=second, slot=FrontPagePin.Slot.LEAD).full_clean()


def test_the_lead_pin_itself_can_be_edited(make_article):
    pin = FrontPagePin.objects.create(article=make_article(), slot=FrontPagePin.Slot.LEAD)
    pin.order = 3
    pin.full_clean()


def test_the_admin_refuses_a_second_lead_pin_with_a_message(make_article, editor_client):
    first, second = make_article(headline="Banjir di Kenanga"), make_article()
    FrontPagePin.objects.create(article=first, slot=FrontPagePin.Slot.LEAD)
    response = editor_client.post(
        reverse("admin:articles_frontpagepin_add"), {"slot": "lead", "article": second.pk, "order": 0}
    )
    assert response.status_code == 200
    assert "Banjir di Kenanga" in response.content.decode()
    assert FrontPagePin.objects.filter(slot="lead").count() == 1


# --- the panel -----------------------------------------------------------------------------------------------------


def test_panel_for_a_draft_names_the_author_and_the_missing_byline(make_article, make_photo, people):
    story = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=people["reporter"])
    photo = make_photo(approved=False)
    story.photo_uses.create(photo=photo, order=0)
    panel = publishing_panel(story, people["editor"])
    assert panel.state == "Draft"
    assert "reporter" in panel.holder
    blockers = {b.url: b.text for b in panel.blockers}
    assert reverse("admin:articles_photo_change", args=[photo.pk]) in blockers
    assert "#bylines-group" in blockers
    assert "byline" in blockers["#bylines-group"]


def test_panel_for_a_story_in_review_says_it_waits_for_an_editor(make_article, people):
    story = with_byline(make_article(status=Article.Status.IN_REVIEW, publish_at=None, created_by=people["reporter"]))
    panel = publishing_panel(story, people["reporter"])
    assert "editor" in panel.holder.lower()
    assert panel.locked_reason
    assert panel.blockers == []


def test_panel_shows_schedule_and_embargo_in_wib(make_article, people):
    story = with_byline(
        make_article(
            status=Article.Status.PUBLISHED,
            publish_at=timezone.now() + timedelta(days=2),
            embargo_until=timezone.now() + timedelta(days=1),
        )
    )
    panel = publishing_panel(story, people["editor"])
    assert panel.state == "Scheduled"
    assert "WIB" in panel.goes_live and "WIB" in panel.embargo


def test_change_form_shows_the_panel_with_links(make_article, make_photo, editor_client):
    story = make_article(status=Article.Status.APPROVED, publish_at=None)
    photo = make_photo(approved=False)
    story.photo_uses.create(photo=photo, order=0)
    page = editor_client.get(change_url(story)).content.decode()
    assert 'id="publishing-panel"' in page
    assert reverse("admin:articles_photo_change", args=[photo.pk]) in page
    assert 'href="#bylines-group"' in page


# --- the locked story, read-only -----------------------------------------------------------------------------------


def test_a_reporters_submitted_story_reads_as_readers_will_see_it(client, make_article, people):
    story = with_byline(
        make_article(
            status=Article.Status.IN_REVIEW,
            publish_at=None,
            created_by=people["reporter"],
            body="<p>Air naik <strong>dua meter</strong>.</p>",
        )
    )
    client.force_login(people["reporter"])
    response = client.get(change_url(story))
    assert response.status_code == 200
    page = response.content.decode()
    assert "&lt;p&gt;" not in page and "&lt;strong&gt;" not in page
    assert "<strong>dua meter</strong>" in page
    assert "None" not in page.split('id="content-main"')[1].split("</form>")[0]
    assert "Waiting for review by an editor" in page

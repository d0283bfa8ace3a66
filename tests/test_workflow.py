"""The editorial workflow: every role, transition and route, scheduling, expiry, embargo and the audit log."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles import access, roles
from articles.models import Article, AuditEntry, Byline, Contributor
from articles.services import workflow

pytestmark = pytest.mark.django_db

START_STATE = {
    "submit": "draft",
    "approve": "review",
    "send_back": "review",
    "publish": "approved",
    "schedule": "approved",
    "unpublish": "published",
    "reopen": "unpublished",
}
ALLOWED = {
    "anonymous": set(),
    "reporter": {"submit"},  # on their own draft only
    "photo_desk": set(),
    "editor": set(START_STATE),
    "chief_editor": set(START_STATE),
}
ACTIONS = {
    "submit": "submit_stories",
    "approve": "approve_stories",
    "publish": "publish_stories",
    "unpublish": "unpublish_stories",
}


def story_in(make_article, state: str, author):
    publish_at = timezone.now() - timedelta(hours=1) if state in {"published", "unpublished"} else None
    return bylined(make_article(status=state, publish_at=publish_at, created_by=author))


def bylined(article):
    """Publishing needs a byline (tests/test_publishing_panel.py); the stories walked through the workflow have one."""
    contributor, _ = Contributor.objects.get_or_create(slug="penulis-uji", defaults={"name": "Penulis Uji"})
    Byline.objects.create(article=article, contributor=contributor, order=99)
    return article


def snapshot(article):
    """The story's state and publish time, and how many audit entries there are besides refused attempts (a refusal
    changes nothing, but is listed: tests/test_audit_record.py)."""
    article.refresh_from_db()
    return (article.status, article.publish_at, AuditEntry.objects.exclude(action=AuditEntry.Action.REFUSED).count())


def client_for(client, people, role):
    if role != "anonymous":
        client.force_login(people[role])
    return client


def transition_data(name):
    data = {"note": "Perbaiki judul."}
    if name == "schedule":
        later = timezone.localtime(timezone.now() + timedelta(days=1))
        data.update({"publish_at_0": f"{later:%Y-%m-%d}", "publish_at_1": f"{later:%H:%M:%S}"})
    return data


@pytest.mark.parametrize("role", list(ALLOWED))
@pytest.mark.parametrize("name", list(START_STATE))
def test_button_route(client, people, make_article, role, name):
    """The workflow button (admin transition view) obeys the role; a refusal changes nothing."""
    article = story_in(make_article, START_STATE[name], people["reporter"])
    before = snapshot(article)
    client_for(client, people, role).post(
        reverse("admin:articles_article_transition", args=[article.pk, name]), transition_data(name)
    )
    after = snapshot(article)
    if name in ALLOWED[role]:
        assert after[0] == workflow.TRANSITIONS[name].target and after[2] == before[2] + 1
    else:
        assert after == before
        assert AuditEntry.objects.filter(action=AuditEntry.Action.REFUSED).exists() is (role != "anonymous")


@pytest.mark.parametrize("role", list(ALLOWED))
@pytest.mark.parametrize("name", list(ACTIONS))
def test_bulk_action_route(client, people, make_article, role, name):
    """Admin bulk actions obey the same rules, story by story."""
    mine = story_in(make_article, START_STATE[name], people["reporter"])
    theirs = story_in(make_article, START_STATE[name], people["other_reporter"])
    before = [snapshot(mine), snapshot(theirs)]
    client_for(client, people, role).post(
        reverse("admin:articles_article_changelist"),
        {"action": ACTIONS[name], "_selected_action": [mine.pk, theirs.pk]},
    )
    after = [snapshot(mine), snapshot(theirs)]
    target = workflow.TRANSITIONS[name].target
    if role == "reporter" and name == "submit":
        assert after[0][0] == target and after[1][:2] == before[1][:2]  # only their own story moves
    elif name in ALLOWED[role]:
        assert after[0][0] == after[1][0] == target
    else:
        assert [a[:2] for a in after] == [b[:2] for b in before] and after[1][2] == before[1][2]


@pytest.mark.parametrize("role", list(ALLOWED))
def test_crafted_status_post_is_refused(client, people, make_article, role):
    """A change-form POST that sets the status directly is refused with a message and saves nothing."""
    article = story_in(make_article, "draft", people["reporter"])
    before = snapshot(article)
    headline_before = article.headline
    response = client_for(client, people, role).post(
        reverse("admin:articles_article_change", args=[article.pk]),
        {"status": "published", "headline": "Diubah diam-diam"},
        follow=True,
    )
    article.refresh_from_db()
    assert snapshot(article) == before and article.headline == headline_before
    if role == "anonymous":  # sent to the login page, the form never reached
        assert response.redirect_chain[0][0].startswith(reverse("admin:login"))
    else:
        assert "nothing was saved" in response.text


@pytest.mark.parametrize(
    ("role", "own", "status"),
    [
        ("anonymous", True, 404),
        ("reporter", True, 200),
        ("other_reporter", False, 404),
        ("photo_desk", False, 200),
        ("editor", False, 200),
        ("chief_editor", False, 200),
    ],
)
def test_preview_route(client, people, make_article, role, own, status):
    """Preview of a draft: its author and the desks see it; other reporters and the public get 404."""
    article = story_in(make_article, "draft", people["reporter"])
    if role != "anonymous":
        client.force_login(people[role])
    response = client.get(article.get_preview_url())
    assert response.status_code == status
    assert (article.headline in response.text) == (status == 200)


def test_reporter_edits_own_draft_but_not_others_nor_after_submitting(people, make_article):
    """Object-level editing: own drafts only; editors any story."""
    reporter, editor = people["reporter"], people["editor"]
    own = story_in(make_article, "draft", reporter)
    other = story_in(make_article, "draft", people["other_reporter"])
    assert access.can_edit(reporter, own) and not access.can_edit(reporter, other)
    workflow.perform_transition(article=own, name="submit", user=reporter)
    own.refresh_from_db()
    assert not access.can_edit(reporter, own)
    assert access.can_edit(editor, own) and access.can_edit(editor, other)


def test_bylined_reporter_counts_as_author(people, make_article):
    """A reporter credited in the byline (through their account) may edit and submit the draft."""
    reporter = people["other_reporter"]
    article = story_in(make_article, "draft", people["editor"])
    contributor = Contributor.objects.create(name="Lain", slug="lain", user=reporter)
    Byline.objects.create(article=article, contributor=contributor)
    assert access.can_edit(reporter, article)


def test_editor_walks_a_story_from_draft_to_published_in_the_admin(client, people, make_article):
    """Submit → approve → publish through the buttons, never touching a status field; each step audited."""
    article = story_in(make_article, "draft", people["reporter"])
    client.force_login(people["reporter"])
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert 'data-transition="submit"' in page and 'data-transition="publish"' not in page
    client.post(reverse("admin:articles_article_transition", args=[article.pk, "submit"]))
    client.force_login(people["editor"])
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert 'data-transition="approve"' in page and 'data-transition="send_back"' in page
    client.post(reverse("admin:articles_article_transition", args=[article.pk, "approve"]))
    client.post(reverse("admin:articles_article_transition", args=[article.pk, "publish"]))
    article.refresh_from_db()
    assert article.is_public
    assert list(
        AuditEntry.objects.order_by("pk").values_list("action", "from_state", "to_state", "user__username")
    ) == [
        ("submit", "draft", "review", "reporter"),
        ("approve", "review", "approved", "editor"),
        ("publish", "approved", "published", "editor"),
    ]
    assert client.get(article.get_absolute_url()).status_code == 200


def test_send_back_needs_a_note_which_is_audited(people, make_article):
    """Sending back without a note is refused; with one, the note is in the audit entry."""
    article = story_in(make_article, "review", people["reporter"])
    with pytest.raises(workflow.TransitionRefused, match="note"):
        workflow.perform_transition(article=article, name="send_back", user=people["editor"])
    workflow.perform_transition(article=article, name="send_back", user=people["editor"], note="Tambah sumber.")
    entry = AuditEntry.objects.get(action="send_back")
    assert (entry.action, entry.note, entry.to_state) == ("send_back", "Tambah sumber.", "draft")


def test_repeated_transition_is_performed_once(client, people, make_article):
    """A double click posts twice; the story moves once and there is one audit entry."""
    article = story_in(make_article, "approved", people["reporter"])
    client.force_login(people["editor"])
    url = reverse("admin:articles_article_transition", args=[article.pk, "publish"])
    client.post(url)
    response = client.post(url, follow=True)
    assert AuditEntry.objects.filter(action="publish").count() == 1
    assert "already published" in response.text


def test_schedule_goes_live_at_its_time_without_a_job(people, make_article, time_machine):
    """A scheduled story is shown as scheduled, hidden until its time, then public — no job runs."""
    time_machine.move_to(timezone.now(), tick=False)
    article = story_in(make_article, "approved", people["reporter"])
    at = timezone.now() + timedelta(hours=5)
    workflow.perform_transition(article=article, name="schedule", user=people["editor"], publish_at=at)
    article.refresh_from_db()
    assert article.is_scheduled and not Article.objects.published().exists()
    time_machine.move_to(at + timedelta(seconds=1))
    assert list(Article.objects.published()) == [article]


def test_scheduling_in_the_past_is_refused(people, make_article):
    """A time that has passed is not a schedule."""
    article = story_in(make_article, "approved", people["reporter"])
    with pytest.raises(workflow.TransitionRefused, match="future"):
        workflow.perform_transition(
            article=article, name="schedule", user=people["editor"], publish_at=timezone.now() - timedelta(minutes=1)
        )


def test_schedule_form_refuses_a_past_time(client, people, make_article):
    """Through the admin, a past time is a form error and nothing changes."""
    article = story_in(make_article, "approved", people["reporter"])
    client.force_login(people["editor"])
    past = timezone.localtime(timezone.now() - timedelta(days=1))
    response = client.post(
        reverse("admin:articles_article_transition", args=[article.pk, "schedule"]),
        {"publish_at_0": f"{past:%Y-%m-%d}", "publish_at_1": f"{past:%H:%M:%S}"},
        follow=True,
    )
    assert "future" in response.text
    article.refresh_from_db()
    assert article.status == "approved"


def test_expiry_takes_a_story_down_at_its_time(make_article, time_machine):
    """An expiry time removes the story from published() at that moment."""
    time_machine.move_to(timezone.now(), tick=False)
    article = make_article(expires_at=timezone.now() + timedelta(hours=2))
    assert Article.objects.published().exists() and article.is_public
    time_machine.move_to(timezone.now() + timedelta(hours=2, seconds=1))
    assert not Article.objects.published().exists()
    article.refresh_from_db()
    assert not article.is_public


def test_expiry_before_publication_is_a_form_error(make_article):
    """The database and the form refuse an expiry before the publish time."""
    from django.core.exceptions import ValidationError

    article = make_article()
    article.expires_at = article.publish_at - timedelta(minutes=1)
    with pytest.raises(ValidationError, match="expiry"):
        article.full_clean()


def test_embargo_refuses_publishing_and_names_the_time(people, make_article, time_machine):
    """Publishing before the embargo is refused with the embargo time in WIB; after it, publishing works."""
    time_machine.move_to(timezone.now(), tick=False)
    embargo = timezone.now() + timedelta(hours=3)
    article = bylined(make_article(status="approved", publish_at=None, embargo_until=embargo))
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.perform_transition(article=article, name="publish", user=people["editor"])
    assert "embargo" in refused.value.message and "WIB" in refused.value.message
    with pytest.raises(workflow.TransitionRefused):
        workflow.perform_transition(
            article=article, name="schedule", user=people["editor"], publish_at=embargo - timedelta(minutes=1)
        )
    workflow.perform_transition(article=article, name="schedule", user=people["editor"], publish_at=embargo)
    article.refresh_from_db()
    assert article.status == "published" and article.publish_at == embargo


def test_audit_log_is_listed_and_filterable(client, people, make_article):
    """The site-wide audit log lists entries and filters by action and user."""
    article = story_in(make_article, "draft", people["reporter"])
    workflow.perform_transition(article=article, name="submit", user=people["reporter"])
    workflow.perform_transition(article=article, name="approve", user=people["editor"])
    client.force_login(people["chief_editor"])
    url = reverse("admin:articles_auditentry_changelist")
    assert client.get(url).status_code == 200
    only_approve = client.get(url, {"action__exact": "approve"})
    assert list(only_approve.context["cl"].queryset.values_list("action", flat=True)) == ["approve"]
    by_user = client.get(url, {"user__id__exact": people["reporter"].pk})
    assert list(by_user.context["cl"].queryset.values_list("action", flat=True)) == ["submit"]


def test_setup_roles_is_idempotent_and_repairs_groups(people):
    """Running setup_roles again restores a group's permissions exactly."""
    editor_group = Group.objects.get(name=roles.EDITOR)
    count = editor_group.permissions.count()
    editor_group.permissions.clear()
    call_command("setup_roles", stdout=None)
    assert editor_group.permissions.count() == count
    assert not Group.objects.get(name=roles.PHOTO_DESK).permissions.filter(codename="publish_article").exists()

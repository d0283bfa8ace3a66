"""Notifications (issue 19, point 3): who is told of each workflow step, a photo credit's questions and a mention in a
note; the emails go only after the transaction commits, only to people who take email; the in-admin inbox and the
header's unread count; the send-back note on the reporter's story page."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Byline, Contributor, Notification, NotificationSettings, Photo
from articles.services import moderation, notifications, workflow
from articles.services.workflow import TransitionRefused
from tests.xss_checks import Structure, check_html
from tests.xss_fields import PAYLOADS, payload_text

pytestmark = pytest.mark.django_db

Kind = Notification.Kind


@pytest.fixture
def desk(people):
    """Everyone on the desk with an email address."""
    for key, user in people.items():
        user.email = f"{key}@redaksi.example"
        user.save(update_fields=["email"])
    return people


@pytest.fixture
def draft(make_article, desk):
    """The reporter's draft, bylined to them through their contributor record, and ready to publish."""
    article = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=desk["reporter"])
    contributor = Contributor.objects.create(name="Rina Wati", slug="rina-wati", user=desk["reporter"])
    Byline.objects.create(article=article, contributor=contributor)
    return article


def recipients(kind, **filters):
    return {n.recipient.username for n in Notification.objects.filter(kind=kind, **filters)}


def test_submitting_tells_the_editors_and_chief_editors_not_the_reporter(
    draft, desk, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform_transition(article=draft, name="submit", user=desk["reporter"])
        assert mailoutbox == []  # nothing goes before the transaction commits

    assert recipients(Kind.SUBMITTED) == {"editor", "chief_editor"}
    assert sorted(m.to[0] for m in mailoutbox) == ["chief_editor@redaksi.example", "editor@redaksi.example"]
    assert draft.headline in mailoutbox[0].subject
    # The email links to the story's page in the admin, on the site's own address.
    assert f"http://127.0.0.1:8000/admin/articles/article/{draft.pk}/change/" in mailoutbox[0].body
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2


def test_sending_back_tells_the_authors_and_the_submitter_with_the_note(
    draft, desk, mailoutbox, django_capture_on_commit_callbacks
):
    # A second bylined reporter, and an editor who submitted the story on the reporter's behalf.
    colleague = Contributor.objects.create(name="Budi", slug="budi", user=desk["other_reporter"])
    Byline.objects.create(article=draft, contributor=colleague, order=1)
    workflow.perform_transition(article=draft, name="submit", user=desk["editor"])
    Notification.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform_transition(
            article=draft, name="send_back", user=desk["chief_editor"], note="Sumber kedua belum ada."
        )

    assert recipients(Kind.SENT_BACK) == {"reporter", "other_reporter", "editor"}
    assert set(Notification.objects.values_list("text", flat=True)) == {"Sumber kedua belum ada."}
    assert {m.to[0] for m in mailoutbox} == {
        "reporter@redaksi.example",
        "other_reporter@redaksi.example",
        "editor@redaksi.example",
    }
    assert all("Sumber kedua belum ada." in m.body for m in mailoutbox)


@pytest.mark.parametrize("name, kind", [("approve", Kind.APPROVED), ("publish", Kind.PUBLISHED)])
def test_approving_and_publishing_tell_the_author_not_the_editor(draft, desk, name, kind):
    workflow.perform_transition(article=draft, name="submit", user=desk["reporter"])
    workflow.perform_transition(article=draft, name=name, user=desk["editor"])
    assert recipients(kind) == {"reporter"}


def test_a_refused_transition_tells_nobody(draft, desk, mailoutbox, django_capture_on_commit_callbacks):
    workflow.perform_transition(article=draft, name="submit", user=desk["reporter"])
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(TransitionRefused):
        workflow.perform_transition(article=draft, name="send_back", user=desk["editor"], note="  ")
    assert not Notification.objects.exists()
    assert callbacks == []
    assert mailoutbox == []


def test_a_rolled_back_transition_sends_no_email(draft, desk, mailoutbox, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        workflow.perform_transition(article=draft, name="submit", user=desk["reporter"])
        raise RuntimeError("the caller's transaction fails after the transition")
    assert not Notification.objects.exists()
    assert callbacks == []
    assert mailoutbox == []


def test_email_off_or_no_address_keeps_the_inbox_row_but_sends_nothing(
    draft, desk, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationSettings.objects.create(user=desk["editor"], email=False)
    desk["chief_editor"].email = ""
    desk["chief_editor"].save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform_transition(article=draft, name="submit", user=desk["reporter"])
    assert recipients(Kind.SUBMITTED) == {"editor", "chief_editor"}
    assert mailoutbox == []
    assert not Notification.objects.filter(emailed_at__isnull=False).exists()


def photo_added_by(user, make_photo):
    photo = make_photo(approved=False, credit_status=Photo.CreditStatus.PENDING)
    LogEntry.objects.log_actions(user_id=user.pk, queryset=[photo], action_flag=ADDITION, single_object=True)
    return photo


@pytest.mark.parametrize("decision, kind", [("request_info", Kind.CREDIT_NEEDS_INFO), ("reject", Kind.CREDIT_REJECTED)])
def test_a_credit_question_or_rejection_tells_the_uploader(
    desk, make_photo, decision, kind, mailoutbox, django_capture_on_commit_callbacks
):
    photo = photo_added_by(desk["reporter"], make_photo)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.moderate_photo(photo=photo, decision=decision, user=desk["photo_desk"], reason="Siapa pemotretnya?")
    assert recipients(kind, photo=photo) == {"reporter"}
    assert [m.to[0] for m in mailoutbox] == ["reporter@redaksi.example"]
    assert "Siapa pemotretnya?" in mailoutbox[0].body
    assert f"/admin/articles/photo/{photo.pk}/change/" in mailoutbox[0].body


def test_approving_a_credit_tells_nobody(desk, make_photo):
    photo = photo_added_by(desk["reporter"], make_photo)
    moderation.moderate_photo(photo=photo, decision="approve", user=desk["photo_desk"])
    assert not Notification.objects.exists()


def test_a_mention_in_a_note_tells_that_user_if_they_may_see_the_story(draft, desk, client, mailoutbox):
    client.force_login(desk["editor"])
    text = "@reporter cek angka ini; @other_reporter juga; tanya ke humas@pemkot dan @nobody."
    with_capture = client.post(reverse("admin:articles_article_add_note", args=[draft.pk]), {"text": text})
    assert with_capture.status_code == 302
    # The other reporter may not see a colleague's draft, "pemkot" is part of an email address, "nobody" no account.
    assert recipients(Kind.MENTIONED) == {"reporter"}
    assert Notification.objects.get().text == text


def test_mentioning_yourself_tells_nobody(draft, desk):
    notifications.notify_mentions(article=draft, user=desk["editor"], text="Catatan untuk @editor sendiri.")
    assert not Notification.objects.exists()


# --- the inbox ---------------------------------------------------------------------------------------------------


def test_the_inbox_lists_newest_first_and_opening_one_marks_it_read(draft, desk, client):
    workflow.perform_transition(article=draft, name="submit", user=desk["reporter"])
    workflow.perform_transition(article=draft, name="send_back", user=desk["editor"], note="Judul terlalu panjang.")
    client.force_login(desk["reporter"])

    page = client.get(reverse("admin:inbox"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "sent “" in html and "Judul terlalu panjang." in html
    assert html.count("inbox-unread") == 1
    assert 'id="inbox-link"' in html and '<span class="inbox-count">1</span>' in html

    notification = Notification.objects.get(recipient=desk["reporter"])
    opened = client.get(reverse("admin:inbox_open", args=[notification.pk]))
    assert opened.status_code == 302
    assert opened["Location"] == reverse("admin:articles_article_change", args=[draft.pk])
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "inbox-count" not in client.get(reverse("admin:inbox")).content.decode()


def test_someone_elses_notification_cannot_be_opened(draft, desk, client):
    workflow.perform_transition(article=draft, name="submit", user=desk["reporter"])
    theirs = Notification.objects.get(recipient=desk["editor"])
    client.force_login(desk["chief_editor"])
    assert client.get(reverse("admin:inbox_open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_marks_only_the_users_own(draft, desk, client):
    workflow.perform_transition(article=draft, name="submit", user=desk["reporter"])
    client.force_login(desk["editor"])
    response = client.post(reverse("admin:inbox"), {"mark_all_read": "1"})
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=desk["editor"], read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=desk["chief_editor"], read_at__isnull=True).exists()


def test_a_user_turns_email_off_and_on_again(desk, client):
    client.force_login(desk["reporter"])
    client.post(reverse("admin:inbox"), {})  # the checkbox left unticked
    assert NotificationSettings.objects.get(user=desk["reporter"]).email is False
    assert not notifications.wants_email(desk["reporter"])
    client.post(reverse("admin:inbox"), {"email": "on"})
    assert notifications.wants_email(desk["reporter"])


def test_the_header_count_takes_the_same_queries_for_one_or_many_unread(draft, desk, client):
    client.force_login(desk["editor"])
    url = reverse("admin:articles_section_changelist")

    def queries_with(unread):
        Notification.objects.filter(recipient=desk["editor"]).delete()
        Notification.objects.bulk_create(
            Notification(recipient=desk["editor"], kind=Kind.SUBMITTED, article=draft) for _ in range(unread)
        )
        client.get(url)  # warm: sessions, content types
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert f'<span class="inbox-count">{unread}</span>' in response.content.decode()
        return len(captured)

    assert queries_with(1) == queries_with(25)


# --- the send-back note on the story's page ------------------------------------------------------------------------


def test_the_reporter_sees_the_send_back_note_on_the_story_until_it_is_resubmitted(draft, desk, client):
    workflow.perform_transition(article=draft, name="submit", user=desk["reporter"])
    workflow.perform_transition(article=draft, name="send_back", user=desk["editor"], note="Tambahkan data BPS 2025.")
    client.force_login(desk["reporter"])
    url = reverse("admin:articles_article_change", args=[draft.pk])

    html = client.get(url).content.decode()
    assert 'id="send-back-note"' in html
    assert "Tambahkan data BPS 2025." in html
    assert "editor" in html.split('id="send-back-note"')[1].split("</div>")[0]

    workflow.perform_transition(article=draft, name="submit", user=desk["reporter"])
    assert 'id="send-back-note"' not in client.get(url).content.decode()


def test_a_draft_never_sent_back_shows_no_note(draft, desk, client):
    client.force_login(desk["reporter"])
    html = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert 'id="send-back-note"' not in html


def test_a_scheduled_story_tells_the_author_with_its_time(draft, desk):
    workflow.perform_transition(
        article=draft, name="schedule", user=desk["editor"], publish_at=timezone.now() + timedelta(hours=2)
    )
    notification = Notification.objects.get(kind=Kind.PUBLISHED)
    assert notification.recipient == desk["reporter"]
    assert notification.text  # "Goes live at …"


def test_emails_are_worded_in_the_sites_language_not_the_requests(draft, desk, settings, mailoutbox):
    """The recipient's language is unknown when the email goes: the site's (Indonesian) is used, whatever the
    language of the request that caused it (English here, as in every test)."""
    settings.LANGUAGE_CODE = "id"
    notification = Notification.objects.create(recipient=desk["reporter"], kind=Kind.APPROVED, article=draft)
    assert notifications.send_emails([notification.pk]) == 1
    assert mailoutbox[0].body.startswith("Seseorang ")  # "Someone": the account that acted is gone
    # Sent once: a second call finds it already emailed.
    assert notifications.send_emails([notification.pk]) == 0


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_a_hostile_note_is_text_in_the_inbox(payload, draft, desk, client):
    """The XSS matrix's payloads (tests/xss_fields.py) as a send-back note: the inbox shows them as text, with no
    element, attribute or script the same page with a harmless note lacks. (Emails are plain text.)"""
    workflow.perform_transition(article=draft, name="submit", user=desk["reporter"])
    client.force_login(desk["reporter"])

    def inbox_with_note(note: str):
        Notification.objects.all().delete()
        with transaction.atomic():
            workflow.perform_transition(article=draft, name="send_back", user=desk["editor"], note=note)
        page = client.get(reverse("admin:inbox")).content.decode()
        workflow.perform_transition(article=draft, name="submit", user=desk["reporter"])
        return page

    baseline = Structure.of(inbox_with_note(payload_text("harmless").format(m="zz99")))
    note = payload_text(payload).format(m="zz01")[:2000]  # the transition form's note takes 2,000 characters
    found = check_html(inbox_with_note(note), baseline, body_allowed=False)
    assert found.problems == []
    assert found.shows(note), "the note is not shown as text"

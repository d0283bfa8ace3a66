"""Webhooks (issue 24, item 3): signed JSON to subscribers on publish, update, correction and unpublish, sent once the
change commits, retried with backoff, logged, replayable, and never sent inside the server's own network."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import reversion
from django.contrib.auth.models import Permission
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.choices import ArticleStatus
from articles.events import StoryEvent
from articles.models import Byline, Contributor, Correction
from articles.services import restoring, revisions
from articles.services.workflow import perform_transition
from tests.conftest import admin_form_data
from webhooks import delivery, signing
from webhooks.admin import WebhookSubscriptionForm
from webhooks.models import WebhookDelivery, WebhookSubscription

Status = WebhookDelivery.Status
SITE = "https://berita.example"


# --- a subscriber: a real HTTP server on 127.0.0.1, in a thread ------------------------------------------------


class Receiver:
    """Records every request; answers each with the next of ``answers`` (the last one repeats), after ``delay``."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.answers: list[int] = [200]
        self.delay = 0.0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                time.sleep(receiver.delay)
                answer = receiver.answers[min(len(receiver.requests), len(receiver.answers)) - 1]
                self.send_response(answer)
                self.end_headers()
                self.wfile.write(b'{"ok": true}' if answer < 300 else b"nope")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/newsroom?src=test"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def bodies(self) -> list[dict]:
        return [json.loads(request["body"]) for request in self.requests]


@pytest.fixture
def receiver():
    subscriber = Receiver()
    subscriber.thread.start()
    yield subscriber
    subscriber.server.shutdown()
    subscriber.server.server_close()


@pytest.fixture(autouse=True)
def _webhook_settings(settings):
    settings.NEWSROOM_WEBHOOK_ALLOW_PRIVATE = True  # the subscriber above is on 127.0.0.1
    settings.NEWSROOM_SITE_URL = SITE
    settings.NEWSROOM_WEBHOOK_TIMEOUT = 2


@pytest.fixture
def subscription(db, receiver):
    return WebhookSubscription.objects.create(name="Aplikasi seluler", url=receiver.url)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` runs the on-commit callbacks of what the block does, as its commit would: the test's own
    transaction never commits (the test of real commits is marked transaction=True)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def bylined(article):
    contributor, _ = Contributor.objects.get_or_create(slug="penulis-uji", defaults={"name": "Penulis Uji"})
    Byline.objects.create(article=article, contributor=contributor, order=99)
    return article


@pytest.fixture
def draft(make_article, people):
    return bylined(make_article(status=ArticleStatus.APPROVED, publish_at=None, created_by=people["reporter"]))


# --- signing ---------------------------------------------------------------------------------------------------


def test_a_signature_is_hmac_sha256_of_the_timestamp_and_body_and_verifies():
    body = b'{"event":"published"}'
    header = signing.signature_header(body, "rahasia", timestamp=1_767_225_600)
    expected = hmac.new(b"rahasia", b"1767225600." + body, hashlib.sha256).hexdigest()
    assert header == f"t=1767225600,v1={expected}"
    assert signing.verify(body, header, "rahasia", now=1_767_225_600 + 299)


def test_a_tampered_body_a_wrong_secret_an_old_or_malformed_signature_are_refused():
    body = b'{"event":"published","story":{"id":1}}'
    now = 1_767_225_600
    header = signing.signature_header(body, "rahasia", timestamp=now)
    assert not signing.verify(body.replace(b"1", b"2"), header, "rahasia", now=now)
    assert not signing.verify(body, header, "bukan-rahasia", now=now)
    assert not signing.verify(body, header, "rahasia", now=now + 301)  # replayed six minutes later
    assert not signing.verify(body, header, "rahasia", now=now - 301)  # a clock far ahead
    # The timestamp is signed too: moving it forward breaks the signature.
    moved = header.replace(f"t={now}", f"t={now + 100}")
    assert not signing.verify(body, moved, "rahasia", now=now + 100)
    for malformed in ["", "v1=abc", f"t={now}", "t=soon,v1=abc", "garbage"]:
        assert not signing.verify(body, malformed, "rahasia", now=now)


# --- events, on commit ---------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_publishing_sends_one_signed_request_once_it_commits_and_none_when_rolled_back(people, make_article, receiver):
    """With real commits: the rolled-back publish leaves no delivery and sends nothing; the committed one sends one
    request, signed with the subscriber's secret, whose JSON names the story."""
    subscription = WebhookSubscription.objects.create(name="Mitra", url=receiver.url)
    story = bylined(make_article(status=ArticleStatus.APPROVED, publish_at=None, created_by=people["reporter"]))

    with pytest.raises(RuntimeError), transaction.atomic():
        perform_transition(article=story, name="publish", user=people["editor"])
        raise RuntimeError("the request failed after publishing")
    assert (WebhookDelivery.objects.count(), receiver.requests) == (0, [])

    perform_transition(article=story, name="publish", user=people["editor"])
    [request] = receiver.requests
    story.refresh_from_db()
    headers = request["headers"]
    assert request["path"] == "/hooks/newsroom?src=test"
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Newsroom-Event"] == "published"
    assert signing.verify(request["body"], headers["X-Newsroom-Signature"], subscription.secret)
    sent = json.loads(request["body"])
    assert set(sent) == {"event", "delivered_at", "story"}
    assert sent["event"] == "published"
    assert sent["story"] == {
        "id": story.pk,
        "headline": story.headline,
        "url": SITE + story.get_absolute_url(),
        "api_url": f"{SITE}/api/v1/stories/{story.pk}",
        "ninjs_url": f"{SITE}/api/v1/stories/{story.pk}.ninjs",
        "language": "id",
        "section": "kota",
        "published_at": delivery.utc_iso(story.publish_at),
        "updated_at": delivery.utc_iso(story.updated_at),
        "version": story.version,
    }
    [logged] = WebhookDelivery.objects.all()
    assert headers["X-Newsroom-Delivery"] == str(logged.pk)
    assert (logged.status, logged.attempts, logged.response_status) == (Status.SUCCEEDED, 1, 200)
    assert logged.delivered_at is not None and logged.request_headers["X-Newsroom-Event"] == "published"


def test_each_event_is_sent_to_the_subscribers_that_want_it_and_are_active(
    people, draft, receiver, django_capture_on_commit_callbacks
):
    wants_all = WebhookSubscription.objects.create(name="Semua", url=receiver.url)
    WebhookSubscription.objects.create(name="Hanya koreksi", url=receiver.url, events=["corrected"])
    WebhookSubscription.objects.create(name="Mati", url=receiver.url, active=False)
    with django_capture_on_commit_callbacks(execute=True):
        perform_transition(article=draft, name="publish", user=people["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        perform_transition(article=draft, name="unpublish", user=people["editor"])
    assert [body["event"] for body in receiver.bodies()] == ["published", "unpublished"]
    assert set(WebhookDelivery.objects.values_list("subscription", flat=True)) == {wants_all.pk}


def test_transitions_that_readers_do_not_see_send_nothing(people, make_article, receiver, subscription):
    story = bylined(make_article(status=ArticleStatus.DRAFT, publish_at=None, created_by=people["reporter"]))
    perform_transition(article=story, name="submit", user=people["reporter"])
    perform_transition(article=story, name="approve", user=people["editor"])
    perform_transition(article=story, name="send_back", user=people["editor"], note="Cek angka")
    assert WebhookDelivery.objects.count() == 0


def test_an_edit_saved_in_the_admin_to_a_public_story_is_an_update(
    client, people, make_article, receiver, subscription, django_capture_on_commit_callbacks
):
    story = bylined(make_article(headline="Pasar Cempaka dibuka"))
    client.force_login(people["editor"])
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = admin_form_data(client.get(url), headline="Pasar Cempaka dibuka lagi")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    [sent] = receiver.bodies()
    assert (sent["event"], sent["story"]["headline"]) == ("updated", "Pasar Cempaka dibuka lagi")
    assert sent["story"]["version"] == story.version + 1


def test_a_correction_added_with_an_edit_is_one_corrected_event(
    client, people, make_article, receiver, subscription, django_capture_on_commit_callbacks
):
    story = bylined(make_article(headline="Pasar Cempaka dibuka"))
    client.force_login(people["editor"])
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = admin_form_data(
        client.get(url),
        headline="Pasar Cempaka dibuka Senin",
        **{"corrections-TOTAL_FORMS": "1", "corrections-0-kind": "correction"},
        **{"corrections-0-text": "Versi sebelumnya menyebut tanggal yang salah."},
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    assert Correction.objects.filter(article=story).count() == 1
    assert [body["event"] for body in receiver.bodies()] == ["corrected"]


def test_restoring_an_earlier_version_of_a_public_story_is_an_update(
    people, make_article, receiver, subscription, committed
):
    story = bylined(make_article(headline="Judul pertama"))
    with reversion.create_revision():
        story.save()
    with reversion.create_revision():
        story.headline = "Judul kedua"
        story.save()
    first = revisions.story_versions(story.pk).last()
    with committed():
        restoring.restore_revision(article=story, version=first, user=people["editor"], confirmed=True)
    [sent] = receiver.bodies()
    assert (sent["event"], sent["story"]["headline"]) == ("updated", "Judul pertama")


def test_edits_to_a_draft_send_nothing(client, people, make_article, receiver, subscription):
    story = bylined(make_article(status=ArticleStatus.DRAFT, publish_at=None, created_by=people["reporter"]))
    client.force_login(people["editor"])
    url = reverse("admin:articles_article_change", args=[story.pk])
    assert client.post(url, admin_form_data(client.get(url), headline="Baru")).status_code == 302
    assert WebhookDelivery.objects.count() == 0


def test_a_scheduled_story_is_announced_when_it_goes_live_not_before(
    people, draft, receiver, subscription, time_machine, django_capture_on_commit_callbacks
):
    """The immediate task backend cannot defer: the task runs at once, finds the delivery not due and sends
    nothing; once the time has come, send_due_webhooks sends it."""
    from django.core.management import call_command

    time_machine.move_to(timezone.now(), tick=False)
    goes_live = timezone.now() + timedelta(hours=3)
    with django_capture_on_commit_callbacks(execute=True):
        perform_transition(article=draft, name="schedule", user=people["editor"], publish_at=goes_live)
    [waiting] = WebhookDelivery.objects.all()
    assert (waiting.event, waiting.status, waiting.next_attempt_at) == ("published", Status.PENDING, goes_live)
    assert receiver.requests == []
    call_command("send_due_webhooks", stdout=io.StringIO())
    assert receiver.requests == []

    time_machine.move_to(goes_live + timedelta(seconds=1), tick=False)
    call_command("send_due_webhooks", stdout=io.StringIO())
    [sent] = receiver.bodies()
    assert sent["event"] == "published" and sent["story"]["published_at"] == delivery.utc_iso(goes_live)
    waiting.refresh_from_db()
    assert waiting.status == Status.SUCCEEDED


def test_a_scheduled_story_unpublished_or_rescheduled_before_its_time_cancels_its_announcement(
    people, draft, receiver, subscription, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    first, second = timezone.now() + timedelta(hours=1), timezone.now() + timedelta(hours=5)
    perform_transition(article=draft, name="schedule", user=people["editor"], publish_at=first)
    perform_transition(article=draft, name="schedule", user=people["editor"], publish_at=second)
    time_machine.move_to(first + timedelta(minutes=1), tick=False)
    [(first_id, _)] = delivery.due_deliveries().values_list("pk", "event")
    assert delivery.attempt(first_id) is None
    assert WebhookDelivery.objects.get(pk=first_id).status == Status.CANCELLED

    perform_transition(article=draft, name="unpublish", user=people["editor"])  # never seen: no "unpublished"
    time_machine.move_to(second + timedelta(minutes=1), tick=False)
    [(second_id, _)] = delivery.due_deliveries().values_list("pk", "event")
    assert delivery.attempt(second_id) is None
    assert list(WebhookDelivery.objects.values_list("event", "status")) == [
        ("published", Status.CANCELLED),
        ("published", Status.CANCELLED),
    ]
    assert receiver.requests == []


# --- retries, failures, replay -------------------------------------------------------------------------------------


def test_a_failing_subscriber_is_tried_again_with_backoff_then_given_up(
    people, draft, receiver, subscription, time_machine, django_capture_on_commit_callbacks
):
    receiver.answers = [500]
    time_machine.move_to(timezone.now(), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        perform_transition(article=draft, name="publish", user=people["editor"])
    [logged] = WebhookDelivery.objects.all()
    waits = []
    for attempt in range(1, delivery.MAX_ATTEMPTS):
        logged.refresh_from_db()
        assert (logged.status, logged.attempts, logged.response_status) == (Status.RETRYING, attempt, 500)
        assert logged.error == "The subscriber answered 500."
        waits.append(logged.next_attempt_at - timezone.now())
        time_machine.move_to(logged.next_attempt_at, tick=False)
        delivery.attempt(logged.pk)
    assert waits == list(delivery.BACKOFF)
    logged.refresh_from_db()
    assert (logged.status, logged.attempts, logged.next_attempt_at) == (Status.FAILED, 6, None)
    assert logged.error.startswith("Gave up after 6 attempts.")
    assert len(receiver.requests) == 6
    # Every attempt is signed when it is made, and carries the same delivery id.
    assert len({request["headers"]["X-Newsroom-Signature"] for request in receiver.requests}) == 6
    assert {request["headers"]["X-Newsroom-Delivery"] for request in receiver.requests} == {str(logged.pk)}


def test_a_subscriber_back_up_gets_the_retry(people, draft, receiver, subscription, time_machine, committed):
    receiver.answers = [503, 429, 200]
    time_machine.move_to(timezone.now(), tick=False)
    with committed():
        perform_transition(article=draft, name="publish", user=people["editor"])
    [logged] = WebhookDelivery.objects.all()
    for _ in range(2):
        delivery.attempt(logged.pk)  # early: not due, nothing sent
        logged.refresh_from_db()
        time_machine.move_to(logged.next_attempt_at, tick=False)
        delivery.attempt(logged.pk)
    logged.refresh_from_db()
    assert (logged.status, logged.attempts, logged.response_status, logged.error) == (Status.SUCCEEDED, 3, 200, "")
    assert len(receiver.requests) == 3


def test_a_timeout_is_tried_again(people, draft, receiver, subscription, settings, committed):
    settings.NEWSROOM_WEBHOOK_TIMEOUT = 0.2
    receiver.delay = 1
    with committed():
        perform_transition(article=draft, name="publish", user=people["editor"])
    [logged] = WebhookDelivery.objects.all()
    assert (logged.status, logged.attempts, logged.response_status) == (Status.RETRYING, 1, None)
    assert "timed out" in logged.error
    assert logged.next_attempt_at > timezone.now() + timedelta(seconds=50)


@pytest.mark.parametrize("answer", [410, 400, 301])
def test_an_answer_saying_the_request_is_unwanted_fails_at_once(
    people, draft, receiver, subscription, answer, committed
):
    receiver.answers = [answer]
    with committed():
        perform_transition(article=draft, name="publish", user=people["editor"])
    [logged] = WebhookDelivery.objects.all()
    assert (logged.status, logged.attempts, logged.response_status) == (Status.FAILED, 1, answer)
    assert logged.next_attempt_at is None and len(receiver.requests) == 1


def test_a_replay_is_a_new_delivery_of_the_same_json_linked_to_the_original(
    people, draft, receiver, subscription, django_capture_on_commit_callbacks, committed
):
    receiver.answers = [410, 200]
    with committed():
        perform_transition(article=draft, name="publish", user=people["editor"])
    [original] = WebhookDelivery.objects.all()
    subscription.rotate_secret()
    with django_capture_on_commit_callbacks(execute=True):
        [replayed] = delivery.replay([original])
    replayed.refresh_from_db()
    original.refresh_from_db()
    assert (replayed.replay_of, replayed.payload, replayed.status) == (original, original.payload, Status.SUCCEEDED)
    assert (original.status, original.attempts) == (Status.FAILED, 1)
    first, second = receiver.requests
    assert json.loads(first["body"])["story"] == json.loads(second["body"])["story"]
    assert second["headers"]["X-Newsroom-Delivery"] == str(replayed.pk)
    assert signing.verify(second["body"], second["headers"]["X-Newsroom-Signature"], subscription.secret)


# --- the address rule (SSRF) ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.1.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://100.64.0.1/hook",
        "http://0.0.0.0/hook",
        "ftp://example.com/hook",
        "http://user:pass@93.184.215.14/hook",
    ],
)
def test_registration_refuses_internal_and_non_http_addresses(db, settings, url):
    settings.NEWSROOM_WEBHOOK_ALLOW_PRIVATE = False
    form = WebhookSubscriptionForm(data={"name": "Coba", "url": url, "events": ["published"], "active": "on"})
    assert not form.is_valid()
    assert "url" in form.errors


def test_registration_accepts_a_public_address(db, settings):
    settings.NEWSROOM_WEBHOOK_ALLOW_PRIVATE = False
    form = WebhookSubscriptionForm(
        data={"name": "Mitra", "url": "https://93.184.215.14/hook", "events": ["published"], "active": "on"}
    )
    assert form.is_valid(), form.errors


def test_sending_refuses_a_name_that_now_points_inside(people, draft, receiver, settings, committed):
    """Registered while allowed (or while the name pointed elsewhere): the send checks again and sends nothing."""
    WebhookSubscription.objects.create(name="Pindah", url=receiver.url.replace("127.0.0.1", "localhost"))
    settings.NEWSROOM_WEBHOOK_ALLOW_PRIVATE = False
    with committed():
        perform_transition(article=draft, name="publish", user=people["editor"])
    [logged] = WebhookDelivery.objects.all()
    assert (logged.status, logged.attempts) == (Status.FAILED, 1)
    assert "internal address" in logged.error
    assert receiver.requests == []


# --- the admin -----------------------------------------------------------------------------------------------------

ADMIN_PAGES = [
    "admin:webhooks_webhooksubscription_changelist",
    "admin:webhooks_webhooksubscription_add",
    "admin:webhooks_webhookdelivery_changelist",
]


def grant(user, *codenames):
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="webhooks", codename__in=codenames))
    # Permissions are cached on the user object; a fresh copy reads them again.
    return type(user).objects.get(pk=user.pk)


@pytest.mark.parametrize(
    ("role", "answers"),
    [
        # Who receives the newsroom's stories is the chief editor's to decide (articles/roles.py); editors see the
        # delivery log and replay what a subscriber missed; reporters and the photo desk see none of it.
        ("reporter", [403, 403, 403]),
        ("photo_desk", [403, 403, 403]),
        ("editor", [403, 403, 200]),
        ("chief_editor", [200, 200, 200]),
    ],
)
def test_each_role_reaches_the_webhook_pages_its_work_needs(client, people, role, answers):
    client.force_login(people[role])
    assert [client.get(reverse(name)).status_code for name in ADMIN_PAGES] == answers


def test_a_manager_registers_a_subscriber_and_sees_and_rotates_its_secret(client, people, settings):
    manager = grant(
        people["chief_editor"],
        "add_webhooksubscription",
        "change_webhooksubscription",
        "view_webhooksubscription",
    )
    client.force_login(manager)
    response = client.post(
        reverse("admin:webhooks_webhooksubscription_add"),
        {"name": "Aplikasi", "url": "http://127.0.0.1:9/hook", "events": ["published", "corrected"], "active": "on"},
    )
    assert response.status_code == 302
    subscription = WebhookSubscription.objects.get()
    assert (subscription.events, subscription.created_by) == (["published", "corrected"], manager)
    assert len(subscription.secret) >= 40
    page = client.get(reverse("admin:webhooks_webhooksubscription_change", args=[subscription.pk]))
    assert subscription.secret in page.text and "Rotate secret" in page.text
    old = subscription.secret
    rotate = reverse("admin:webhooks_webhooksubscription_rotate", args=[subscription.pk])
    assert client.get(rotate).status_code == 405
    assert client.post(rotate).status_code == 302
    subscription.refresh_from_db()
    assert subscription.secret != old

    settings.NEWSROOM_WEBHOOK_ALLOW_PRIVATE = False
    refused = client.post(
        reverse("admin:webhooks_webhooksubscription_add"),
        {"name": "Dalam", "url": "http://169.254.169.254/", "events": ["published"], "active": "on"},
    )
    assert refused.status_code == 200 and "internal address" in refused.text
    assert WebhookSubscription.objects.count() == 1


def test_the_secret_is_not_shown_to_someone_who_may_only_look(client, people, subscription):
    client.force_login(grant(people["editor"], "view_webhooksubscription"))
    page = client.get(reverse("admin:webhooks_webhooksubscription_change", args=[subscription.pk]))
    assert page.status_code == 200 and subscription.secret not in page.text
    rotate = reverse("admin:webhooks_webhooksubscription_rotate", args=[subscription.pk])
    assert client.post(rotate).status_code == 403


def test_the_delivery_log_shows_the_payload_headers_and_response_and_replays(
    client, people, draft, receiver, subscription, django_capture_on_commit_callbacks, committed, django_user_model
):
    receiver.answers = [500, 200]
    with committed():
        perform_transition(article=draft, name="publish", user=people["editor"])
    [original] = WebhookDelivery.objects.all()
    # Staff who may look at the log but not replay (the roles give editors both).
    looker = grant(
        django_user_model.objects.create_user("pengamat", password="x", is_staff=True), "view_webhookdelivery"
    )
    client.force_login(looker)
    listing = client.get(reverse("admin:webhooks_webhookdelivery_changelist"))
    assert listing.status_code == 200 and "Retrying" in listing.text
    detail_url = reverse("admin:webhooks_webhookdelivery_change", args=[original.pk])
    detail = client.get(detail_url)
    assert detail.status_code == 200
    assert "X-Newsroom-Signature" in detail.text and "The subscriber answered 500." in detail.text
    assert "nope" in detail.text and f"&quot;id&quot;: {draft.pk}" in detail.text
    assert ">Replay</button>" not in detail.text
    replay_url = reverse("admin:webhooks_webhookdelivery_replay", args=[original.pk])
    assert client.post(replay_url).status_code == 403

    client.force_login(grant(people["editor"], "replay_webhookdelivery"))
    assert ">Replay</button>" in client.get(detail_url).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(replay_url)
    replayed = WebhookDelivery.objects.get(replay_of=original)
    assert response.status_code == 302 and response["Location"].endswith(f"/{replayed.pk}/change/")
    assert replayed.status == Status.SUCCEEDED

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:webhooks_webhookdelivery_changelist"),
            {"action": "replay_selected", "_selected_action": [original.pk, replayed.pk]},
        )
    assert WebhookDelivery.objects.count() == 4
    assert WebhookDelivery.objects.filter(replay_of__isnull=False).count() == 3


def test_the_delivery_log_costs_the_same_queries_for_any_number_of_rows(client, people, subscription):
    client.force_login(grant(people["editor"], "view_webhookdelivery"))
    url = reverse("admin:webhooks_webhookdelivery_changelist")

    def queries_with(total: int) -> int:
        WebhookDelivery.objects.bulk_create(
            WebhookDelivery(subscription=subscription, event=StoryEvent.UPDATED, story_id=n, payload={})
            for n in range(total - WebhookDelivery.objects.count())
        )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert queries_with(3) == queries_with(60)

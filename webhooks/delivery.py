"""Webhook deliveries: one row per subscriber per story event, written in the change's transaction, then sent by the
task queue once it commits, signed, with retries, and replayed on request.

The rows are written where the event happens (``record_event``, called by webhooks/receivers.py inside the story
change's transaction), so a change rolled back leaves no delivery and a committed one never loses its delivery,
even when the queue is down at that moment: the row waits, pending, and ``manage.py send_due_webhooks`` picks it up.
The task is enqueued only on commit (``transaction.on_commit``), so the subscriber never hears of a change that is
not there yet when it asks the API for the story.

An attempt (``attempt``) claims the row, posts the JSON outside any transaction (a slow subscriber holds no lock),
and writes the outcome. A 2xx answer is success; 408, 429, 5xx, a timeout or a connection error is tried again
after ``BACKOFF`` (1 min, 5 min, 30 min, 2 h, 12 h: six attempts over about 15 hours); any other answer (a 4xx: the
subscriber says the request itself is wrong or unwanted, e.g. 410 Gone; a 3xx, since redirects are not followed) and
a refused address fail at once.

A "published" event for a scheduled story waits until the story goes live (``next_attempt_at``, and the task is
deferred until then), and is sent only if the story is then still published at that time: a story unpublished or
rescheduled meanwhile cancels it (rescheduling made another "published" for the new time).
"""

from __future__ import annotations

import http.client
import json
import logging
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from articles.choices import ArticleStatus
from articles.events import StoryEvent
from articles.models import Article
from webhooks import addresses, signing
from webhooks.models import TEXT_KEPT, WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)

BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
DEFAULT_TIMEOUT_SECONDS = 10
# Longer than any attempt can take (a connection and a read, each bounded by the timeout).
ATTEMPT_LEASE = timedelta(minutes=5)
USER_AGENT = "Newsroom-Webhooks/1"
EVENT_HEADER = "X-Newsroom-Event"
DELIVERY_HEADER = "X-Newsroom-Delivery"

Status = WebhookDelivery.Status


# --- recording ----------------------------------------------------------------------------------------------------


def record_event(article: Article, event: StoryEvent, goes_live: datetime) -> list[WebhookDelivery]:
    """Write one pending delivery of ``event`` for every active subscriber that wants it, in the caller's
    transaction, and enqueue them once it commits (a scheduled story's "published" when it goes live)."""
    subscriptions = WebhookSubscription.objects.wanting(event)
    if not subscriptions:
        return []
    payload = {"event": str(event), "story": story_payload(article)}
    due = max(goes_live, timezone.now())
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            subscription=subscription,
            event=event,
            story_id=article.pk,
            payload=payload,
            next_attempt_at=due,
        )
        for subscription in subscriptions
    )
    _enqueue_on_commit(deliveries)
    return deliveries


def story_payload(article: Article) -> dict:
    """What a delivery says about the story: enough to know which story and what changed, small and stable; the
    subscriber reads the story itself from the API (``api_url``, ``ninjs_url``)."""
    site = getattr(settings, "NEWSROOM_SITE_URL", "").rstrip("/")
    # Readers' address in the site's default language (no language prefix), whatever language this request is in.
    with translation.override(settings.LANGUAGE_CODE):
        reader_path = article.get_absolute_url()
    return {
        "id": article.pk,
        "headline": article.headline,
        "url": site + reader_path,
        "api_url": f"{site}/api/v1/stories/{article.pk}",
        "ninjs_url": f"{site}/api/v1/stories/{article.pk}.ninjs",
        "language": article.language,
        "section": article.section.slug,
        "published_at": utc_iso(article.publish_at),
        "updated_at": utc_iso(article.updated_at),
        "version": article.version,
    }


def utc_iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def replay(deliveries, *, user=None) -> list[WebhookDelivery]:
    """Send these deliveries' JSON again, each as a new delivery linked to the one replayed (which stays as it was
    in the log), signed anew with the subscription's current secret, to its current address."""
    now = timezone.now()
    with transaction.atomic():
        replays = WebhookDelivery.objects.bulk_create(
            WebhookDelivery(
                subscription_id=original.subscription_id,
                event=original.event,
                story_id=original.story_id,
                payload=original.payload,
                next_attempt_at=now,
                replay_of=original,
            )
            for original in deliveries
        )
        _enqueue_on_commit(replays)
    return replays


def _enqueue_on_commit(deliveries: list[WebhookDelivery]) -> None:
    due = [(delivery.pk, delivery.next_attempt_at) for delivery in deliveries]

    def enqueue_all() -> None:
        for pk, when in due:
            _enqueue(pk, when)

    transaction.on_commit(enqueue_all)


def _enqueue(delivery_id: int, when: datetime | None) -> None:
    from webhooks.tasks import deliver_webhook, enqueue_delivery

    try:
        enqueue_delivery(delivery_id, when)
    except Exception:
        # The change has committed and its delivery is written, pending: send_due_webhooks sends it later.
        logger.exception("Could not enqueue %s for webhook delivery %s", deliver_webhook.name, delivery_id)


# --- sending ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What one attempt came to; ``retry_in`` is set when another attempt is due."""

    status: str
    retry_in: timedelta | None = None


def attempt(delivery_id: int) -> Outcome | None:
    """Make the next attempt at delivery ``delivery_id`` if one is due; None when there is nothing to do (already
    done, cancelled, or not due yet: a backend that cannot defer a task runs it early, and the task then waits for
    send_due_webhooks)."""
    claimed = _claim(delivery_id)
    if claimed is None:
        return None
    delivery, body, headers = claimed
    try:
        code, answer = _post(delivery.subscription.url, body, headers)
    except addresses.HostNotFound as error:
        return _retry_or_fail(delivery, None, "", error=str(error))
    except addresses.AddressRefused as error:
        return _finish(delivery, Status.FAILED, None, "", error=str(error))
    except (OSError, http.client.HTTPException) as error:
        # OSError covers refused connections, timeouts (socket.timeout) and TLS errors (ssl.SSLError).
        return _retry_or_fail(delivery, None, "", error=f"{type(error).__name__}: {error}")
    if 200 <= code < 300:
        return _finish(delivery, Status.SUCCEEDED, code, answer)
    message = _("The subscriber answered %(code)s.") % {"code": code}
    if code in (408, 429) or code >= 500:
        return _retry_or_fail(delivery, code, answer, error=message)
    if 300 <= code < 400:
        message = _("The subscriber answered %(code)s; redirects are not followed.") % {"code": code}
    return _finish(delivery, Status.FAILED, code, answer, error=message)


def _claim(delivery_id: int) -> tuple[WebhookDelivery, bytes, dict[str, str]] | None:
    """Take the delivery for one attempt, under its row lock so two workers never send it twice: count the attempt,
    and build the body and headers sent (signed now, so a retry is signed afresh)."""
    now = timezone.now()
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update().select_related("subscription").filter(pk=delivery_id).first()
        )
        if delivery is None or not delivery.is_waiting:
            return None
        if delivery.next_attempt_at and delivery.next_attempt_at > now:
            return None
        cancelled = _why_cancelled(delivery)
        if cancelled:
            delivery.status = Status.CANCELLED
            delivery.error = cancelled
            delivery.next_attempt_at = None
            delivery.save(update_fields=["status", "error", "next_attempt_at"])
            return None
        body = json.dumps(
            {"event": delivery.event, "delivered_at": utc_iso(now), "story": delivery.payload.get("story", {})},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            EVENT_HEADER: delivery.event,
            DELIVERY_HEADER: str(delivery.pk),
            # The same delivery tried again carries the same id; a replay has its own (it is a new delivery).
            "X-Newsroom-Attempt": str(delivery.attempts + 1),
            signing.SIGNATURE_HEADER: signing.signature_header(
                body, delivery.subscription.secret, timestamp=int(now.timestamp())
            ),
        }
        delivery.attempts += 1
        delivery.last_attempt_at = now
        # Taken for a while: another worker that runs this task meanwhile finds it not due, and should this one die
        # mid-send the delivery is due again after the lease, for send_due_webhooks.
        delivery.next_attempt_at = now + ATTEMPT_LEASE
        delivery.request_headers = headers
        delivery.save(update_fields=["attempts", "last_attempt_at", "next_attempt_at", "request_headers"])
    return delivery, body, headers


def _why_cancelled(delivery: WebhookDelivery) -> str:
    if not delivery.subscription.active:
        return _("The subscription was deactivated before this was sent.")
    if delivery.event != StoryEvent.PUBLISHED:
        return ""
    story = delivery.payload.get("story", {})
    published_at = (
        Article.objects.filter(pk=delivery.story_id, status=ArticleStatus.PUBLISHED)
        .values_list("publish_at", flat=True)
        .first()
    )
    if published_at is None or utc_iso(published_at) != story.get("published_at"):
        return _("The story was unpublished or rescheduled before it went live.")
    return ""


def _retry_or_fail(delivery: WebhookDelivery, response_status, response_body, *, error: str) -> Outcome:
    if delivery.attempts >= MAX_ATTEMPTS:
        message = _("Gave up after %(attempts)s attempts. %(error)s") % {"attempts": delivery.attempts, "error": error}
        return _finish(delivery, Status.FAILED, response_status, response_body, error=message)
    delay = BACKOFF[delivery.attempts - 1]
    return _finish(delivery, Status.RETRYING, response_status, response_body, error=error, retry_in=delay)


def _finish(
    delivery: WebhookDelivery,
    status: str,
    response_status: int | None,
    response_body: str,
    *,
    error: str = "",
    retry_in: timedelta | None = None,
) -> Outcome:
    now = timezone.now()
    delivery.status = status
    delivery.response_status = response_status
    delivery.response_body = response_body[:TEXT_KEPT]
    delivery.error = error[:TEXT_KEPT]
    delivery.next_attempt_at = now + retry_in if retry_in else None
    delivery.delivered_at = now if status == Status.SUCCEEDED else None
    delivery.save(
        update_fields=["status", "response_status", "response_body", "error", "next_attempt_at", "delivered_at"]
    )
    return Outcome(status=status, retry_in=retry_in)


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    """POST ``body`` to ``url`` and return the answer's status and the start of its body. The connection goes to the
    address ``addresses.resolve`` checked, not to a second lookup of the name, which could answer differently."""
    address = addresses.resolve(url)[0]
    scheme, host, port = addresses.split(url)
    timeout = float(getattr(settings, "NEWSROOM_WEBHOOK_TIMEOUT", DEFAULT_TIMEOUT_SECONDS))
    connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(host, port, address=address, timeout=timeout)
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        # Only the start is kept; the rest is not even read (a subscriber cannot make this worker download a film).
        text = response.read(TEXT_KEPT).decode("utf-8", errors="replace")
        return response.status, text
    finally:
        connection.close()


class _PinnedAddress:
    """Connect to ``address`` while speaking to ``host``: the Host header, and for https the certificate's name and
    SNI, stay the host's (http.client takes them from ``host``; only the socket goes to the checked address)."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)  # type: ignore[call-arg]
        self._pinned = address
        # http.client opens its socket through this attribute (HTTPConnection.connect); HTTPS wraps that socket.
        self._create_connection = self._connect_pinned

    def _connect_pinned(self, address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):  # type: ignore[attr-defined]
        return socket.create_connection((self._pinned, address[1]), timeout, source_address)


class _PinnedHTTPConnection(_PinnedAddress, http.client.HTTPConnection):
    pass


class _PinnedHTTPSConnection(_PinnedAddress, http.client.HTTPSConnection):
    pass


# --- the queue's safety net ---------------------------------------------------------------------------------------


def due_deliveries(now: datetime | None = None):
    """Deliveries waiting whose next attempt is due: those the queue never got (it was down at the commit) or ran
    early (a backend that cannot defer)."""
    now = now or timezone.now()
    return WebhookDelivery.objects.filter(status__in=WebhookDelivery.WAITING, next_attempt_at__lte=now)

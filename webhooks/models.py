"""Webhook subscribers and the log of every delivery made to them.

A subscription is an address the desk registered in the admin, the story events it wants (articles/events.py) and
a secret the server generates, with which every request to it is signed (webhooks/signing.py). A delivery is one
event for one subscriber: its JSON, every attempt's outcome, and when the next one is due (webhooks/delivery.py).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.events import StoryEvent

# What a log row keeps of a response's body and of an error: enough to see what went wrong, never a whole page.
TEXT_KEPT = 2000


def new_secret() -> str:
    # 32 random bytes: as strong as the HMAC-SHA256 key can use.
    return secrets.token_urlsafe(32)


def all_events() -> list[str]:
    return list(StoryEvent.values)


class WebhookSubscriptionQuerySet(models.QuerySet):
    def wanting(self, event: str) -> list[WebhookSubscription]:
        """The active subscriptions that asked for ``event``. Read whole and filtered here: there are a handful of
        subscribers, and a JSON list's "contains" is not a lookup every database (SQLite) can do."""
        return [subscription for subscription in self.filter(active=True) if event in subscription.events]


class WebhookSubscription(models.Model):
    name = models.CharField(
        _("name"), max_length=120, help_text=_("Who receives it and what for, e.g. “Mobile app push notifications”.")
    )
    url = models.URLField(
        _("address"),
        max_length=500,
        help_text=_("Where events are POSTed. Use https:// so nobody on the way can read or alter them."),
    )
    events = models.JSONField(
        _("events"),
        default=all_events,
        help_text=_("The story events sent to this address."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick to stop sending events here without losing the log.")
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=new_secret,
        editable=False,
        help_text=_("Made by the server. The subscriber checks every request's signature with it."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    secret_rotated_at = models.DateTimeField(_("secret made"), default=timezone.now, editable=False)

    objects = WebhookSubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self) -> str:
        return self.name

    def rotate_secret(self) -> None:
        """A new secret from now on; requests already signed with the old one stay signed with it (a replay is signed
        anew, with the new one)."""
        self.secret = new_secret()
        self.secret_rotated_at = timezone.now()
        self.save(update_fields=["secret", "secret_rotated_at"])


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        RETRYING = "retrying", _("Retrying")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        # A "published" event for a scheduled story that was unpublished or rescheduled before its time came.
        CANCELLED = "cancelled", _("Cancelled")

    WAITING = (Status.PENDING, Status.RETRYING)

    subscription = models.ForeignKey(
        WebhookSubscription,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscription"),
    )
    event = models.CharField(_("event"), max_length=20, choices=StoryEvent.choices)
    # The story's id, not a key: the log outlives a deleted story.
    story_id = models.PositiveIntegerField(_("story id"), db_index=True)
    payload = models.JSONField(_("payload"), help_text=_("The JSON sent, without its sending time."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    request_headers = models.JSONField(_("headers sent"), default=dict, blank=True)
    response_status = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    response_body = models.TextField(_("response"), blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    replay_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replays",
        verbose_name=_("replay of"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        permissions = [("replay_webhookdelivery", _("Can replay a webhook delivery"))]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.event} → {self.subscription}"

    @property
    def is_waiting(self) -> bool:
        return self.status in self.WAITING

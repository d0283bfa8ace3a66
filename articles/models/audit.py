"""The audit log: who did what to which record, when, and why."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One editorial decision. Written by the services that make the decision, never edited afterwards."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Submitted for review")
        APPROVE = "approve", _("Approved")
        SEND_BACK = "send_back", _("Sent back to draft")
        PUBLISH = "publish", _("Published")
        SCHEDULE = "schedule", _("Scheduled")
        UNPUBLISH = "unpublish", _("Unpublished")
        REOPEN = "reopen", _("Reopened as draft")
        RESTORE = "restore", _("Restored a revision")
        APPROVE_CREDIT = "approve_credit", _("Approved a photo credit")
        REJECT_CREDIT = "reject_credit", _("Rejected a photo credit")
        REQUEST_INFO = "request_info", _("Asked for photo information")
        CREDIT_CHANGED = "credit_changed", _("Changed an approved credit (back to pending)")
        ACCOUNT_CREATED = "account_created", _("Created a user account")
        ACCOUNT_CHANGED = "account_changed", _("Changed a user account's access")
        ACCOUNT_LINK = "account_link", _("Changed a contributor's user account")
        MERGED = "merged", _("Merged duplicate records")
        GROUP_CHANGED = "group_changed", _("Changed a group's permissions")
        # Changes readers see: what changed is in ``changes`` (articles/audit.py records and describes them).
        PHOTO_CHANGED = "photo_changed", _("Changed a photo")
        PHOTO_DELETED = "photo_deleted", _("Deleted a photo")
        PLACEMENT_CHANGED = "placement_changed", _("Placed, moved or removed a photo in a story")
        PIN_ADDED = "pin_added", _("Pinned a story to the front page")
        PIN_CHANGED = "pin_changed", _("Changed a front-page pin")
        PIN_REMOVED = "pin_removed", _("Removed a front-page pin")
        BANNER_ADDED = "banner_added", _("Added a breaking-news banner")
        BANNER_CHANGED = "banner_changed", _("Changed a breaking-news banner")
        BANNER_REMOVED = "banner_removed", _("Removed a breaking-news banner")
        QUOTE_CHANGED = "quote_changed", _("Changed a quote")
        QUOTE_CONFIRMED = "quote_confirmed", _("Confirmed a quote")
        QUOTE_REJECTED = "quote_rejected", _("Rejected a quote")
        # The desk API (api/): tokens made and revoked in the admin, and every change made with one.
        API_TOKEN_CREATED = "api_token_created", _("Created an API token")
        API_TOKEN_REVOKED = "api_token_revoked", _("Revoked an API token")
        API_WRITE = "api_write", _("Changed through the API")
        # An attempt the workflow or an admin page refused: nothing else changed; the note says why.
        REFUSED = "refused", _("Refused")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("kind"))
    object_id = models.PositiveBigIntegerField(_("record id"), db_index=True)
    target = GenericForeignKey("content_type", "object_id")
    # Kept as text so the entry still reads well after the record is deleted.
    object_repr = models.CharField(_("record"), max_length=300)
    action = models.CharField(_("action"), max_length=32, choices=Action.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    from_state = models.CharField(_("from"), max_length=32, blank=True)
    to_state = models.CharField(_("to"), max_length=32, blank=True)
    note = models.TextField(_("note"), blank=True)
    # {field name: [before, after]} as display strings (a list of strings for a many-to-many field), "" for none.
    # Field names, not their labels: the admin translates labels when it shows the entry (articles/audit.py).
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.object_repr}"

    @classmethod
    def record(
        cls, *, target: models.Model, action: str, user=None, from_state="", to_state="", note="", changes=None
    ) -> AuditEntry:
        """Write one entry. For a change of fields, call articles.audit.record_change, which works out ``changes``."""
        return cls.objects.create(
            content_type=ContentType.objects.get_for_model(target),
            object_id=target.pk,
            object_repr=str(target)[:300],
            action=action,
            user=user if user is not None and user.is_authenticated else None,
            from_state=from_state,
            to_state=to_state,
            note=note,
            changes=changes or {},
        )

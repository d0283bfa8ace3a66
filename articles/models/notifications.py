"""What the desk is told: a story submitted, sent back, approved or published, a photo credit questioned, a mention
in a note. Kept per recipient so the in-admin inbox can show what is unread; emailed on commit to those who want it
(articles.services.notifications)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("submitted for review")
        SENT_BACK = "sent_back", _("sent back")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")
        CREDIT_NEEDS_INFO = "credit_needs_info", _("photo credit needs information")
        CREDIT_REJECTED = "credit_rejected", _("photo rejected")
        MENTIONED = "mentioned", _("mentioned in a note")
        LEAD_WITHDRAWN = "lead_withdrawn", _("lead photo back with the photo desk")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("story"),
    )
    photo = models.ForeignKey(
        "articles.Photo",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("photo"),
    )
    # Who caused it; kept when the account goes so the inbox still reads sensibly ("someone sent it back").
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # The send-back note, the moderation reason or the editorial note that mentioned the recipient.
    text = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        # The header's unread count and the inbox both ask "this user's, unread first".
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient_id}"


class NotificationSettings(models.Model):
    """A user's choice about notification email; no row means the default (email on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_settings",
        verbose_name=_("user"),
    )
    email = models.BooleanField(_("send me notifications by email"), default=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(self.user_id)

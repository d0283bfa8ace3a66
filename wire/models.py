"""What the newsroom took in from the wire: one record per agency item (by its GUID), the draft it became, and a later
version kept beside a draft somebody edited, waiting for an editor to apply or dismiss it (wire/services.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class WireStoryQuerySet(models.QuerySet):
    def flagged(self) -> WireStoryQuerySet:
        """Items with a later version waiting for an editor (the story was edited after the import)."""
        return self.filter(pending_item__isnull=False)


class WireStory(models.Model):
    """An agency item taken in. ``version`` is the latest version taken into the story; ``article_version`` is the
    story's own version right after that import, so a later import can tell whether anybody edited the draft since."""

    class Resolution(models.TextChoices):
        APPLIED = "applied", _("Applied to the story")
        DISMISSED = "dismissed", _("Dismissed")

    guid = models.CharField(_("GUID / URI"), max_length=500, unique=True)
    version = models.PositiveIntegerField(_("version taken"))
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wire_stories",
        verbose_name=_("story"),
    )
    article_version = models.PositiveIntegerField(_("story version after the import"), default=0)
    source_format = models.CharField(_("format"), max_length=20)
    provider = models.CharField(_("provider"), max_length=120, blank=True)
    agency = models.ForeignKey(
        "articles.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency"),
    )
    headline = models.CharField(_("headline"), max_length=300)
    content_hash = models.CharField(_("content hash"), max_length=64)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # A later version that arrived after the story was edited: kept here, never written over the editor's work.
    pending_item = models.JSONField(_("later version waiting"), null=True, blank=True)
    pending_version = models.PositiveIntegerField(_("waiting version"), null=True, blank=True)
    flagged_at = models.DateTimeField(_("flagged"), null=True, blank=True, db_index=True)
    # The last decision on a waiting version.
    resolution = models.CharField(_("decision"), max_length=10, choices=Resolution.choices, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    resolved_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = WireStoryQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("wire item")
        verbose_name_plural = _("wire items")
        permissions = [("review_wire_version", _("Can apply or dismiss a later wire version of a story"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(pending_item__isnull=True) | Q(pending_version__isnull=False),
                name="wire_story_pending_has_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider or self.source_format}: {self.headline}"

    @property
    def is_flagged(self) -> bool:
        return self.pending_item is not None


class WirePhoto(models.Model):
    """A picture an item delivered, and the pending photo it became. A remote link is kept here and shown to the
    photo desk, never fetched: the photo stays without a file until the desk attaches one."""

    wire_story = models.ForeignKey(WireStory, on_delete=models.CASCADE, related_name="photos", verbose_name=_("item"))
    photo = models.OneToOneField(
        "articles.Photo", on_delete=models.CASCADE, related_name="wire_source", verbose_name=_("photo")
    )
    href = models.CharField(_("link as delivered"), max_length=2000)
    delivered_as_file = models.BooleanField(
        _("delivered as a file"), default=False, help_text=_("False: a remote link, not fetched.")
    )
    picture_guid = models.CharField(_("picture GUID"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["wire_story", "pk"]
        verbose_name = _("wire picture")
        verbose_name_plural = _("wire pictures")

    def __str__(self) -> str:
        return self.href

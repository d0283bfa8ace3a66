"""The titles a source has carried over time, as the stories that quote them printed them."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class SourceTitle(models.Model):
    """One title a source was given in our stories, with the first and last day a story used it.

    Filled from the speaker's title as printed (``Quote.speaker_title``) when quotes are imported and when an editor
    confirms them; editors may correct the organisation or the dates by hand.
    """

    source = models.ForeignKey(
        "articles.Source", on_delete=models.CASCADE, related_name="titles", verbose_name=_("source")
    )
    title = models.CharField(
        _("title"),
        max_length=255,
        help_text=_("The title as a story printed it, e.g. “Kepala Dinas Kesehatan DKI Jakarta”."),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=160,
        blank=True,
        help_text=_("The organisation they spoke for with this title, when it is not already in the title."),
    )
    first_seen = models.DateField(
        _("first seen"), help_text=_("Publication day of the earliest story that gave them this title.")
    )
    last_seen = models.DateField(
        _("last seen"), help_text=_("Publication day of the latest story that gave them this title.")
    )

    class Meta:
        ordering = ["source", "-last_seen", "title"]
        get_latest_by = "last_seen"
        verbose_name = _("source's title")
        verbose_name_plural = _("source's titles over time")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "title"],
                name="source_title_unique_per_source",
                violation_error_message=_("This source already has this title; change its dates instead."),
            ),
            models.CheckConstraint(condition=~Q(title=""), name="source_title_not_empty"),
            models.CheckConstraint(
                condition=Q(last_seen__gte=F("first_seen")),
                name="source_title_seen_in_order",
                violation_error_message=_("“Last seen” cannot be before “first seen”."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

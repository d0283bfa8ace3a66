"""What the desk writes about a story besides the story: internal notes, and the notices readers see under it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.text_fields import StripsControlCharacters
from articles.querysets import CorrectionQuerySet


class EditorialNote(StripsControlCharacters):
    """A note for colleagues on one story. Only the admin shows it: never a reader's page, feed or API."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="editorial_notes",
        verbose_name=_("story"),
        help_text=_("The story the note is about."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("author"),
        help_text=_("Filled in with whoever adds the note."),
    )
    text = models.TextField(
        _("note"),
        help_text=_("For the desk only, e.g. “Check the budget figure with the finance office before publishing”."),
    )
    created_at = models.DateTimeField(
        _("written"), default=timezone.now, editable=False, help_text=_("When the note was added.")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        verbose_name = _("editorial note")
        verbose_name_plural = _("editorial notes")
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="editorial_note_text_not_empty")]

    def __str__(self) -> str:
        return self.text[:80]


class Correction(StripsControlCharacters):
    """A notice appended to a published story, shown at its foot and on the public corrections page."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")
        UPDATE = "update", _("Update")

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("story"),
        help_text=_("The published story the notice is appended to."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=Kind.choices,
        default=Kind.CORRECTION,
        help_text=_("Correction: the story was wrong. Clarification: it could be misread. Update: news since."),
    )
    text = models.TextField(
        _("notice"),
        help_text=_("What readers see, e.g. “An earlier version gave the wrong date for the market reopening.”"),
    )
    created_at = models.DateTimeField(
        _("time"),
        default=timezone.now,
        editable=False,
        db_index=True,
        help_text=_("Shown with the notice; the story shows “Updated” with the time of its latest notice."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("added by"),
        help_text=_("Filled in with the editor who adds the notice."),
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="correction_text_not_empty")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:80]}"

"""Sources: the people and bodies a story quotes, and the titles they have carried over time as stories printed
them."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.choices import SourceLevel, SourceStatus, SourceType
from articles.models.people import RemembersLoadedName
from articles.models.text_fields import StripsControlCharacters
from articles.text.names import name_key
from articles.text.source_kinds import suggest_kind


class SourceTitle(StripsControlCharacters):
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


class Source(RemembersLoadedName):
    """A person or organisation quoted in stories. Imports create them as proposed; an editor confirms them."""

    Status = SourceStatus
    Type = SourceType
    Level = SourceLevel

    name = models.CharField(_("name"), max_length=160, help_text=_("The name without titles, e.g. “Denny Ramdany”."))
    title = models.CharField(
        _("title"),
        max_length=255,
        blank=True,
        help_text=_("Their current position, e.g. “Asisten Pemerintahan Sekko Jakarta Pusat”."),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=160,
        blank=True,
        help_text=_("Where they work or whom they speak for, e.g. “Pemerintah Kota Jakarta Pusat”."),
    )
    source_type = models.CharField(
        _("type"),
        max_length=16,
        choices=SourceType.choices,
        blank=True,
        db_index=True,
        help_text=_("What kind of voice this is; the “who gets quoted” report counts quotes by it."),
    )
    level = models.CharField(
        _("level"),
        max_length=16,
        choices=SourceLevel.choices,
        blank=True,
        db_index=True,
        help_text=_(
            "For government officials, lawmakers, police and military: the level they speak for (city or regency, "
            "province, national). Leave empty when unknown or not applicable."
        ),
    )
    # What the words of the title and organisation suggest (articles/text/source_kinds.py), kept apart from the
    # editor's type and level above: a suggestion is never counted as confirmed, and never overwrites a choice.
    suggested_type = models.CharField(
        _("suggested type"),
        max_length=16,
        choices=SourceType.choices,
        blank=True,
        editable=False,
        help_text=_("The type the title and organisation suggest; an editor confirms it."),
    )
    suggested_level = models.CharField(
        _("suggested level"),
        max_length=16,
        choices=SourceLevel.choices,
        blank=True,
        editable=False,
        help_text=_("The level the title and organisation suggest; an editor confirms it."),
    )
    suggestion_reason = models.CharField(
        _("suggested from"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("The words of the title or organisation that decided the suggestion."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SourceStatus.choices,
        default=SourceStatus.PROPOSED,
        db_index=True,
        help_text=_("Confirmed once an editor confirms one of their quotes or saves this record."),
    )
    # The name folded for matching (see articles.text.names.name_key), so an import finds “denny ramdany” as the
    # source “Denny Ramdany” with one indexed lookup.
    name_key = models.CharField(
        _("name for matching"),
        max_length=160,
        editable=False,
        db_index=True,
        help_text=_("The name in lower case without accents or extra spaces, to find the same person again."),
    )
    created_at = models.DateTimeField(
        _("created"), auto_now_add=True, help_text=_("When the record was made, by hand or by an import.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="source_name_not_empty")]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name

    def save(self, *args, **kwargs) -> None:
        self.name_key = name_key(self.name)
        self.suggest_kind()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "organisation"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, *self.SUGGESTION_FIELDS}
        super().save(*args, **kwargs)

    SUGGESTION_FIELDS = ("suggested_type", "suggested_level", "suggestion_reason")

    def suggest_kind(self, title: str | None = None) -> None:
        """Fill the suggested type and level from the title (``title`` when the record's own is empty, e.g. the
        latest of its titles over time) and the organisation. Bulk inserts, which skip save(), call this themselves.
        """
        suggestion = suggest_kind(self.title or title or "", self.organisation)
        self.suggested_type, self.suggested_level = suggestion.source_type, suggestion.level
        self.suggestion_reason = suggestion.reason[:200]

    @property
    def awaits_kind_confirmation(self) -> bool:
        """A kind is suggested and no editor has chosen one yet."""
        return bool(self.suggested_type) and not self.source_type

    def get_absolute_url(self) -> str:
        return reverse("articles:source", kwargs={"pk": self.pk})

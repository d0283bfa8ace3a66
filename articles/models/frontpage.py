"""What editors curate on the home page: pinned stories in ordered slots, and a breaking-news banner."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.text_fields import StripsControlCharacters
from articles.querysets import published_q
from articles.validators import validate_newsroom_time


class FrontPagePinQuerySet(models.QuerySet):
    def in_force(self, *, now=None) -> FrontPagePinQuerySet:
        """Pins whose "pinned until" time has not passed (or that have none), whatever their story's state."""
        return self.filter(Q(pinned_until__isnull=True) | Q(pinned_until__gt=now or timezone.now()))

    def active(self, *, now=None) -> FrontPagePinQuerySet:
        """Pins still in force whose story readers may see (the story's own rule decides, not the pin)."""
        now = now or timezone.now()
        return self.in_force(now=now).filter(published_q(prefix="article__", now=now)).order_by("slot", "order", "pk")


class FrontPagePin(models.Model):
    class Slot(models.TextChoices):
        LEAD = "lead", _("Lead story")
        TOP = "top", _("Top stories")
        SECTION = "section", _("Section block")

    slot = models.CharField(_("slot"), max_length=10, choices=Slot.choices, default=Slot.TOP)
    section = models.ForeignKey(
        "articles.Section",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("section"),
        help_text=_("For a section block: which section's block the story leads."),
    )
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="front_page_pins", verbose_name=_("story")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))
    pinned_until = models.DateTimeField(
        _("pinned until"),
        null=True,
        blank=True,
        help_text=_("Optional. After this time the slot fills itself again."),
        validators=[validate_newsroom_time],
    )

    objects = FrontPagePinQuerySet.as_manager()

    class Meta:
        ordering = ["slot", "order"]
        verbose_name = _("front-page pin")
        verbose_name_plural = _("front page")
        constraints = [
            models.CheckConstraint(
                condition=~Q(slot="section") | Q(section__isnull=False),
                name="frontpage_section_block_has_section",
                violation_error_message=_("A section block needs a section."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_slot_display()} #{self.order}: {self.article}"

    def clean(self) -> None:
        # The home page shows one lead: a second lead pin used to be accepted and silently never shown. Refusing it
        # (rather than replacing the first) keeps an editor from unseating a colleague's lead without seeing it.
        super().clean()
        if self.slot != self.Slot.LEAD:
            return
        current = (
            FrontPagePin.objects.filter(slot=self.Slot.LEAD)
            .in_force()
            .exclude(pk=self.pk)
            .select_related("article")
            .first()
        )
        if current is not None:
            raise ValidationError(
                {
                    "slot": _(
                        "“%(story)s” is already pinned as the lead story. Remove that pin or set its “pinned until” "
                        "time first, then pin this one as the lead."
                    )
                    % {"story": current.article.headline}
                }
            )


class BreakingNewsQuerySet(models.QuerySet):
    def active(self, *, now=None) -> BreakingNewsQuerySet:
        now = now or timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now).order_by("-starts_at")


class BreakingNews(StripsControlCharacters):
    text = models.CharField(
        _("text"), max_length=200, help_text=_("One line, e.g. “Banjir di Kenanga: jalan ditutup”.")
    )
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("story"),
        help_text=_("Optional. The banner links to this story while it is published."),
    )
    starts_at = models.DateTimeField(_("shown from"), default=timezone.now, validators=[validate_newsroom_time])
    ends_at = models.DateTimeField(
        _("shown until"),
        help_text=_("The banner disappears at this time by itself."),
        validators=[validate_newsroom_time],
    )

    objects = BreakingNewsQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("breaking-news banner")
        verbose_name_plural = _("breaking-news banners")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="breaking_news_ends_after_start",
                violation_error_message=_("The banner must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.text

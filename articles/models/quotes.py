"""What people said in a story, as records an editor confirms."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.choices import QuoteStatus
from articles.querysets import QuoteQuerySet


class Quote(models.Model):
    Status = QuoteStatus

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="quotes", verbose_name=_("story")
    )
    text = models.TextField(_("text"), help_text=_("The words as quoted, without quotation marks."))
    source = models.ForeignKey(
        "articles.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name=_("speaker"),
        help_text=_("Who said it. Leave empty when the story does not make it clear."),
    )
    speaker_title = models.CharField(
        _("speaker's title as printed"),
        max_length=255,
        blank=True,
        help_text=_("The title the story gives the speaker here, e.g. “Analis Kebijakan Ahli Muda”."),
    )
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Paragraph number in the story (0 = the photo caption).")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=QuoteStatus.choices, default=QuoteStatus.PROPOSED, db_index=True
    )
    is_pull_quote = models.BooleanField(
        _("pull quote"), default=False, help_text=_("Show this quote as a highlighted block on the story page.")
    )

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="quote_text_not_empty")]

    def __str__(self) -> str:
        return self.text[:80]

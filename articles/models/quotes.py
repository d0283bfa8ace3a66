"""What people said in a story, as records an editor confirms."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.choices import QuoteStatus, SpeakerKind
from articles.models.text_fields import StripsControlCharacters
from articles.querysets import QuoteQuerySet


class Quote(StripsControlCharacters):
    """Words a story attributes to someone. Readers see a quote once an editor confirmed it, and a confirmed quote's
    words are ones the story prints unless it is marked a paraphrase (the rules: articles/services/quotes.py)."""

    Status = QuoteStatus
    SpeakerKind = SpeakerKind

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
    speaker_kind = models.CharField(
        _("kind of speaker"),
        max_length=12,
        choices=SpeakerKind.choices,
        blank=True,
        help_text=_(
            "A named person, a group (“most street vendors”) or an organisation speaking as such; empty when unknown. "
            "A group or an organisation has no speaker record."
        ),
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
    is_paraphrase = models.BooleanField(
        _("paraphrase — not the speaker's exact words"),
        default=False,
        help_text=_(
            "Tick when the story reports what was said in its own words. Readers see a paraphrase without quotation "
            "marks, labelled as one, and it may be confirmed although the story does not print these words."
        ),
    )
    # The record of how a quote came to be, kept for the rules below and for the desk; no form edits these.
    original_text = models.TextField(
        _("words as first recorded"),
        blank=True,
        editable=False,
        help_text=_("The quote's words before anyone changed them (empty while they are unchanged)."),
    )
    edited_by_editor = models.BooleanField(
        _("edited or decided by an editor"),
        default=False,
        editable=False,
        help_text=_("Reading the story again for quotes never changes, removes or proposes again such a quote."),
    )
    words_gone_since = models.DateTimeField(
        _("words gone from the story since"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Set when the story stopped printing the words of this confirmed quote: it went back to proposed, off "
            "readers' pages, until an editor checks it."
        ),
    )

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="quote_text_not_empty")]

    def __str__(self) -> str:
        return self.text[:80]

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        writes = set(update_fields) if update_fields is not None else None
        also = []
        loaded = getattr(self, "_loaded_text", None)
        if (
            (writes is None or "text" in writes)
            and loaded is not None
            and self.text != loaded
            and not self.original_text
        ):
            # Extraction recognises a quote by these words too, so an edit never makes it propose the old ones again.
            self.original_text = loaded
            also.append("original_text")
        decided = self.status != QuoteStatus.PROPOSED
        if (writes is None or "status" in writes) and decided and self.words_gone_since is not None:
            self.words_gone_since = None  # an editor decided it again: nothing is waiting any more
            also.append("words_gone_since")
        if writes is not None:
            kwargs["update_fields"] = writes | set(also)
        super().save(*args, **kwargs)
        self._loaded_text = self.text

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The words as loaded, so save() can keep the first ones when they are edited (nothing when text is deferred:
        # reading it here would cost a query).
        instance._loaded_text = instance.__dict__.get("text")
        return instance

    @property
    def held_by_editor(self) -> bool:
        """Whether the quote is the desk's: an editor confirmed, rejected or edited it. Only editors change it, and
        extraction leaves it as it is (even after it went back to proposed because its words left the story)."""
        return self.status != QuoteStatus.PROPOSED or self.edited_by_editor

    @property
    def review_note(self) -> str:
        """What the desk must check on this quote, in words; empty when nothing is waiting."""
        if self.words_gone_since is None:
            return ""
        since = formats.date_format(timezone.localtime(self.words_gone_since), "DATETIME_FORMAT")
        return gettext(
            "The words are no longer in the story (since %(time)s): correct the quote to the story's words, mark it "
            "as a paraphrase, or reject it."
        ) % {"time": since}

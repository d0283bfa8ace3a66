"""Quotes for the desk: the review queue (editors only), and reading a story again for quotes.

The story's own quote inline (articles/admin/stories.py) stays where reporters edit the quotes of their drafts; it
takes ``ReviewedQuotesInline`` from here, so both places save quotes through ``QuoteForm`` and its two rules: only
editors decide a quote's review, and a confirmed quote's words are the story's unless it is a paraphrase.
"""

import copy
import re

from django import forms
from django.contrib import admin, messages
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.admin.audit import AuditedChangesMixin
from articles.models import AuditEntry, Quote
from articles.services.quotes import (
    ExtractionResult,
    StoryText,
    extract_again,
    may_review_quotes,
    quote_saved,
    review_quotes,
)
from articles.text import html_paragraphs

# What only editors set (``may_review_quotes``): read-only for everyone else in the story's quote inline.
REVIEW_FIELDS = ("status", "is_pull_quote", "is_paraphrase")


class QuoteForm(forms.ModelForm):
    """A quote as the story's inline and the quote desk save it.

    For someone who may not review quotes (a reporter on their own draft) the review fields are read-only and a quote
    an editor holds (confirmed, rejected or edited: ``Quote.held_by_editor``) is shown locked; a request that changes
    either anyway was made by hand, and is refused whole. A quote saved as confirmed must carry words the story prints
    (the story as it is being saved, when the inline comes with a new body) unless it is marked a paraphrase.
    """

    def __init__(self, *args, reviewer: bool = True, story: StoryText | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.reviewer, self._story = reviewer, story
        self.locked = not reviewer and self.instance.pk is not None and self.instance.held_by_editor
        if self.locked:
            for field in self.fields.values():
                field.disabled = True  # shown, and whatever is posted for it is ignored

    @property
    def story(self) -> StoryText:
        if self._story is None:
            self._story = StoryText(self.instance.article)
        return self._story

    def clean(self):
        cleaned = super().clean()
        if not self.reviewer and self._changes_only_an_editor_may_make():
            raise forms.ValidationError(
                _(
                    "Only an editor can confirm or reject a quote, mark it as a pull quote or a paraphrase, or change "
                    "a quote an editor has confirmed, rejected or edited. Nothing was saved."
                ),
                code="editors_only",
            )
        status = cleaned.get("status", self.instance.status)
        paraphrase = cleaned.get("is_paraphrase", self.instance.is_paraphrase)
        text = cleaned.get("text")
        # Only a form that saves: an untouched confirmed quote whose words the new body cuts is not refused here, it
        # goes back to the desk when the story is saved (services.quotes.quotes_follow_story).
        saves_as_confirmed = self.has_changed() and status == Quote.Status.CONFIRMED and not paraphrase and text
        if saves_as_confirmed and not self.story.prints(text):
            self.add_error(
                "text",
                forms.ValidationError(
                    _(
                        "These words are not in the story, so they cannot be confirmed as a quote. Correct them to "
                        "the story's words, or tick “paraphrase” if the story reports what was said in its own words."
                    ),
                    code="not_in_story",
                ),
            )
        return cleaned

    def _changes_only_an_editor_may_make(self) -> bool:
        # Browsers send nothing for a read-only field and never change a disabled one: a posted change to either was
        # made by hand. A field missing from the request is no attempt (a disabled input is not sent at all).
        for name in REVIEW_FIELDS:
            key = self.add_prefix(name)
            if name not in self.fields and key in self.data:
                field = Quote._meta.get_field(name).formfield()
                if field.has_changed(
                    getattr(self.instance, name), field.widget.value_from_datadict(self.data, {}, key)
                ):
                    return True
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            if field.disabled and key in self.data:
                probe = copy.copy(field)
                probe.disabled = False  # a disabled field never reports a change
                if probe.has_changed(self[name].initial, field.widget.value_from_datadict(self.data, {}, key)):
                    return True
        return False

    def save(self, commit=True):
        if self.reviewer and self.has_changed():
            self.instance.edited_by_editor = True  # extraction leaves it alone from now on
        return super().save(commit=commit)


class QuoteInlineFormSet(BaseInlineFormSet):
    review_user = None  # set per request by ReviewedQuotesInline.get_formset

    @cached_property
    def reviewer(self) -> bool:
        return self.review_user is not None and may_review_quotes(self.review_user)

    @cached_property
    def story(self) -> StoryText:
        # The story form's own instance: by the time the quotes are checked it holds the body being saved.
        return StoryText(self.instance)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "reviewer": self.reviewer, "story": self.story}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if getattr(form, "locked", False) and DELETION_FIELD_NAME in form.fields:
            # Deleting a decided quote would undo the decision: extraction would propose it again.
            form.fields[DELETION_FIELD_NAME].disabled = True

    def save(self, commit=True):
        saved = super().save(commit=commit)
        if commit:
            quote_saved(quotes=saved, user=self.review_user)
        return saved


class ReviewedQuotesInline:
    """For the story's quote inline: quotes are saved through ``QuoteForm`` (its rules above) and then
    ``quote_saved``, like the desk's actions; the desk's flag shows on each quote."""

    form = QuoteForm
    formset = QuoteInlineFormSet

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)  # a new class at every call: safe to set on
        formset.review_user = request.user
        return formset

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "needs_review"]
        if not may_review_quotes(request.user):
            fields += REVIEW_FIELDS
        return list(dict.fromkeys(fields))

    @admin.display(description=_("needs review"))
    def needs_review(self, quote: Quote) -> str:
        return quote.review_note


def paragraph_with_quote(quote: Quote) -> str:
    """The story paragraph at the quote's position (0 is the lead photo's caption), escaped, with the quote's words
    in <mark> where the paragraph has them (case and spacing aside); a plain note when the paragraph is gone."""
    if quote.position == 0:
        lead = quote.article.photo_uses.select_related("photo").order_by("order").first()
        text = lead.display_caption if lead else ""
    else:
        paragraphs = html_paragraphs.body_paragraphs(quote.article.body)
        text = paragraphs[quote.position - 1] if quote.position <= len(paragraphs) else ""
    if not text:
        return _("The story no longer has a paragraph at this position.")
    words = quote.text.split()
    found = re.search(r"\s+".join(map(re.escape, words)), text, re.IGNORECASE) if words else None
    if found is None:
        return format_html("{}", text)
    start, end = found.span()
    return format_html("{}<mark>{}</mark>{}", text[:start], text[start:end], text[end:])


class NeedsReviewFilter(admin.SimpleListFilter):
    """Quotes waiting for an editor because the story stopped printing their words."""

    title = _("needs review")
    parameter_name = "needs_review"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes: the words left the story")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(words_gone_since__isnull=False)
        if self.value() == "no":
            return queryset.filter(words_gone_since__isnull=True)
        return queryset


@admin.action(description=_("Extract quotes again"), permissions=["change"])
def extract_quotes_again(modeladmin, request, queryset):
    """On the story list: read each selected story again; new quotes are proposed, editors' decisions stay."""
    total, skipped = ExtractionResult(), 0
    for article in queryset:
        if not modeladmin.has_change_permission(request, article):
            skipped += 1
            continue
        total += extract_again(article=article, user=request.user)
    modeladmin.message_user(
        request,
        _("Quotes extracted again: %(added)d new proposed, %(kept)d already there, %(removed)d proposals removed.")
        % total.as_dict(),
        messages.SUCCESS,
    )
    if skipped:
        modeladmin.message_user(
            request, _("%(count)d stories skipped: you may not edit them.") % {"count": skipped}, messages.WARNING
        )


@admin.action(description=_("Confirm selected quotes"), permissions=["change"])
def confirm_quotes(modeladmin, request, queryset):
    review = review_quotes(quotes=queryset, status=Quote.Status.CONFIRMED, user=request.user)
    modeladmin.message_user(request, _("%(count)d quotes confirmed.") % {"count": review.changed}, messages.SUCCESS)
    if review.skipped:
        modeladmin.message_user(
            request,
            _(
                "%(count)d quotes not confirmed: their words are not in the story. Correct them to the story's words, "
                "or mark them as paraphrases: %(quotes)s"
            )
            % {
                "count": len(review.skipped),
                "quotes": "; ".join(
                    f"“{Truncator(quote.text).chars(80)}” ({Truncator(quote.article.headline).chars(60)})"
                    for quote in review.skipped
                ),
            },
            messages.WARNING,
        )


@admin.action(description=_("Reject selected quotes"), permissions=["change"])
def reject_quotes(modeladmin, request, queryset):
    review = review_quotes(quotes=queryset, status=Quote.Status.REJECTED, user=request.user)
    modeladmin.message_user(request, _("%(count)d quotes rejected.") % {"count": review.changed}, messages.SUCCESS)


@admin.register(Quote)
class QuoteAdmin(AuditedChangesMixin, admin.ModelAdmin):
    """The desk's queue of quotes across stories. Editors only: reporters have the quote permissions for their own
    drafts' inline, so ``change_quote`` alone is not enough here (see ``may_review_quotes``). Every edit and delete
    made here is in the audit log; the bulk decisions are audited by ``review_quotes``."""

    audit_actions = {"changed": AuditEntry.Action.QUOTE_CHANGED, "deleted": AuditEntry.Action.QUOTE_CHANGED}

    form = QuoteForm
    list_display = [
        "short_text",
        "source",
        "speaker_title",
        "story",
        "status",
        "is_pull_quote",
        "is_paraphrase",
        "needs_review",
    ]
    list_filter = [
        NeedsReviewFilter,
        "status",
        "is_pull_quote",
        "is_paraphrase",
        "speaker_kind",
        "source__source_type",
        "article__section",
    ]
    search_fields = ["text", "source__name", "article__headline"]
    list_select_related = ["article", "source"]
    autocomplete_fields = ["source"]
    fields = [
        "story",
        "needs_review",
        "paragraph",
        "text",
        ("source", "speaker_title", "speaker_kind"),
        ("status", "is_pull_quote", "is_paraphrase", "position"),
    ]
    readonly_fields = ["story", "needs_review", "paragraph"]
    actions = [confirm_quotes, reject_quotes]
    ordering = ["-article_id", "position", "pk"]
    show_facets = admin.ShowFacets.NEVER

    @admin.display(description=_("text"))
    def short_text(self, quote: Quote) -> str:
        return Truncator(quote.text).chars(90)

    @admin.display(description=_("needs review"), ordering="words_gone_since")
    def needs_review(self, quote: Quote) -> str:
        return quote.review_note

    @admin.display(description=_("story"), ordering="article__headline")
    def story(self, quote: Quote) -> str:
        url = reverse("admin:articles_article_change", args=[quote.article_id])
        return format_html('<a href="{}">{}</a>', url, Truncator(quote.article.headline).chars(60))

    @admin.display(description=_("paragraph in the story"))
    def paragraph(self, quote: Quote) -> str:
        """The paragraph the quote came from, its words marked: what an editor checks the quote against."""
        return paragraph_with_quote(quote)

    def has_module_permission(self, request):
        return may_review_quotes(request.user)

    def has_view_permission(self, request, obj=None):
        return may_review_quotes(request.user)

    def has_add_permission(self, request):
        return False  # a quote belongs to a story: added in the story's form, or by extraction

    def has_change_permission(self, request, obj=None):
        return may_review_quotes(request.user)

    def has_delete_permission(self, request, obj=None):
        return may_review_quotes(request.user) and request.user.has_perm("articles.delete_quote")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        quote_saved(quotes=[obj], user=request.user)

"""Quotes for the desk: the review queue (editors only), and reading a story again for quotes.

The story's own quote inline (articles/admin/stories.py) stays where reporters edit the quotes of their drafts; it
takes ``ReviewedQuotesInline`` from here so confirming a quote there confirms its source too.
"""

from django.contrib import admin, messages
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.models import Quote
from articles.services.quotes import ExtractionResult, extract_again, may_review_quotes, quote_saved, review_quotes


class QuoteInlineFormSet(BaseInlineFormSet):
    review_user = None  # set per request by ReviewedQuotesInline.get_formset

    def save(self, commit=True):
        saved = super().save(commit=commit)
        if commit:
            quote_saved(quotes=saved, user=self.review_user)
        return saved


class ReviewedQuotesInline:
    """For the story's quote inline: quotes saved there go through ``quote_saved`` like the desk's actions."""

    formset = QuoteInlineFormSet

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)  # a new class at every call: safe to set on
        formset.review_user = request.user
        return formset


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
    count = review_quotes(quotes=queryset, status=Quote.Status.CONFIRMED, user=request.user)
    modeladmin.message_user(request, _("%(count)d quotes confirmed.") % {"count": count}, messages.SUCCESS)


@admin.action(description=_("Reject selected quotes"), permissions=["change"])
def reject_quotes(modeladmin, request, queryset):
    count = review_quotes(quotes=queryset, status=Quote.Status.REJECTED, user=request.user)
    modeladmin.message_user(request, _("%(count)d quotes rejected.") % {"count": count}, messages.SUCCESS)


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    """The desk's queue of quotes across stories. Editors only: reporters have the quote permissions for their own
    drafts' inline, so ``change_quote`` alone is not enough here (see ``may_review_quotes``)."""

    list_display = ["short_text", "source", "speaker_title", "story", "status", "is_pull_quote"]
    list_filter = ["status", "is_pull_quote", "source__source_type", "article__section"]
    search_fields = ["text", "source__name", "article__headline"]
    list_select_related = ["article", "source"]
    autocomplete_fields = ["source"]
    fields = ["story", "text", ("source", "speaker_title"), ("status", "is_pull_quote", "position")]
    readonly_fields = ["story"]
    actions = [confirm_quotes, reject_quotes]
    ordering = ["-article_id", "position", "pk"]
    show_facets = admin.ShowFacets.NEVER

    @admin.display(description=_("text"))
    def short_text(self, quote: Quote) -> str:
        return Truncator(quote.text).chars(90)

    @admin.display(description=_("story"), ordering="article__headline")
    def story(self, quote: Quote) -> str:
        url = reverse("admin:articles_article_change", args=[quote.article_id])
        return format_html('<a href="{}">{}</a>', url, Truncator(quote.article.headline).chars(60))

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

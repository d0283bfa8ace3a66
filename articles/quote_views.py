"""Quotes and sources: readers' source pages and quote search (the editors' report is in report_views.py).

Readers' pages start from ``Quote.objects.public()`` (confirmed quotes of published stories) and nothing else.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from django_filters.views import FilterView

from articles.filters import QuoteFilter
from articles.models import Quote, Source

MAX_SHOWN_KEYS = 5


class PublicQuotesMixin:
    """The one queryset and page size quote listings use: readers' quotes, newest stories first."""

    paginate_by = settings.NEWSROOM_PAGE_SIZE
    context_object_name = "quotes"

    def get_queryset(self):
        return (
            Quote.objects.public()
            .select_related("article__section", "source")
            .order_by("-article__publish_at", "-article_id", "position", "pk")
        )


class SourceView(PublicQuotesMixin, ListView):
    """A source's page: their quotes readers may see. A source with none has no page (404), so a name known only
    from drafts never shows."""

    template_name = "articles/source_detail.html"
    allow_empty = False

    def get_queryset(self):
        self.source = get_object_or_404(Source, pk=self.kwargs["pk"])
        return super().get_queryset().filter(source=self.source)

    def get_context_data(self, **kwargs):
        return super().get_context_data(source=self.source, page_title=self.source.name, **kwargs)


class QuoteSearchView(PublicQuotesMixin, FilterView):
    """Quote search. An invalid filter value shows its error and no results (django-filter's strict mode); query
    keys that are not filters are named on the page and ignored."""

    filterset_class = QuoteFilter
    template_name = "articles/quote_search.html"

    def get_context_data(self, **kwargs):
        known = {*self.filterset.form.fields, "page"}
        unknown = sorted(key for key in self.request.GET if key not in known)
        params = self.request.GET.copy()
        params.pop("page", None)
        for key in unknown:
            params.pop(key, None)
        return super().get_context_data(
            page_title=_("Quote search"),
            ignored_keys=[key[:40] for key in unknown[:MAX_SHOWN_KEYS]],
            ignored_more=max(len(unknown) - MAX_SHOWN_KEYS, 0),
            page_query=params.urlencode(),
            **kwargs,
        )

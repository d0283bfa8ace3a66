"""Quotes and sources: readers' source pages and quote search, and the editors' “who gets quoted” report.

Readers' pages start from ``Quote.objects.public()`` (confirmed quotes of published stories) and nothing else.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import ListView, TemplateView
from django_filters.views import FilterView

from articles.filters import QuoteFilter
from articles.models import Quote, Source
from articles.reports import ReportForm, who_gets_quoted

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


@method_decorator(never_cache, name="dispatch")
class SourceReportView(PermissionRequiredMixin, TemplateView):
    """Who gets quoted, for a period and a section, with a CSV download. Editors and chief editors only
    (``articles.view_reports``); anonymous visitors go to the login page, other staff get a 403."""

    permission_required = "articles.view_reports"
    template_name = "reports/who_gets_quoted.html"

    def get(self, request, *args, **kwargs):
        form = ReportForm(request.GET.dict())  # always bound: an empty query means the default period
        report = None
        if form.is_valid():
            data = form.cleaned_data
            report = who_gets_quoted(
                start=data["start"], end=data["end"], section_slug=data["section"], section_name=data["section_name"]
            )
            if request.GET.get("export") == "csv":
                response = HttpResponse(report.csv(), content_type="text/csv; charset=utf-8")
                name = f"who-gets-quoted-{report.start:%Y%m%d}-{report.end:%Y%m%d}.csv"
                response["Content-Disposition"] = f'attachment; filename="{name}"'
                return response
        params = request.GET.copy()
        params["export"] = "csv"
        context = self.get_context_data(
            form=form, report=report, csv_query=params.urlencode(), page_title=_("Who gets quoted")
        )
        response = self.render_to_response(context)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

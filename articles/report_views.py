"""Staff reports: the editors' “who gets quoted” report, with its CSV download. Never cached, never indexed."""

from __future__ import annotations

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from articles.reports import ReportForm, who_gets_quoted


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

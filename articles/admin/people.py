"""Contributors (bylines, photo credits). Sources (quotes) are in articles/admin/sources.py."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from articles.models import Contributor
from articles.services.contributors import merge_contributors


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        label=_("Keep this record"),
        queryset=Contributor.objects.none(),
        widget=forms.RadioSelect,
        help_text=_("The others are merged into it: their bylines and photo credits move to it."),
    )


@admin.action(description=_("Merge selected contributors…"), permissions=["change"])
def merge_selected(modeladmin, request, queryset):
    if queryset.count() < 2:
        modeladmin.message_user(request, _("Select at least two contributors to merge."), messages.WARNING)
        return None
    form = MergeForm(request.POST if "apply" in request.POST else None)
    form.fields["keep"].queryset = queryset
    if form.is_valid():
        keep = form.cleaned_data["keep"]
        moved = merge_contributors(keep=keep, duplicates=list(queryset.exclude(pk=keep.pk)))
        modeladmin.message_user(
            request,
            _("Merged into %(name)s: %(bylines)d bylines and %(photos)d photos moved.")
            % {"name": keep.name, "bylines": moved["bylines"], "photos": moved["photos"]},
            messages.SUCCESS,
        )
        return None
    return TemplateResponse(
        request,
        "admin/articles/contributor/merge.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": _("Merge contributors"),
            "contributors": queryset,
            "form": form,
            "opts": modeladmin.model._meta,
        },
    )


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "user", "byline_count", "photo_count"]
    list_select_related = ["user"]
    search_fields = ["name", "title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    actions = [merge_selected]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(byline_total=Count("bylines", distinct=True), photo_total=Count("photos", distinct=True))
        )

    @admin.display(description=_("bylines"), ordering="byline_total")
    def byline_count(self, contributor) -> int:
        return contributor.byline_total

    @admin.display(description=_("photos"), ordering="photo_total")
    def photo_count(self, contributor) -> int:
        return contributor.photo_total

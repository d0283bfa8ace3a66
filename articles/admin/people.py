"""Contributors (bylines, photo credits). Sources (quotes) are in articles/admin/sources.py."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from articles.admin.merging import merge_action
from articles.models import Contributor
from articles.services.contributors import merge_contributors

merge_selected = merge_action(
    name="merge_selected",
    merge=merge_contributors,
    description=_("Merge selected contributors…"),
    explanation=_("The others are merged into it: their bylines and photo credits move to it."),
    report=lambda keep, moved: (
        _("Merged into %(name)s: %(bylines)d bylines and %(photos)d photos moved.")
        % {"name": keep.name, "bylines": moved["bylines"], "photos": moved["photos"]}
    ),
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

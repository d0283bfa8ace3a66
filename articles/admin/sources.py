"""Sources (the people and organisations quoted): their titles over time, confirming and merging duplicates."""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from articles.admin.merging import merge_action
from articles.models import Source, SourceTitle
from articles.services.sources import merge_sources
from articles.signals import stories_changed

merge_selected_sources = merge_action(
    name="merge_selected_sources",
    merge=merge_sources,
    description=_("Merge selected sources…"),
    explanation=_("Every quote and title of the other records moves to the record you keep; the others are deleted."),
    report=lambda keep, moved: (
        _("Merged %(sources)d sources into %(name)s: %(quotes)d quotes moved.")
        % {"sources": moved["sources"], "name": keep.name, "quotes": moved["quotes"]}
    ),
)


@admin.action(description=_("Confirm selected sources"), permissions=["change"])
def confirm_selected_sources(modeladmin, request, queryset):
    count = queryset.exclude(status=Source.Status.CONFIRMED).update(status=Source.Status.CONFIRMED)
    stories_changed()
    modeladmin.message_user(request, _("%(count)d sources confirmed.") % {"count": count}, messages.SUCCESS)


class SourceTitleInline(admin.TabularInline):
    """A source's titles are part of the source record: whoever may change the source may correct them."""

    model = SourceTitle
    extra = 0
    fields = ["title", "organisation", "first_seen", "last_seen"]
    ordering = ["-last_seen", "title"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_source") or request.user.has_perm("articles.change_source")

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("articles.change_source")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("articles.change_source")

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("articles.change_source")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "organisation", "source_type", "status", "quote_count", "created_at"]
    list_filter = ["status", "source_type"]
    search_fields = ["name", "title", "organisation"]
    # The counts added in get_queryset drop the model's ordering; lists and autocompletes page by name.
    ordering = ["name", "pk"]
    fieldsets = [
        (None, {"fields": ["name", "title", "organisation", "source_type"]}),
        (_("Review"), {"fields": ["status", "created_at"]}),
    ]
    readonly_fields = ["status", "created_at"]
    inlines = [SourceTitleInline]
    actions = [merge_selected_sources, confirm_selected_sources]
    show_facets = admin.ShowFacets.NEVER

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(quote_total=Count("quotes"))

    @admin.display(description=_("quotes"), ordering="quote_total")
    def quote_count(self, source) -> int:
        return source.quote_total

    def save_model(self, request, obj, form, change):
        # An editor saving the record has checked it; a reporter adding a speaker leaves it for the desk.
        if request.user.has_perm("articles.change_source"):
            obj.status = Source.Status.CONFIRMED
        super().save_model(request, obj, form, change)

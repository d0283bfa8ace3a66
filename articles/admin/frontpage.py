"""The front page editors curate: pinned stories and the breaking-news banner."""

from django.contrib import admin

from articles.admin.changelists import DateSafeChangeListMixin
from articles.models import BreakingNews, FrontPagePin


@admin.register(FrontPagePin)
class FrontPagePinAdmin(admin.ModelAdmin):
    list_display = ["article", "slot", "section", "order", "pinned_until"]
    list_editable = ["slot", "section", "order", "pinned_until"]
    list_filter = ["slot", "section"]
    list_select_related = ["article", "section"]
    autocomplete_fields = ["article", "section"]


@admin.register(BreakingNews)
class BreakingNewsAdmin(DateSafeChangeListMixin, admin.ModelAdmin):
    list_display = ["text", "starts_at", "ends_at", "article"]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]
    date_hierarchy = "starts_at"

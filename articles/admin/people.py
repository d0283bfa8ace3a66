"""Contributors (bylines) and sources (quotes)."""

from django.contrib import admin

from articles.models import Contributor, Source


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "organisation", "created_at"]
    search_fields = ["name", "title", "organisation"]

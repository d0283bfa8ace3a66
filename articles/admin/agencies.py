"""The agency table the photo desk keeps: how each agency appears in credits, and the licence its pictures get."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from articles.models import Agency


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    """A new upload whose credit or IPTC Source names an agency here gets its licence and terms
    (articles/services/agencies.py); editing an agency changes the photos uploaded afterwards, not those filed."""

    list_display = ["name", "credit_name", "licence_type", "usage_terms", "photo_count"]
    list_filter = ["licence_type"]
    search_fields = ["name", "credit_name", "aliases", "usage_terms"]
    ordering = ["name", "pk"]  # the count added in get_queryset drops the model's ordering
    fieldsets = [
        (None, {"fields": ["name", "credit_name", "aliases"]}),
        (_("Rights given to its photos"), {"fields": ["licence_type", "usage_terms"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_total=Count("photos"))

    @admin.display(description=_("photos"), ordering="photo_total")
    def photo_count(self, agency) -> int:
        return agency.photo_total  # added by get_queryset

"""A credit that names several contributors (two “Dwi Arif”) links to none of them: the photo's page lists them under
the photographer field, and the photo list can show only such photos, so the desk chooses by setting the
photographer (articles.services.photos.save_photo then clears the list)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles.models import Photo


class CreditMatchFilter(admin.SimpleListFilter):
    title = _("credit")
    parameter_name = "credit_match"

    def lookups(self, request, model_admin):
        return [("several", _("Credit matches several contributors"))]

    def queryset(self, request, queryset):
        if self.value() == "several":
            # A subquery, not a join: a photo with three candidates is listed once.
            return queryset.filter(pk__in=Photo.credit_candidates.through.objects.values("photo_id"))
        return queryset


@admin.display(description=_("possible photographers"))
def credit_candidates_line(modeladmin, photo: Photo) -> str:
    """Each candidate as the desk tells them apart: name, title, address (slug) and id, linked to their record."""
    candidates = list(photo.credit_candidates.order_by("name", "pk")) if photo.pk else []
    if not candidates:
        return "—"
    rows = (
        (
            reverse("admin:articles_contributor_change", args=[candidate.pk]),
            candidate.name,
            candidate.title or "—",
            candidate.slug,
            candidate.pk,
        )
        for candidate in candidates
    )
    return format_html(
        "<p>{}</p>{}",
        Photo._meta.get_field("credit_candidates").help_text,
        format_html_join("", '<div><a href="{}">{}</a> — {} · {} · #{}</div>', rows),
    )

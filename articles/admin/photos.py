"""Photos and their credits."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.admin.forms import PhotoAdminForm
from articles.models import Photo


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoAdminForm
    list_display = ["thumbnail", "caption", "credit", "source", "credit_status", "created_at"]
    list_display_links = ["thumbnail", "caption"]
    list_filter = ["credit_status", "created_at"]
    search_fields = ["caption", "credit", "source"]
    readonly_fields = ["thumbnail", "width", "height"]
    date_hierarchy = "created_at"
    fieldsets = [
        (None, {"fields": ["image", "thumbnail", ("width", "height"), "caption", "alt_text"]}),
        (_("Credit and rights"), {"fields": ["credit", "source", "copyright_notice", "credit_status"]}),
    ]

    @admin.display(description=_("thumbnail"))
    def thumbnail(self, photo: Photo) -> str:
        if not photo.image:
            return _("No image yet")
        return format_html('<img src="{}" alt="" style="max-width: 120px; max-height: 90px">', photo.image.url)

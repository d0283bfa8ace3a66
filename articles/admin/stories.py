"""Stories and sections."""

from django.contrib import admin
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from articles.admin.forms import ArticleAdminForm
from articles.models import Article, ArticlePhoto, ArticleRedirect, Byline, Quote, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    autocomplete_fields = ["contributor"]
    ordering = ["order"]


class ArticlePhotoInline(admin.TabularInline):
    model = ArticlePhoto
    extra = 0
    autocomplete_fields = ["photo"]
    ordering = ["order"]


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["source"]
    fields = [("status", "is_pull_quote", "position"), "text", ("source", "speaker_title")]
    ordering = ["position", "pk"]


class ArticleRedirectInline(admin.TabularInline):
    model = ArticleRedirect
    extra = 0
    fields = ["publication_date", "slug", "created_at"]
    readonly_fields = ["created_at"]
    verbose_name_plural = _("old addresses that redirect here")


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    fieldsets = [
        (_("Headline"), {"fields": ["kicker", "headline", "dek", "slug"]}),
        (_("Body"), {"fields": ["body"]}),
        (_("Publication"), {"fields": ["section", "tags", "new_tags", "language", "status", "publish_at"]}),
        (
            _("SEO and social"),
            {"fields": ["seo_title", "seo_description", "social_title"], "classes": ["collapse"]},
        ),
    ]
    inlines = [BylineInline, ArticlePhotoInline, QuoteInline, ArticleRedirectInline]
    list_display = ["headline", "section", "status", "publish_at", "language", "updated_at"]
    list_filter = ["status", "section", "language", "publish_at"]
    list_select_related = ["section"]
    search_fields = ["headline", "body", "bylines__contributor__name"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section"]
    show_facets = admin.ShowFacets.NEVER  # facet counts cost one query per filter option on a large archive

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("contributor")))
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def view_on_site(self, obj):
        # Readers' address once the story is public; before that, the staff-only preview.
        return obj.get_absolute_url() if obj.is_public else obj.get_preview_url()

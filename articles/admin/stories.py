"""Stories and sections. Story states change only through the workflow service (articles.services.workflow)."""

from __future__ import annotations

import re

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from reversion.admin import VersionAdmin

from articles import access, audit
from articles.admin.audit import AuditInline
from articles.admin.autosave import StoryAutosaveMixin
from articles.admin.changelists import DateSafeChangeListMixin
from articles.admin.editing import StoryEditingMixin
from articles.admin.form_story import story_for_form
from articles.admin.forms import ArticleAdminForm, TransitionForm
from articles.admin.needs_action import NeedsMyActionFirstMixin
from articles.admin.photo_picker import StoryPhotoPickerMixin
from articles.admin.presence import StoryPresenceMixin
from articles.admin.publishing_panel import publishing_panel
from articles.admin.quotes import ReviewedQuotesInline, extract_quotes_again
from articles.admin.unsaved_preview import UnsavedPreviewMixin
from articles.admin.workflow_buttons import WorkflowButtonsMixin
from articles.admin.writing_aids import WritingAidsAdminMixin
from articles.field_labels import field_labels
from articles.models import Article, ArticlePhoto, ArticleRedirect, Byline, Quote, Section
from articles.services import workflow
from articles.services.quotes import QUOTES_PROPOSED_ON_SAVE, extract_again
from articles.services.workflow import TIMING_FIELDS
from articles.templatetags.newsroom import preview_body_images

# The field only the workflow sets (the times, which only people who may publish edit: workflow.TIMING_FIELDS).
STATE_FIELD = "status"


def _autocompletes_for(request) -> tuple[str, str, str] | None:
    """The (app, model, field) an admin autocomplete request is filling in, or None for any other request."""
    match = request.resolver_match
    if match is None or match.url_name != "autocomplete":
        return None
    return (request.GET.get("app_label"), request.GET.get("model_name"), request.GET.get("field_name"))


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


class StoryPartInline:
    """Bylines, photos and quotes are part of the story: editable exactly when the story is."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and (obj is None or access.can_edit(request.user, obj))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or access.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or access.can_edit(request.user, obj))


class BylineInline(StoryPartInline, admin.TabularInline):
    model = Byline
    autocomplete_fields = ["contributor"]
    ordering = ["order"]


class ArticlePhotoInline(StoryPartInline, admin.TabularInline):
    model = ArticlePhoto
    autocomplete_fields = ["photo"]
    ordering = ["order"]


class QuoteInline(ReviewedQuotesInline, StoryPartInline, admin.StackedInline):
    """Who decides what here, and the desk's flag: ReviewedQuotesInline (articles/admin/quotes.py)."""

    model = Quote
    autocomplete_fields = ["source"]
    fields = [
        ("status", "is_pull_quote", "is_paraphrase", "position"),
        "needs_review",
        "text",
        # A group ("sebagian warga") or an organisation speaking as such has no source: its kind says who spoke.
        ("source", "speaker_title", "speaker_kind"),
    ]
    readonly_fields = ["needs_review"]
    ordering = ["position", "pk"]


class ArticleRedirectInline(StoryPartInline, admin.TabularInline):
    model = ArticleRedirect
    fields = ["publication_date", "slug", "created_at"]
    readonly_fields = ["created_at"]
    verbose_name_plural = _("old addresses that redirect here")


@admin.action(description=_("Submit selected stories for review"))
def submit_stories(modeladmin, request, queryset):
    modeladmin.apply_transition(request, queryset, "submit")


@admin.action(description=_("Approve selected stories"))
def approve_stories(modeladmin, request, queryset):
    modeladmin.apply_transition(request, queryset, "approve")


@admin.action(description=_("Publish selected stories now"))
def publish_stories(modeladmin, request, queryset):
    modeladmin.apply_transition(request, queryset, "publish")


@admin.action(description=_("Unpublish selected stories"))
def unpublish_stories(modeladmin, request, queryset):
    modeladmin.apply_transition(request, queryset, "unpublish")


@admin.register(Article)
class ArticleAdmin(
    NeedsMyActionFirstMixin,
    DateSafeChangeListMixin,
    WorkflowButtonsMixin,
    StoryAutosaveMixin,
    StoryPresenceMixin,
    StoryEditingMixin,
    WritingAidsAdminMixin,
    StoryPhotoPickerMixin,
    UnsavedPreviewMixin,
    VersionAdmin,
):
    """Every save keeps a revision (django-reversion); history, compare, restore, recover, the version check and
    notes come from StoryEditingMixin (articles/admin/editing.py)."""

    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    fieldsets = [
        (_("Headline"), {"fields": ["kicker", "headline", "dek", "slug"]}),
        (_("Body"), {"fields": ["body"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "section",
                    "tags",
                    "new_tags",
                    "language",
                    "state",
                    ("publish_at", "expires_at"),
                    "embargo_until",
                ]
            },
        ),
        (
            _("SEO and social"),
            {"fields": ["seo_title", "seo_description", "social_title"], "classes": ["collapse"]},
        ),
    ]
    readonly_fields = ["state"]
    inlines = [BylineInline, ArticlePhotoInline, QuoteInline, ArticleRedirectInline, AuditInline]
    actions = [submit_stories, approve_stories, publish_stories, unpublish_stories, extract_quotes_again]
    list_display = ["headline", "section", "state", "publish_at", "embargo_until", "language", "updated_at"]
    list_filter = ["status", "section", "language", "publish_at"]
    list_select_related = ["section"]
    search_fields = ["headline", "body", "bylines__contributor__name"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section"]
    show_facets = admin.ShowFacets.NEVER  # facet counts cost one query per filter option on a large archive

    @admin.display(description=_("status"), ordering="status")
    def state(self, article: Article) -> str:
        if article.pk is None:
            return Article.Status.DRAFT.label
        if article.is_scheduled:
            return format_html("<strong>{}</strong>", _("Scheduled"))
        if article.status == Article.Status.PUBLISHED and article.expires_at and article.expires_at <= timezone.now():
            return _("Expired")
        return article.get_status_display()

    # --- who sees and changes what ---------------------------------------------------------------------------

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("contributor")))
        )
        return access.visible_articles(request.user, queryset)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # The photo page's "used in" autocomplete offers only the stories the user may place a photo in; the form
        # field itself refuses any other id (PhotoUseInline.formfield_for_foreignkey).
        if _autocompletes_for(request) == ("articles", "articlephoto", "article"):
            queryset = access.photo_placeable_articles(request.user, queryset)
        return queryset, may_have_duplicates

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return access.can_view(request.user, obj) or self.has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and access.can_edit(request.user, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only (a reporter's submitted story): Django would print the body's HTML as text and the form-only
        # "new tags" box as "None". The body is shown as readers will see it instead, and "new tags" is left out.
        shown = {"body": "body_as_readers_see_it"}
        return [
            (name, {**options, "fields": [shown.get(f, f) for f in options["fields"] if f != "new_tags"]})
            for name, options in fieldsets
        ]

    @admin.display(description=_("Body"))
    def body_as_readers_see_it(self, obj):
        return format_html('<div class="story-body readonly-story-body">{}</div>', preview_body_images(obj.body, obj))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("articles.publish_article"):
            fields += TIMING_FIELDS
        return fields

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and (refused := self._protected_fields_in(request)):
            # Nothing is saved: a status is changed only through the workflow buttons.
            self.message_user(
                request,
                _("The form tried to set %(fields)s directly; nothing was saved. Use the workflow buttons.")
                % {"fields": field_labels(Article, refused)},
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())
        extra_context = extra_context or {}
        if object_id:
            article = story_for_form(self, request, object_id)
            if article is not None and self.has_view_permission(request, article):
                extra_context.update(self.transition_buttons(request, article))
                extra_context["publishing_panel"] = publishing_panel(
                    article, request.user, can_change=self.has_change_permission(request, article)
                )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _protected_fields_in(self, request) -> list[str]:
        protected = [STATE_FIELD]
        if not request.user.has_perm("articles.publish_article"):
            protected += TIMING_FIELDS
        # Split date/time widgets post "publish_at_0" and "publish_at_1".
        posted = {re.sub(r"_[01]$", "", key) for key in request.POST}
        return [name for name in protected if name in posted]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Writing aid: every save of a story the desk has not yet signed off proposes its quotes, so the reporter
        # and the reviewing editor see them without the list action. Approved and published stories are left to the
        # "extract quotes again" action: new proposals there would land in a story the desk already passed.
        # Editors' decisions are never touched (services.quotes.extract_again).
        if form.instance.status in QUOTES_PROPOSED_ON_SAVE:
            extract_again(article=form.instance, user=request.user)

    def view_on_site(self, obj):
        # Readers' address once the story is public; before that, the staff-only preview.
        return obj.get_absolute_url() if obj.is_public else obj.get_preview_url()

    # --- transitions -----------------------------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/transition/<str:name>/",
                self.admin_site.admin_view(self.transition_view),
                name="articles_article_transition",
            ),
            *super().get_urls(),
        ]

    @method_decorator(require_POST)
    def transition_view(self, request, object_id, name):
        article = get_object_or_404(Article, pk=object_id)
        transition = workflow.TRANSITIONS.get(name)
        if not self.has_view_permission(request, article):
            # Listed in the audit log like the workflow's own refusals; nothing else is written.
            audit.record_refusal(
                target=article,
                user=request.user,
                message=_("Refused the workflow button “%(action)s”: no access to this story.")
                % {"action": transition.label if transition else name},
                from_state=article.status,
                to_state=transition.target if transition else "",
            )
            raise PermissionDenied
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        form = TransitionForm(request.POST, transition=transition)
        if transition is None or not form.is_valid():
            errors = "; ".join(" ".join(e) for e in form.errors.values()) if transition else _("Unknown action.")
            self.message_user(request, errors, messages.ERROR)
            return HttpResponseRedirect(change_url)
        try:
            workflow.perform_transition(
                article=article,
                name=name,
                user=request.user,
                note=form.cleaned_data.get("note", ""),
                publish_at=form.cleaned_data.get("publish_at"),
            )
        except workflow.TransitionRefused as refusal:
            self.message_user(request, refusal.message, messages.ERROR)
        else:
            self.message_user(request, _("%(action)s: done.") % {"action": transition.label}, messages.SUCCESS)
        return HttpResponseRedirect(change_url)

    def apply_transition(self, request, queryset, name: str) -> None:
        done, refused = 0, []
        for article in queryset:
            try:
                workflow.perform_transition(article=article, name=name, user=request.user)
                done += 1
            except workflow.TransitionRefused as refusal:
                refused.append(f"“{article.headline}”: {refusal.message}")
        if done:
            self.message_user(request, _("%(count)d stories changed.") % {"count": done}, messages.SUCCESS)
        for message in refused:
            self.message_user(request, message, messages.ERROR)

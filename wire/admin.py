"""The wire items taken in, for editors: the later versions waiting beside a story somebody edited, shown next to the
story as it is now, with "apply the wire version" and "dismiss"; and the pictures items delivered, for the photo desk
(a remote link is shown, never fetched)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from articles.admin.changelists import DateSafeChangeListMixin
from articles.admin.comparison import show_words, text_diff
from articles.models import Article, EditConflict
from articles.services import revisions
from articles.text.html_paragraphs import body_paragraphs
from wire import services
from wire.items import WireFormatError
from wire.models import WirePhoto, WireStory


class WaitingFilter(admin.SimpleListFilter):
    title = gettext_lazy("later version")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("yes", gettext_lazy("Waiting for an editor")), ("no", gettext_lazy("Nothing waiting"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.flagged()
        if self.value() == "no":
            return queryset.filter(pending_item__isnull=True)
        return queryset


class WirePhotoInline(admin.TabularInline):
    model = WirePhoto
    fields = readonly_fields = ("photo_link", "href_text", "delivered_as_file")
    extra = 0
    can_delete = False

    def has_view_permission(self, request, obj=None):
        # The item's pictures are part of what an editor deciding on it sees.
        return super().has_view_permission(request, obj) or request.user.has_perm(services.REVIEW_PERMISSION)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("photo"))
    def photo_link(self, link: WirePhoto):
        return _photo_link(link)

    @admin.display(description=gettext_lazy("link as delivered"))
    def href_text(self, link: WirePhoto) -> str:
        return link.href  # as text: nobody's browser should fetch an agency link by opening this page


@admin.register(WireStory)
class WireStoryAdmin(DateSafeChangeListMixin, admin.ModelAdmin):
    """Read-only: the records are written by ``import_wire`` and the two decisions below, nothing else."""

    list_display = ["headline", "provider", "source_format", "version", "waiting_version", "flagged_at", "story_link"]
    list_filter = [WaitingFilter, "source_format", "provider"]
    search_fields = ["guid", "headline", "provider"]
    list_select_related = ["article"]
    date_hierarchy = "received_at"
    actions = ["dismiss_selected"]
    inlines = [WirePhotoInline]
    fieldsets = [
        (None, {"fields": ["headline", "story_link", "guid", "provider", "agency", "source_format", "version"]}),
        (gettext_lazy("Later version waiting"), {"fields": ["comparison"]}),
        (gettext_lazy("Last decision"), {"fields": ["resolution", "resolved_by", "resolved_at"]}),
        (gettext_lazy("Record"), {"fields": ["received_at", "updated_at", "article_version", "content_hash"]}),
    ]
    readonly_fields = [
        "headline",
        "story_link",
        "guid",
        "provider",
        "agency",
        "source_format",
        "version",
        "comparison",
        "resolution",
        "resolved_by",
        "resolved_at",
        "received_at",
        "updated_at",
        "article_version",
        "content_hash",
    ]

    def get_ordering(self, request):
        # Waiting versions first, the longest-waiting on top; then the latest taken in.
        return [F("flagged_at").asc(nulls_last=True), "-updated_at", "-pk"]

    def has_view_permission(self, request, obj=None):
        # Who decides on waiting versions needs to see them.
        return super().has_view_permission(request, obj) or self.has_review_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # The record is what tells a later version from a new item: deleting it would import the item again.
        return False

    def has_review_permission(self, request) -> bool:
        return request.user.has_perm(services.REVIEW_PERMISSION)

    @admin.display(description=gettext_lazy("waiting version"), ordering="pending_version")
    def waiting_version(self, record: WireStory):
        return record.pending_version or "—"

    @admin.display(description=gettext_lazy("story"))
    def story_link(self, record: WireStory):
        if record.article is None:
            return _("(deleted)")
        url = reverse("admin:articles_article_change", args=[record.article_id])
        article = record.article
        return format_html('<a href="{}">{}</a> ({})', url, article.headline, article.get_status_display())

    @admin.display(description=gettext_lazy("the story now and the wire version"))
    def comparison(self, record: WireStory):
        if record.pending_item is None or record.article is None:
            return _("Nothing waits: the story has the latest version taken.")
        article, item = record.article, services.item_from_json(record.pending_item)
        language, _notes = services.site_language(item.language)
        wire_bylines = ", ".join(byline.name for byline in item.bylines)
        rows = [
            (_("Headline"), article.headline, text_diff(article.headline, services.clean_headline(item))),
            (_("Dek"), _paragraphs([article.dek]), text_diff(article.dek, " ".join(body_paragraphs(item.dek)))),
            (_("Language"), article.get_language_display(), Article.Language(language).label),
            (_("Bylines"), ", ".join(str(byline) for byline in article.ordered_bylines), wire_bylines),
            (_("Body"), _paragraphs(body_paragraphs(article.body)), _body_changes(article.body, item.body_html)),
        ]
        table = format_html(
            '<table class="wire-comparison"><thead><tr><th></th><th>{}</th><th>{}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            _("The story now (version %(version)d)") % {"version": article.version},
            _("Wire version %(version)d, its changes marked") % {"version": item.version},
            format_html_join("", "<tr><th>{}</th><td>{}</td><td>{}</td></tr>", rows),
        )
        return format_html("{}{}", table, self._decision_buttons(record, article))

    def _decision_buttons(self, record: WireStory, article: Article):
        # The change form around this field posts to the decision's own address (``formaction``), with its CSRF
        # token and the story's version the editor is looking at: applying over a newer edit is refused.
        if not services.may_review(getattr(record, "viewer", None), record):
            return format_html('<p class="help">{}</p>', _("Editors with the wire permission apply or dismiss it."))
        return format_html(
            '<div class="submit-row">'
            '<button type="submit" class="button default" formaction="{}" name="article_version" value="{}">{}</button>'
            ' <button type="submit" class="button" formaction="{}">{}</button></div>'
            '<p class="help">{}</p>',
            reverse("admin:wire_wirestory_apply", args=[record.pk]),
            article.version,
            _("Apply the wire version"),
            reverse("admin:wire_wirestory_dismiss", args=[record.pk]),
            _("Dismiss"),
            _(
                "Applying writes the wire version over the story as a new revision (History shows it and can restore "
                "the story as it is now). Dismissing keeps the story as it is."
            ),
        )

    def get_object(self, request, object_id, from_field=None):
        record = super().get_object(request, object_id, from_field)
        if record is not None:
            record.viewer = request.user  # the decision buttons are shown to those who may use them
        return record

    def get_urls(self):
        return [
            path(
                "<int:object_id>/apply/",
                self.admin_site.admin_view(self.apply_view),
                name="wire_wirestory_apply",
            ),
            path(
                "<int:object_id>/dismiss/",
                self.admin_site.admin_view(self.dismiss_view),
                name="wire_wirestory_dismiss",
            ),
            *super().get_urls(),
        ]

    @method_decorator(require_POST)
    def apply_view(self, request, object_id):
        record = get_object_or_404(WireStory.objects.select_related("article"), pk=object_id)
        change_url = reverse("admin:wire_wirestory_change", args=[record.pk])
        try:
            seen = int(request.POST.get("article_version", ""))
        except ValueError:
            seen = None
        try:
            article = services.apply_pending(record=record, user=request.user, article_version=seen)
        except EditConflict:
            self.message_user(
                request,
                _("The story was changed while you were comparing: nothing was applied. Compare again."),
                messages.ERROR,
            )
            return HttpResponseRedirect(change_url)
        except WireFormatError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(change_url)
        self.message_user(request, _("The wire version was applied to the story."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    @method_decorator(require_POST)
    def dismiss_view(self, request, object_id):
        record = get_object_or_404(WireStory.objects.select_related("article"), pk=object_id)
        services.dismiss_pending(record=record, user=request.user)  # PermissionDenied: a 403 page
        self.message_user(request, _("The wire version was dismissed; the story stays as it is."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:wire_wirestory_changelist"))

    @admin.action(description=gettext_lazy("Dismiss the waiting wire versions"), permissions=["review"])
    def dismiss_selected(self, request, queryset):
        dismissed = refused = 0
        for record in queryset.flagged().select_related("article"):
            try:
                services.dismiss_pending(record=record, user=request.user)
                dismissed += 1
            except PermissionDenied:
                refused += 1
        self.message_user(request, _("Dismissed: %(count)d.") % {"count": dismissed}, messages.SUCCESS)
        if refused:
            self.message_user(
                request, _("Not yours to decide: %(count)d (stories you may not edit).") % {"count": refused}
            )


@admin.register(WirePhoto)
class WirePhotoAdmin(admin.ModelAdmin):
    """The pictures wire items delivered: a remote link waits here for the photo desk to fetch and attach it."""

    list_display = ["photo_link", "href", "delivered_as_file", "wire_story", "created_at"]
    list_filter = ["delivered_as_file"]
    search_fields = ["href", "picture_guid", "wire_story__headline", "photo__caption", "photo__credit"]
    list_select_related = ["photo", "wire_story"]
    fields = readonly_fields = ("photo_link", "href", "delivered_as_file", "picture_guid", "wire_story", "created_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("photo"))
    def photo_link(self, link: WirePhoto):
        return _photo_link(link)


def _photo_link(link: WirePhoto):
    photo = link.photo
    label = str(photo) if photo.image else _("%(photo)s — no file yet") % {"photo": photo}
    return format_html('<a href="{}">{}</a>', reverse("admin:articles_photo_change", args=[photo.pk]), label)


def _paragraphs(texts: list[str]):
    return format_html_join("", "<p>{}</p>", ((text,) for text in texts if text)) or "—"


def _body_changes(story_body: str, wire_body: str):
    """The wire body against the story's, a paragraph each (the revision comparison's words: <del> and <ins>);
    a run of unchanged paragraphs is counted, not repeated."""
    shown = []
    for block in revisions.paragraph_diff(story_body, wire_body).blocks:
        if isinstance(block, revisions.WordDiff):
            shown.append(show_words(block))  # escaped there
        elif isinstance(block, revisions.SameParagraph):
            shown.append(format_html("{}", block.text))
        elif isinstance(block, revisions.FoldedParagraphs):
            folded = _("%(count)d unchanged paragraphs") % {"count": block.count}  # the revision comparison's words
            shown.append(format_html("<em>[… {} …]</em>", folded))
    return format_html_join("", "<p>{}</p>", ((html,) for html in shown)) or "—"

"""No lost work, in the story admin: revisions and their history, comparing and restoring them, recovering deleted
stories, refusing a save made over a colleague's, showing who else has the story open, editorial notes, and the
correction notices readers see.

``StoryEditingMixin`` goes before django-reversion's ``VersionAdmin`` in ``ArticleAdmin``'s bases; the services it
calls (articles.services.revisions, .restoring, .presence) hold the rules; articles.admin.comparison
shows a comparison as HTML, the views here only route and render.
"""

from __future__ import annotations

import uuid

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from articles import access, audit, body_images, events
from articles.admin import comparison
from articles.admin.form_story import story_for_form
from articles.admin.forms import EditorialNoteForm
from articles.models import Article, AuditEntry, Correction, EditConflict
from articles.services import notifications, presence, restoring, revisions


class CorrectionInline(admin.StackedInline):
    """Correction, clarification and update notices, appended by editors to a story readers can see."""

    model = Correction
    fields = [("kind", "created_at", "created_by"), "text"]
    readonly_fields = ["created_at", "created_by"]
    extra = 0
    verbose_name_plural = gettext_lazy("corrections and updates shown to readers")

    def has_add_permission(self, request, obj=None):
        # Before a story is public its text is simply fixed; a notice is owed to readers only once they saw it.
        return (
            super().has_add_permission(request, obj)
            and obj is not None
            and obj.is_public
            and access.can_edit(request.user, obj)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or access.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or access.can_edit(request.user, obj))


class StoryEditingMixin:
    object_history_template = "admin/articles/article/object_history.html"

    # --- the change form: version check, who else has it open, notes ---------------------------------------

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        if obj is not None and (obj.is_public or obj.corrections.exists()):
            inlines.append(CorrectionInline)
        return inlines

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and self.has_change_permission(request, obj):
            # The version the editor opened travels with the form (ArticleAdminForm._check_version).
            fieldsets.append((None, {"fields": ["base_version"], "classes": ["hidden"]}))
        elif obj is None:
            # The add form's one-time token (see _already_added).
            fieldsets.append((None, {"fields": ["add_form_token"], "classes": ["hidden"]}))
        return fieldsets

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if request.method == "POST" and object_id is None and (earlier := self._already_added(request)):
            return earlier
        # django-reversion's recover form runs this view on a story it has just brought back; it has no notes yet.
        recovering = extra_context.get("recover") or extra_context.get("revert")
        article = story_for_form(self, request, object_id) if object_id and not recovering else None
        if article is not None and self.has_view_permission(request, article):
            extra_context.update(
                also_open=presence.opened(
                    article.pk, request.user, editing=self.has_change_permission(request, article)
                ),
                editorial_notes=list(article.editorial_notes.select_related("author")),
                note_form=EditorialNoteForm() if request.user.has_perm("articles.add_editorialnote") else None,
                send_back_note=notifications.send_back_note(request.user, article),
            )
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError:
            # Two copies of one add form raced past _already_added; the unique token refused the second.
            if earlier := self._already_added(request):
                return earlier
            raise
        except EditConflict:
            # Two saves raced past the form's check at the same instant; the database refused the second and its
            # transaction was rolled back, inlines included.
            self.message_user(
                request,
                _("Someone else saved this story at the same moment, so nothing of yours was saved. Open it again."),
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())

    def _already_added(self, request):
        """The answer to an add form sent again (double click, resent request): the story the first one made."""
        token = request.POST.get("add_form_token", "")
        try:
            token = uuid.UUID(token)
        except ValueError:
            return None
        article = Article.objects.filter(submission_token=token).first()
        if article is None:
            return None
        self.message_user(
            request,
            _("This form had already been saved, so no second story was made. Here is the story it made."),
            messages.WARNING,
        )
        if self.has_view_permission(request, article):
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        return HttpResponseRedirect(reverse("admin:articles_article_changelist"))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.submission_token = form.cleaned_data.get("add_form_token")
        obj.places_body_photos = False  # after the photo list, in save_related
        super().save_model(request, obj, form, change)
        if getattr(request, "recovering_story", False):
            AuditEntry.record(target=obj, action=AuditEntry.Action.RESTORE, user=request.user, note=_("Recovered"))

    def response_change(self, request, obj):
        presence.closed(obj.pk, request.user)
        return super().response_change(request, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The photos pictured in the body that the photo list did not name become photo uses too (credit gate).
        body_images.place_pictured_photos(form.instance, getattr(form.instance, "pictured_photo_ids", []))
        # Subscribers hear of an edit readers can see once its parts are saved too (articles/events.py).
        corrected = any(formset.model is Correction and getattr(formset, "new_objects", ()) for formset in formsets)
        events.after_edit(form.instance, corrected=corrected)

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            for inline_form in formset.forms:
                if inline_form.instance.pk is None:
                    inline_form.instance.created_by = request.user
        super().save_formset(request, form, formset, change)

    # --- history, comparison, restore, recovery --------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            path(
                "<path:object_id>/notes/",
                self.admin_site.admin_view(self.add_note_view),
                name="{}_{}_add_note".format(*info),
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        article = self._viewable(request, object_id)
        versions = list(revisions.story_versions(article.pk))
        extra_context = {
            **(extra_context or {}),
            "versions": [(version, version.field_dict.get("version")) for version in versions],
        }
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id):
        article = self._viewable(request, object_id)
        versions = revisions.story_versions(article.pk)
        new = self._version(versions, request.GET.get("new")) or versions.first()
        if new is None:
            raise Http404(_("This story has no saved versions yet."))
        old = self._version(versions, request.GET.get("old")) or versions.filter(pk__lt=new.pk).first() or new
        if old.pk > new.pk:
            old, new = new, old
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Compare versions of “%(story)s”") % {"story": article},
            "comparison": comparison.compare(revisions.snapshot(old), revisions.snapshot(new)),
            "old": old,
            "new": new,
            "can_restore": restoring.can_restore(request.user, article),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def restore_view(self, request, object_id, version_id):
        # GET shows what restoring would change; a POST restores. On a story readers can see, the service restores
        # only a POST with ``confirm`` (and, from this page, for the version of the story the page described).
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        article = self._viewable(request, object_id)
        if not restoring.can_restore(request.user, article):
            raise PermissionDenied
        version = get_object_or_404(revisions.story_versions(article.pk), pk=version_id)
        notice = ""
        if request.method == "POST":
            seen = request.POST.get("seen_version", "")
            try:
                restoring.restore_revision(
                    article=article,
                    version=version,
                    user=request.user,
                    confirmed="confirm" in request.POST,
                    seen_version=int(seen) if seen.isdigit() else None,
                )
            except restoring.RestoreNeedsConfirmation as asking:
                notice = asking.message
            except restoring.RestoreRefused as refusal:
                self.message_user(request, refusal.message, messages.ERROR)
                query = urlencode({"old": version.pk})
                return HttpResponseRedirect(f"{reverse('admin:articles_article_compare', args=[article.pk])}?{query}")
            else:
                self.message_user(request, _("The earlier version was restored, as a new version."), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        preview = restoring.describe_restore(article=article, version=version)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": preview.article,
            "title": _("Restore version %(number)s of “%(story)s”?") % {"number": preview.number, "story": article},
            "preview": preview,
            "version": version,
            "seen_version": preview.article.version,
            "notice": notice,
        }
        return TemplateResponse(request, "admin/articles/article/restore_confirm.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # django-reversion's own revert form would also roll back the story's state and times behind the
        # workflow's back; its address shows the comparison instead, where restoring is one button.
        query = urlencode({"old": version_id})
        return HttpResponseRedirect(f"{reverse('admin:articles_article_compare', args=[unquote(object_id)])}?{query}")

    def recoverlist_view(self, request, extra_context=None):
        # Deleted stories' headlines are unpublished work: only those who may bring a story back see the list.
        if not restoring.can_recover(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not restoring.can_recover(request.user):
            raise PermissionDenied
        version = restoring.deleted_story_version(version_id)
        if version is None:
            # A version of a story that still exists (or of something else): restoring it is the comparison's job;
            # django-reversion's revert would run into the live story's newer version.
            self.message_user(
                request,
                _("That version is not of a deleted story. Open the story's history to compare and restore versions."),
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:articles_article_changelist"))
        # Saving the recover form brings the deleted story back with its parts; save_model audits it.
        request.recovering_story = request.method == "POST"
        return super().recover_view(request, version_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        # django-reversion's list shows "Recover deleted stories" to anyone who may add and change stories.
        extra_context = {**(extra_context or {}), "may_recover": restoring.can_recover(request.user)}
        return super().changelist_view(request, extra_context)

    # --- editorial notes -------------------------------------------------------------------------------------

    @method_decorator(require_POST)
    def add_note_view(self, request, object_id):
        article = self._viewable(request, object_id)
        if not request.user.has_perm("articles.add_editorialnote"):
            raise PermissionDenied
        form = EditorialNoteForm(request.POST)
        if form.is_valid():
            note = form.save(commit=False)
            note.article, note.author = article, request.user
            notifications.save_note(note)  # tells anyone @mentioned in it
            self.message_user(request, _("Note added."), messages.SUCCESS)
        else:
            self.message_user(request, _("Write the note before adding it."), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]) + "#editorial-notes")

    # --- helpers ---------------------------------------------------------------------------------------------

    def _viewable(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(_("No such story."))
        if not self.has_view_permission(request, article):
            # Listed in the audit log with the page refused; nothing else is written.
            audit.record_refusal(
                target=article, user=request.user, message=_("Refused access to %(page)s.") % {"page": request.path}
            )
            raise PermissionDenied
        return article

    @staticmethod
    def _version(versions, value):
        return versions.filter(pk=value).first() if value and value.isdigit() else None

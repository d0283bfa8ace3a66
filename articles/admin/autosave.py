"""Autosave in the story's change form: the addresses its script posts a draft copy to, the offer to restore the copy
on return, and the copy's end when the story is saved. The rules live in articles.services.autosave."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.admin.form_story import editable_story, story_for_form
from articles.services import autosave


class StoryAutosaveMixin:
    """Goes after WorkflowButtonsMixin in ArticleAdmin's bases, so a workflow button's save also ends the copy."""

    autosave_interval_seconds = 30

    def get_urls(self):
        return [
            path(
                "<path:object_id>/autosave/",
                self.admin_site.admin_view(self.autosave_view),
                name="articles_article_autosave",
            ),
            path(
                "<path:object_id>/autosave/discard/",
                self.admin_site.admin_view(self.autosave_discard_view),
                name="articles_article_autosave_discard",
            ),
            *super().get_urls(),
        ]

    @method_decorator(require_POST)
    def autosave_view(self, request, object_id):
        article = editable_story(self, request, object_id)
        try:
            copy = autosave.store(user=request.user, article=article, fields=request.POST)
        except autosave.CopyTooLarge:
            message = _("Your changes are too large for a draft copy; save the story to keep them.")
            return JsonResponse({"message": message}, status=413)
        message = _("Draft copy of your changes kept at %(time)s.") % {"time": _when(copy.saved_at)}
        return JsonResponse({"message": message})

    @method_decorator(require_POST)
    def autosave_discard_view(self, request, object_id):
        article = editable_story(self, request, object_id)
        autosave.discard(user=request.user, article=article)
        self.message_user(request, _("The draft copy of your unsaved changes was discarded."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        article = story_for_form(self, request, object_id) if object_id else None
        if article is not None and self.has_change_permission(request, article):
            extra_context = {
                **(extra_context or {}),
                "autosave_url": reverse("admin:articles_article_autosave", args=[article.pk]),
                "autosave_interval_ms": self.autosave_interval_seconds * 1000,
            }
            copy = autosave.offer(user=request.user, article=article) if request.method == "GET" else None
            if copy is not None:
                restoring = request.GET.get("autosave") == "restore"
                extra_context.update(
                    autosave_copy=copy, autosave_time=_when(copy.saved_at), autosave_restored=restoring
                )
                if restoring:
                    # The form is bound to the copy, as if it had been posted, but nothing is saved until Save.
                    request.autosave_restoring = autosave.as_form_data(copy)
                    form_url = form_url or reverse("admin:articles_article_change", args=[article.pk])
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        restored = getattr(request, "autosave_restoring", None)
        if restored is None:
            return form_class

        def __init__(form, data=None, files=None, *args, **kwargs):
            form_class.__init__(form, restored if data is None else data, files, *args, **kwargs)

        return type(form_class.__name__, (form_class,), {"__init__": __init__})

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        restored = getattr(request, "autosave_restoring", None)
        if restored is not None and "data" not in kwargs:
            kwargs["data"] = restored
        return kwargs

    def response_change(self, request, obj):
        # Saved: the copy's changes are in the story now (or were replaced by what the user saved instead).
        autosave.discard(user=request.user, article=obj)
        return super().response_change(request, obj)


def _when(moment) -> str:
    """ "10.42" today, with the date before it on any other day."""
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return formats.time_format(local, "H.i")
    return f"{formats.date_format(local, 'SHORT_DATE_FORMAT')} {formats.time_format(local, 'H.i')}"

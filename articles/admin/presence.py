"""The address the story's change form tells "still here" and "left" to (static/newsroom/presence.js), so "also open
by" shows who has the story open now, not who opened it in the last minutes. The rules: articles.services.presence."""

from __future__ import annotations

from django.contrib.admin.utils import unquote
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from articles.services import presence


class StoryPresenceMixin:
    def get_urls(self):
        return [
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(self.presence_view),
                name="articles_article_presence",
            ),
            *super().get_urls(),
        ]

    @method_decorator(require_POST)
    def presence_view(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        # Only someone who may edit the story is shown as having it open (as when the form is opened).
        if article is None or not self.has_change_permission(request, article):
            raise Http404
        if request.POST.get("state") == "left":
            presence.left(article.pk, request.user)
        else:
            presence.still_here(article.pk, request.user)
        return HttpResponse(status=204)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id:
            extra_context = {
                **(extra_context or {}),
                "presence_url": reverse("admin:articles_article_presence", args=[unquote(object_id)]),
                "presence_heartbeat_ms": int(presence.HEARTBEAT.total_seconds() * 1000),
            }
        return super().changeform_view(request, object_id, form_url, extra_context)

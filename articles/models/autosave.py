"""A draft copy of a story's change form, kept for one user while they edit, never over the story itself."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StoryAutosave(models.Model):
    """What one user's change form of one story last held, saved every half minute while it had unsaved changes
    (articles.services.autosave). Offered back when they open the story again; gone once they save or discard it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="autosaves", verbose_name=_("story")
    )
    # The posted fields as lists of values (a QueryDict's lists), so the form can be bound to them again.
    data = models.JSONField(_("form fields"))
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("unsaved changes copy")
        verbose_name_plural = _("unsaved changes copies")
        constraints = [models.UniqueConstraint(fields=["user", "article"], name="one_autosave_per_user_and_story")]

    def __str__(self) -> str:
        return f"{self.article_id} / {self.user_id} @ {self.saved_at:%Y-%m-%d %H:%M}"

"""The people who make a story: contributors who write and shoot it, and their bylines. Sources are in sources.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.choices import BylineRole
from articles.models.text_fields import StripsControlCharacters


class RemembersLoadedName(StripsControlCharacters):
    """Keeps the name a record was loaded with (Django's documented ``from_db`` hook), so a save can tell a rename —
    which makes the search index wrong — without reading the row again (articles/signals.py)."""

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "name" in field_names:
            instance._loaded_name = values[field_names.index("name")]
        return instance


class Contributor(RemembersLoadedName):
    """Someone who can appear in a byline. Guest writers and freelance photographers need no user account."""

    name = models.CharField(_("name"), max_length=120, help_text=_("As printed in bylines, e.g. “Dwi Arif”."))
    slug = models.SlugField(_("slug"), max_length=120, unique=True, help_text=_("Used in the contributor's page."))
    title = models.CharField(
        _("title"), max_length=120, blank=True, help_text=_("Job title, e.g. “Reporter” or “Fotografer”.")
    )
    bio = models.TextField(_("short bio"), blank=True, help_text=_("Two or three sentences shown on their page."))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributor",
        verbose_name=_("user account"),
        help_text=_("Leave empty for guest contributors who do not log in."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")
        # A contributor's account may edit every draft the contributor is bylined on, so linking one is an
        # editor's decision, not part of keeping the list of names tidy.
        permissions = [("link_contributor_account", _("Can link a contributor to a user account"))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:contributor", kwargs={"slug": self.slug})


class Byline(models.Model):
    """One contributor's credit on one story. A story has several, shown as one line in their order."""

    Role = BylineRole

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="bylines", verbose_name=_("story")
    )
    contributor = models.ForeignKey(
        Contributor, on_delete=models.PROTECT, related_name="bylines", verbose_name=_("contributor")
    )
    role = models.CharField(_("role"), max_length=12, choices=BylineRole.choices, default=BylineRole.REPORTER)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are named first."))

    class Meta:
        ordering = ["article", "order"]
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "order"],
                name="byline_unique_order_per_article",
                violation_error_message=_("Two bylines of this story have the same order."),
            ),
            models.UniqueConstraint(
                fields=["article", "contributor", "role"],
                name="byline_unique_contributor_role",
                violation_error_message=_("This contributor already has this role on the story."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contributor} ({self.get_role_display()})"

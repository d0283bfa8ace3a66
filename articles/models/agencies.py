"""The agencies and outlets the photo desk takes pictures from, with what their pictures may be used for.

The desk keeps this table; an upload whose credit or IPTC Source names an agency (its name or one of its aliases)
gets the agency's licence and usage terms (articles/services/agencies.py), so an AP picture is never filed as a
staff photo because nobody changed the default.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.choices import LicenceType
from articles.models.text_fields import StripsControlCharacters


class Agency(StripsControlCharacters):
    name = models.CharField(_("name"), max_length=120, unique=True, help_text=_("e.g. “ANTARA”, “Associated Press”."))
    credit_name = models.CharField(
        _("name in credits"),
        max_length=120,
        blank=True,
        help_text=_("How a credit names the agency, e.g. “ANTARA FOTO” or “AP”. Leave empty to use the name."),
    )
    aliases = models.TextField(
        _("aliases"),
        blank=True,
        help_text=_("Other spellings found in credits and in the files' Source field, one per line, e.g. “AP Photo”."),
    )
    licence_type = models.CharField(
        _("licence"), max_length=10, choices=LicenceType.choices, default=LicenceType.AGENCY
    )
    usage_terms = models.TextField(
        _("usage terms"),
        blank=True,
        help_text=_("Given to each new photo from this agency, e.g. “Editorial use only”."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name

    @property
    def name_in_credits(self) -> str:
        return self.credit_name or self.name

    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

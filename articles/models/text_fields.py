"""Text the models keep: no control characters, whatever path the text came by.

A control character pasted into a headline (``\\x0b`` from a word processor, C1 leftovers of a wrong encoding) is
invisible on the page but breaks every XML document the text goes into — feeds, sitemaps — and a lone surrogate
cannot even be stored. So every text field of the newsroom's models loses them (articles/text/xml_chars.py says
which) at both doors:

- when a record is validated (``full_clean``, which admin forms run): ``StripsControlCharacters.clean_fields``, so the
  form checks — lengths, uniqueness — see the text that will be stored;
- when any record of the app is saved, by any code (a form, an import, a service, a shell): a ``pre_save`` receiver
  (articles/signals.py) calls ``strip_control_characters``. A receiver rather than a ``save()`` override: it reaches
  every model of the app, a new one included, and taggit's tags, without each class having to remember it.

``QuerySet.update()`` and ``bulk_create`` send no signal; the feeds and sitemaps write XML-safe text anyway.
"""

from __future__ import annotations

from django.db import models

from articles.text.xml_chars import without_control_characters


def strip_control_characters(instance: models.Model) -> None:
    """Clean every loaded text field of ``instance`` in place (deferred fields are left unloaded)."""
    deferred = instance.get_deferred_fields()
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or field.attname in deferred:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            cleaned = without_control_characters(value)
            if cleaned != value:
                setattr(instance, field.attname, cleaned)


class StripsControlCharacters(models.Model):
    """For the models editors fill in through forms: validation sees the text as it will be stored."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None) -> None:
        strip_control_characters(self)
        super().clean_fields(exclude=exclude)

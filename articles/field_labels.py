"""Fields named the way the form names them: messages list the labels an editor sees, in the active language, never
the names in the code (``publish_at``, ``credit``)."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import get_text_list
from django.utils.translation import gettext as _


def field_label(model: type[models.Model], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        # Not a model field (a form-only field): its name in words is still better than an identifier.
        return name.replace("_", " ")


def field_labels(model: type[models.Model], names) -> str:
    """“credit, source / agency and licence”: the fields' labels as one list in the active language."""
    return get_text_list([field_label(model, name) for name in names], _("and"))

"""The record: every change a reader can see, every change of access and every refused attempt is an audit entry.

``record_change`` is the one way in for a change of fields — the photo desk, the front page, the group admin and the
quote desk all call it — and ``record_refusal`` lists an attempt that was refused. An entry keeps what changed as data,
``{field name: [before, after]}`` in display strings, so it still reads right after the record changes again or is
deleted; ``describe_changes`` and ``describe_states`` say it in words in the language of whoever reads the log, which is
why field names and state codes are stored and their labels looked up only when shown.
"""

from __future__ import annotations

from datetime import date, datetime

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from articles.models import AuditEntry

Action = AuditEntry.Action

# The models whose changes the desk audits: what the audit log's type filter offers.
AUDITED_MODELS = (
    "articles.Article",
    "articles.Photo",
    "articles.FrontPagePin",
    "articles.BreakingNews",
    "articles.Quote",
    settings.AUTH_USER_MODEL,
    "auth.Group",
    "articles.Contributor",
    "articles.Source",
)

# The fields of each model whose change readers see (or, for a group, whose change is everyone's access in it).
AUDITED_FIELDS = {
    "articles.photo": (
        "image",
        "caption",
        "alt_text",
        "credit",
        "photographer",
        "source",
        "copyright_notice",
        "licence_type",
        "usage_terms",
        "rights_expire_at",
    ),
    "articles.articlephoto": ("photo", "order", "caption"),
    "articles.frontpagepin": ("article", "slot", "section", "order", "pinned_until"),
    "articles.breakingnews": ("text", "article", "starts_at", "ends_at"),
    "articles.quote": ("text", "source", "speaker_title", "status", "is_pull_quote", "is_paraphrase"),
    "auth.group": ("name", "permissions"),
}

# Entries on a story about one of its parts: their field names are the part's, not the story's.
PART_FIELDS_OF: dict[str, str] = {Action.PLACEMENT_CHANGED: "articles.ArticlePhoto"}

# Which field holds the state that ``from_state`` and ``to_state`` name, per audited model.
STATE_FIELDS = {
    "articles.article": "status",
    "articles.photo": "credit_status",
    "articles.quote": "status",
    "articles.source": "status",
}

NOTHING = "—"
SHOWN_LENGTH = 300


def values_of(instance: models.Model, fields: tuple[str, ...] | None = None) -> dict:
    """The values to pass as ``before`` or ``after``: ``fields`` of ``instance`` (by default the ones audited for its
    model, AUDITED_FIELDS), a many-to-many field as the list of its records."""
    fields = fields or AUDITED_FIELDS[instance._meta.label_lower]
    values = {}
    for name in fields:
        if instance._meta.get_field(name).many_to_many:
            # Joined with what the records' names are made of (a permission names its content type) in one query.
            values[name] = list(getattr(instance, name).select_related()) if instance.pk else []
        else:
            values[name] = getattr(instance, name)
    return values


def record_change(
    *, target: models.Model, action: str, user, before: dict, after: dict, note: str = ""
) -> AuditEntry | None:
    """Write an audit entry of what changed on ``target``, or nothing (None) when no value differs.

    ``before`` and ``after`` map field names of ``target``'s model to values: anything — a record, a time, a choice's
    code, a file, a list or queryset for a many-to-many field — is kept as a display string (a record by its name, a
    time in newsroom time to the minute, a list as sorted names); a field missing on one side counts as empty, so an
    addition is ``before={}`` and a deletion ``after={}`` (record a deletion before deleting: the entry keeps the id).
    Only fields whose display strings differ are kept, as ``entry.changes = {field: [before, after]}``; the admin shows
    them with the fields' translated labels and choices (``describe_changes``). ``action`` is an AuditEntry.Action,
    ``user`` the person who made the change (None, or anonymous, for a command), ``note`` free text kept beside.

    ``values_of(instance)`` gives the values to pass. Call it inside the transaction that saves the change, so the
    entry and the change are kept or lost together.
    """
    changes = {}
    for name in dict.fromkeys([*after, *before]):
        old, new = _as_text(before.get(name)), _as_text(after.get(name))
        if isinstance(old, list) or isinstance(new, list):
            old, new = old or [], new or []
        if old != new:
            changes[name] = [old, new]
    if not changes:
        return None
    return AuditEntry.record(target=target, action=action, user=user, note=note, changes=changes)


def record_refusal(
    *, target: models.Model, user, message: str, from_state: str = "", to_state: str = ""
) -> AuditEntry | None:
    """List an attempt on ``target`` that was refused, with the refusal's message; anonymous requests are not listed.

    Call it once the refused work's transaction has been rolled back (after its ``atomic`` block), so the entry is
    written on its own and survives; ``from_state`` and ``to_state`` say which move was attempted, if any.
    """
    if user is None or not user.is_authenticated:
        return None
    return AuditEntry.record(
        target=target, action=Action.REFUSED, user=user, from_state=from_state, to_state=to_state, note=str(message)
    )


def describe_changes(entry: AuditEntry) -> list[str]:
    """One line per changed field, in the active language: “Caption: “old” → “new””; for a list, what was added and
    removed."""
    fields_of = _fields_model(entry)
    lines = []
    # In the form's order: PostgreSQL's jsonb keeps no key order.
    order = {field.name: position for position, field in enumerate(fields_of._meta.get_fields())} if fields_of else {}
    changes = sorted((entry.changes or {}).items(), key=lambda item: (order.get(item[0], len(order)), item[0]))
    for name, (before, after) in changes:
        field = _field(fields_of, name)
        label = capfirst(field.verbose_name) if field is not None else capfirst(name.replace("_", " "))
        if isinstance(before, list) or isinstance(after, list):
            before, after = before or [], after or []
            pieces = []
            if added := [item for item in after if item not in before]:
                pieces.append(_("added %(items)s") % {"items": ", ".join(_quoted(item) for item in added)})
            if removed := [item for item in before if item not in after]:
                pieces.append(_("removed %(items)s") % {"items": ", ".join(_quoted(item) for item in removed)})
            lines.append(_("%(field)s: %(changes)s") % {"field": label, "changes": "; ".join(pieces)})
        else:
            lines.append(
                _("%(field)s: %(before)s → %(after)s")
                % {"field": label, "before": _shown(field, before), "after": _shown(field, after)}
            )
    return lines


def describe_states(entry: AuditEntry) -> str:
    """“Draft → In review”: the states an entry names, by their labels in the active language ("" when none)."""
    if not entry.from_state and not entry.to_state:
        return ""
    return f"{state_label(entry, entry.from_state) or NOTHING} → {state_label(entry, entry.to_state) or NOTHING}"


def state_label(entry: AuditEntry, code: str) -> str:
    model = _model(entry)
    name = STATE_FIELDS.get(model._meta.label_lower) if model is not None else None
    if not code or name is None:
        return code
    return str(_choices(model._meta.get_field(name)).get(code, code))


def audited_content_types() -> dict[type[models.Model], ContentType]:
    """The content types of AUDITED_MODELS (from Django's content-type cache after the first call)."""
    return ContentType.objects.get_for_models(*(apps.get_model(label) for label in AUDITED_MODELS))


# --- helpers ---------------------------------------------------------------------------------------------------


def _as_text(value) -> str | list[str]:
    if value is None:
        return ""
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value, timezone.get_default_timezone())
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset | models.QuerySet):
        return sorted(str(_as_text(item)) for item in value)
    if isinstance(value, models.Model | Promise):
        return str(value)
    # A bool stays "True"/"False" and a choice its code: describe_changes words them in the reader's language.
    return str(value)


def _model(entry: AuditEntry):
    return entry.content_type.model_class() if entry.content_type_id else None


def _fields_model(entry: AuditEntry):
    part = PART_FIELDS_OF.get(entry.action)
    return apps.get_model(part) if part else _model(entry)


def _field(model, name: str):
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since the entry was written: its name is shown
        return None
    return field if hasattr(field, "verbose_name") else None


def _choices(field) -> dict:
    return {str(code): label for code, label in field.flatchoices}


def _shown(field, value: str) -> str:
    if value == "":
        return NOTHING
    if field is not None and field.choices:
        value = _choices(field).get(value, value)
    elif isinstance(field, models.BooleanField):
        value = {"True": _("yes"), "False": _("no")}.get(value, value)
    return _quoted(value)


def _quoted(value) -> str:
    return f"“{Truncator(str(value)).chars(SHOWN_LENGTH)}”"

"""What a backup holds, and a fingerprint of it that does not depend on the database it was read from.

Every table is kept except the few that ``migrate`` makes again or that would be wrong on another site (``LEFT_OUT``,
each with its reason). ``content_digests`` hashes every kept model's rows in a canonical form — foreign keys to
content types and permissions by name (their ids differ between databases), datetimes in UTC, JSON with sorted keys,
many-to-many links as (row, target) pairs — so the same content gives the same digest on SQLite and on PostgreSQL.
The backup records the digests; the restore computes them again on what it loaded and refuses to commit on any
difference.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
import uuid
from typing import Any

from django.apps import apps
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import ForeignKey, Model

# model label (lower case) → why it is not in the archive.
LEFT_OUT = {
    "contenttypes.contenttype": "made again by migrate; the archive names kinds of record by app and model",
    "auth.permission": "made again by migrate; the archive names permissions by app and codename",
    "sessions.session": "sign-ins end with a restore: a session of user N must never sign someone in on another site",
    "articles.publicpagesversion": "the key of cached pages, not content: the restore moves it on instead",
    "axes.accessattempt": "running lockout counters, which expire within minutes (the sign-in log is kept)",
    "axes.accessattemptexpiration": "running lockout counters, which expire within minutes (the sign-in log is kept)",
}

# Rows a freshly migrated database already has in the kept tables: none today. A database with any kept row is
# "not empty" for ``restore``.


def kept_models() -> list[type[Model]]:
    """The models whose rows go into a backup, in a stable order."""
    models = [model for model in apps.get_models() if model._meta.label_lower not in LEFT_OUT]
    return sorted(models, key=lambda model: model._meta.label_lower)


def row_counts(using: str = "default") -> dict[str, int]:
    return {model._meta.label_lower: model._base_manager.using(using).count() for model in kept_models()}


def describe(counts: dict[str, int]) -> str:
    """Counts in the admin's words with each model's label: "58 stories (articles.article), 5 users (auth.user)"."""
    return ", ".join(
        f"{count:,} {apps.get_model(label)._meta.verbose_name_plural} ({label})" for label, count in counts.items()
    )


def applied_migrations(using: str = "default") -> dict[str, list[str]]:
    """The migrations applied to the database, per app: a restore needs the same schema as the backup's."""
    applied: dict[str, list[str]] = {}
    for app_label, name in MigrationRecorder(connections[using]).applied_migrations():
        applied.setdefault(app_label, []).append(name)
    return {app_label: sorted(names) for app_label, names in sorted(applied.items())}


def content_digests(using: str = "default") -> dict[str, dict]:
    """Per kept model: how many rows, and a SHA-256 of their canonical field values (order of rows irrelevant)."""
    names = _names_of_referenced_rows(using)
    return {model._meta.label_lower: _model_digest(model, using, names) for model in kept_models()}


def _names_of_referenced_rows(using: str) -> dict[str, dict]:
    """Content types and permissions by id → by name: the parts of a row that must not depend on the database."""
    content_type = apps.get_model("contenttypes", "ContentType")
    permission = apps.get_model("auth", "Permission")
    kinds = {
        pk: f"{app}.{model}"
        for pk, app, model in content_type.objects.using(using).values_list("pk", "app_label", "model")
    }
    permissions = {
        pk: f"{kinds.get(ct)}.{codename}"
        for pk, ct, codename in permission.objects.using(using).values_list("pk", "content_type", "codename")
    }
    return {"contenttypes.contenttype": kinds, "auth.permission": permissions}


def _model_digest(model: type[Model], using: str, names: dict[str, dict]) -> dict:
    fields = list(model._meta.concrete_fields)
    renamed = {
        index: names[_label(field.related_model)]
        for index, field in enumerate(fields)
        if isinstance(field, ForeignKey) and _label(field.related_model) in names
    }
    row_hashes = []
    rows = model._base_manager.using(using).values_list(*[field.attname for field in fields])
    for row in rows.iterator(chunk_size=2000):
        values = [renamed[index].get(value, value) if index in renamed else value for index, value in enumerate(row)]
        row_hashes.append(_hash(values))
    row_count = len(row_hashes)  # the rows just read: no second query, and the same snapshot as the hash
    for field in model._meta.many_to_many:
        through: Any = field.remote_field.through
        if not through._meta.auto_created:
            continue  # an explicit model (django-taggit's TaggedItem): hashed as a model of its own
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        target_names = names.get(_label(field.related_model), {})
        links = through._base_manager.using(using).values_list(f"{source}_id", f"{target}_id")
        for source_id, target_id in links.iterator(chunk_size=2000):
            row_hashes.append(_hash([field.name, source_id, target_names.get(target_id, target_id)]))
    row_hashes.sort()
    digest = hashlib.sha256()
    for row_hash in row_hashes:
        digest.update(row_hash)
    return {"rows": row_count, "sha256": digest.hexdigest()}


def _label(model: Any) -> str:
    return model._meta.label_lower


def _hash(values: list) -> bytes:
    text = json.dumps(values, default=_canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).digest()


def _canonical(value):
    """A JSON form of the values json cannot write, the same whichever database returned them."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return str(value.normalize())
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    raise TypeError(f"cannot fingerprint a {type(value).__name__}")

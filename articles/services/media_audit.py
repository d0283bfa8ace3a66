"""What ``manage.py media_audit`` checks: files in the media storage that no row points at (orphans), and rows that
point at a file the storage does not have.

Orphans are what a crash between writing a file and committing its row leaves (``articles.services.photo_files``
removes the file when the transaction rolls back, but a killed worker rolls back without running any code), and the
old file of a photo whose image was replaced or whose row was deleted. Only the storage API is used (``listdir``,
``exists``, ``get_modified_time``, ``delete``), so any Django storage that can list its files works.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.core.files.storage import Storage
from django.db import models
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class OrphanFile:
    name: str
    modified: datetime | None  # None: the storage cannot tell, so the file is never old enough to remove

    def older_than(self, moment: datetime) -> bool:
        return self.modified is not None and self.modified < moment


@dataclass(frozen=True)
class MissingFile:
    """A row whose file field names a file the storage does not have."""

    row: models.Model
    field_name: str
    name: str

    @property
    def admin_url(self) -> str:
        opts = self.row._meta
        try:
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.row.pk])
        except NoReverseMatch:
            return ""


@dataclass
class MediaReport:
    orphans: list[OrphanFile] = field(default_factory=list)
    missing: list[MissingFile] = field(default_factory=list)


def stored_files(storage: Storage, *, skip: tuple[str, ...] = (), folder: str = "") -> Iterator[str]:
    """Every file name in ``storage`` under ``folder``, except hidden ones (``.gitkeep``) and those under ``skip``."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # no media folder yet: no files
        return
    for name in sorted(files):
        path = f"{folder}{name}"
        if not name.startswith(".") and not path.startswith(skip):
            yield path
    for name in sorted(folders):
        path = f"{folder}{name}/"
        if not name.startswith(".") and not path.startswith(skip):
            yield from stored_files(storage, skip=skip, folder=path)


def file_fields(storage: Storage) -> Iterator[tuple[type[models.Model], models.FileField]]:
    """Every file field of every installed model that keeps its files in ``storage``."""
    for model in apps.get_models():
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField) and model_field.storage is storage:
                yield model, model_field


def audit_media(storage: Storage, *, skip: tuple[str, ...] = ()) -> MediaReport:
    """Orphan files and rows with missing files. The files are listed before the rows are read: a file whose row
    commits in between is then seen as referenced, or else is too recent to be removed (see ``remove_orphans``)."""
    files = set(stored_files(storage, skip=skip))
    referenced: set[str] = set()
    report = MediaReport()
    for model, model_field in file_fields(storage):
        rows = model._default_manager.exclude(**{model_field.attname: ""}).exclude(**{model_field.attname: None})
        missing_pks = []
        for pk, name in rows.values_list("pk", model_field.attname).iterator():
            referenced.add(name)
            if name not in files and not storage.exists(name):
                missing_pks.append(pk)
        for row in model._default_manager.filter(pk__in=missing_pks).order_by("pk"):
            report.missing.append(
                MissingFile(row=row, field_name=model_field.name, name=getattr(row, model_field.attname).name)
            )
    for name in sorted(files - referenced):
        report.orphans.append(OrphanFile(name=name, modified=_modified_time(storage, name)))
    return report


def remove_orphans(storage: Storage, orphans: list[OrphanFile], *, older_than: datetime) -> tuple[list[str], list[str]]:
    """Remove the orphans last written before ``older_than`` (younger ones may be uploads whose row has not committed
    yet). Returns the names removed and the names that could not be removed."""
    removed, failed = [], []
    for orphan in orphans:
        if not orphan.older_than(older_than):
            continue
        try:
            storage.delete(orphan.name)
        except OSError:
            failed.append(orphan.name)
        else:
            removed.append(orphan.name)
    return removed, failed


def _modified_time(storage: Storage, name: str) -> datetime | None:
    try:
        return storage.get_modified_time(name)
    except (NotImplementedError, OSError):
        return None

"""Restoring a backup: all of it or nothing.

Order of work, each step refusing before anything is changed when it can:

1. the archive is unpacked and checked against its manifest (articles/backups/archive.py);
2. the database's migrations must be the backup's, and the database must hold no content (``--force`` replaces it);
3. in one transaction: the kept tables are emptied, the rows loaded (``loaddata``, which also moves the id
   sequences on) and their digests compared with the manifest's, the media files written, the search index rebuilt
   and the cached public pages made stale; the files are removed again (or the ones they replaced put back) if
   anything fails, the commit included;
4. after the commit, PostgreSQL's planner statistics are refreshed (``ANALYZE``).

Media files already in the storage with the same content are left as they are; files the backup does not list are
left too (``manage.py media_audit`` reports them).
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.utils.translation import gettext as _

from articles import search
from articles.backups import contents
from articles.backups.archive import BackupError, open_archive, sha256_of_stream
from articles.cache import invalidate_pages
from newsroom.db.statistics import refresh_planner_statistics

logger = logging.getLogger(__name__)


class DatabaseNotEmpty(BackupError):
    """The database holds content and ``--force`` was not given; ``content`` says what it holds."""

    def __init__(self, content: dict[str, int]):
        self.content = content
        listed = contents.describe(content)
        super().__init__(
            _(
                "This database is not empty: it holds %(listed)s. A restore replaces all of it (and media files "
                "of the same names), so nothing was changed. Run it again with --force to replace it."
            )
            % {"listed": listed}
        )


@dataclass
class RestoreSummary:
    rows: dict[str, int]
    replaced: dict[str, int]
    files_written: int = 0
    files_unchanged: int = 0
    file_bytes: int = 0
    indexed: int = 0
    analyzed: bool = False
    created_at: str = ""


def existing_content() -> dict[str, int]:
    """The kept models that have rows in this database, with how many."""
    return {label: count for label, count in contents.row_counts().items() if count}


def restore_backup(path: Path, *, force: bool = False, storage: Storage | None = None) -> RestoreSummary:
    storage = storage or default_storage
    with open_archive(path) as opened:
        manifest = opened.manifest
        _check_migrations(manifest["migrations"])
        summary = RestoreSummary(
            rows={label: entry["rows"] for label, entry in manifest["models"].items() if entry["rows"]},
            replaced={},
            created_at=manifest.get("created_at", ""),
        )
        with MediaRestore(storage) as media, transaction.atomic():
            # Looked at inside the transaction that empties the tables, so nothing saved meanwhile is lost unseen.
            summary.replaced = existing_content()
            if summary.replaced and not force:
                raise DatabaseNotEmpty(summary.replaced)
            _empty_kept_tables()
            _load(opened.data)
            _check_loaded(manifest["models"])
            for entry in manifest["files"]:
                media.put(entry["name"], opened.media_path(entry["name"]), entry["sha256"])
            summary.indexed = search.rebuild_index()
            invalidate_pages()  # pages cached from the content this replaced must never be served again
        summary.files_written, summary.files_unchanged = len(media.written), media.unchanged
        summary.file_bytes = sum(entry["size"] for entry in manifest["files"])
    summary.analyzed = refresh_planner_statistics()
    return summary


def _check_migrations(expected: dict[str, list[str]]) -> None:
    applied = contents.applied_migrations()
    if applied == expected:
        return
    flat_expected = {f"{app}.{name}" for app, names in expected.items() for name in names}
    flat_applied = {f"{app}.{name}" for app, names in applied.items() for name in names}
    if not flat_applied:
        raise BackupError(_("This database has no tables yet: run `manage.py migrate` first, then restore."))
    lacking = sorted(flat_expected - flat_applied)
    extra = sorted(flat_applied - flat_expected)
    problems = []
    if lacking:
        problems.append(
            _(
                "this database lacks migrations the backup has (%(names)s): run `manage.py migrate` with the Newsroom "
                "version that made the backup"
            )
            % {"names": ", ".join(lacking[:5])}
        )
    if extra:
        problems.append(
            _(
                "this database has migrations the backup lacks (%(names)s): restore with the Newsroom version that "
                "made the backup, then update and migrate"
            )
            % {"names": ", ".join(extra[:5])}
        )
    raise BackupError(
        _("The backup was made with another database schema: %(problems)s. Nothing was restored.")
        % {"problems": "; ".join(problems)}
    )


def _empty_kept_tables() -> None:
    """Every table the backup fills, emptied (with its id sequence) in the restore's transaction."""
    left_out = {
        apps.get_model(label)._meta.db_table
        for label in contents.LEFT_OUT
        if label != "sessions.session"  # the sign-ins of the replaced content end too
    }
    tables = sorted(set(connection.introspection.django_table_names(only_existing=True)) - left_out)
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=False)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TRUNCATE refuses a table with foreign-key checks still pending from earlier writes in the same
            # transaction (a restore inside a caller's transaction): run them now, and defer again afterwards.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for statement in statements:
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _load(data: Path) -> None:
    try:
        call_command("loaddata", str(data), verbosity=0)
    except (DeserializationError, DatabaseError, CommandError, ValueError) as error:
        raise BackupError(
            _("The backup's rows could not be loaded into this database (%(error)s). Nothing was restored.")
            % {"error": str(error).splitlines()[0] if str(error) else error.__class__.__name__}
        ) from None


def _check_loaded(expected: dict[str, dict]) -> None:
    """What is now in the database is exactly what was backed up, row for row."""
    loaded = contents.content_digests()
    differing = sorted(label for label in set(expected) | set(loaded) if expected.get(label) != loaded.get(label))
    if differing:
        details = ", ".join(
            _difference(label, expected.get(label, {}), loaded.get(label, {})) for label in differing[:5]
        )
        raise BackupError(
            _("The restored rows differ from the backup's: %(details)s. Nothing was restored.") % {"details": details}
        )


def _difference(label: str, expected: dict, loaded: dict) -> str:
    if expected.get("rows", 0) == loaded.get("rows", 0):
        return _("%(label)s: same %(rows)s rows, different values") % {"label": label, "rows": expected.get("rows", 0)}
    return _("%(label)s: %(expected)s rows in the backup, %(loaded)s loaded") % {
        "label": label,
        "expected": expected.get("rows", 0),
        "loaded": loaded.get("rows", 0),
    }


@dataclass
class MediaRestore:
    """Media files written during the restore, undone if it fails: new files removed, replaced ones put back."""

    storage: Storage
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    _replaced: dict[str, Path] = field(default_factory=dict)
    # Copies of the files a restore replaces, to put back if it fails; removed when the restore ends.
    _keep: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="newsroom-replaced-media-")))

    def __enter__(self) -> MediaRestore:
        return self

    def put(self, name: str, source: Path, sha256: str) -> None:
        try:
            if self.storage.exists(name):
                if self._storage_sha256(name) == sha256:
                    self.unchanged += 1
                    return
                self._set_aside(name)
            with source.open("rb") as stream:
                saved = self.storage.save(name, File(stream, name=name))
            self.written.append(saved)
        except OSError as error:
            raise BackupError(
                _("The media file %(name)s could not be written (%(error)s). Nothing was restored.")
                % {"name": name, "error": error}
            ) from None
        if saved != name:
            raise BackupError(
                _("The media storage saved %(name)s under another name (%(saved)s). Nothing was restored.")
                % {"name": name, "saved": saved}
            )

    def __exit__(self, exc_type, exc, tb) -> None:
        left = self._undo() if exc_type is not None else []
        if left:
            # Kept for the technical team to put back by hand (the storage refused them too: disk still full?).
            logger.error(
                "Restore failed; these replaced media files could not be put back, copies in %s: %s",
                self._keep,
                ", ".join(left),
            )
        else:
            shutil.rmtree(self._keep, ignore_errors=True)

    def _storage_sha256(self, name: str) -> str:
        with self.storage.open(name, "rb") as stream:
            return sha256_of_stream(stream)

    def _set_aside(self, name: str) -> None:
        copy = self._keep / str(len(self._replaced))
        with self.storage.open(name, "rb") as stream, copy.open("wb") as out:
            shutil.copyfileobj(stream, out)
        self._replaced[name] = copy
        self.storage.delete(name)

    def _undo(self) -> list[str]:
        """Remove what was written, put back what was replaced; the names that could not be put back."""
        left = []
        for name in self.written:
            with contextlib.suppress(OSError):
                self.storage.delete(name)
        for name, copy in self._replaced.items():
            try:
                if self.storage.exists(name):
                    self.storage.delete(name)
                with copy.open("rb") as stream:
                    self.storage.save(name, File(stream, name=name))
            except OSError:
                left.append(f"{name} ({copy.name})")
        return left

"""Making a backup: the database read in one snapshot, then every media file, into one archive written atomically.

The rows come from ``dumpdata --natural-foreign`` — never ``--natural-primary``: django-taggit's tag links share one
natural key per story, so with it every story would keep a single tag (issue 18: 226 links came back as 109).
Primary keys are kept, which is also what django-reversion's versions and the audit entries point at.

The archive is written beside its destination under a temporary name and renamed when complete, so a backup that
fails (disk full, a file that vanished) never leaves a truncated archive under the name a cron job keeps.
"""

from __future__ import annotations

import io
import json
import os
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core import serializers
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.backups import contents, serializer
from articles.backups.archive import DATA, FORMAT, MANIFEST, MEDIA, VERSION, BackupError, HashingReader, sha256_of
from newsroom.db.reading import only_reading

ARCHIVE_SUFFIXES = (".tar.gz", ".tgz")


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    rows: int
    models: int
    files: int
    file_bytes: int
    archive_bytes: int


def archive_path(destination: Path) -> Path:
    """A folder gets a new archive named by the time (UTC); anything else must be a .tar.gz file name."""
    if destination.is_dir():
        return destination / f"newsroom-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
    if not destination.name.endswith(ARCHIVE_SUFFIXES):
        if not destination.exists():
            raise BackupError(_("There is no folder %(path)s; make it first.") % {"path": destination})
        raise BackupError(_("%(path)s is neither a folder nor a .tar.gz file name.") % {"path": destination})
    if not destination.parent.is_dir():
        raise BackupError(_("The folder %(path)s does not exist.") % {"path": destination.parent})
    return destination


def media_names(storage: Storage, folder: str = "") -> list[str]:
    """Every file in the storage, through its API (a folder on disk or an object store alike)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # MEDIA_ROOT not made yet: nothing uploaded
        return []
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        names.extend(media_names(storage, f"{folder}{sub}/"))
    return sorted(names)


def make_backup(destination: Path, *, storage: Storage | None = None) -> BackupSummary:
    storage = storage or default_storage
    path = archive_path(destination)
    handle, partial_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(handle)
    partial = Path(partial_name)
    try:
        with tempfile.TemporaryDirectory(prefix="newsroom-backup-") as workdir:
            data = Path(workdir) / DATA
            manifest = _dump_database(data)
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(data, arcname=DATA)
                manifest["files"] = [_add_media_file(archive, storage, name) for name in media_names(storage)]
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False).encode())
        os.replace(partial, path)
    except OSError as error:
        raise BackupError(
            _("The backup could not be written (%(error)s); no archive was left behind.") % {"error": error}
        ) from None
    finally:
        partial.unlink(missing_ok=True)
    return BackupSummary(
        path=path,
        rows=sum(entry["rows"] for entry in manifest["models"].values()),
        models=sum(1 for entry in manifest["models"].values() if entry["rows"]),
        files=len(manifest["files"]),
        file_bytes=sum(entry["size"] for entry in manifest["files"]),
        archive_bytes=path.stat().st_size,
    )


def _dump_database(data: Path) -> dict:
    """dumpdata and the manifest's description of it, all read in one snapshot of the database."""
    outermost = not connection.in_atomic_block
    with only_reading(), transaction.atomic():  # SQLite: a DEFERRED transaction reads one snapshot, locking nobody
        if connection.vendor == "postgresql" and outermost:
            connection.cursor().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        serializers.register_serializer(serializer.FORMAT, serializer.__name__)
        call_command(
            "dumpdata",
            *[model._meta.label for model in contents.kept_models()],
            format=serializer.FORMAT,
            natural_foreign=True,
            output=str(data),
            verbosity=0,
        )
        return {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": contents.applied_migrations(),
            "models": contents.content_digests(),
            "left_out": contents.LEFT_OUT,
            "data": {"size": data.stat().st_size, "sha256": sha256_of(data)},
        }


def _add_media_file(archive: tarfile.TarFile, storage: Storage, name: str) -> dict:
    try:
        size = storage.size(name)
        with storage.open(name, "rb") as stream:
            reader = HashingReader(stream)
            info = tarfile.TarInfo(f"{MEDIA}/{name}")
            info.size = size
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, reader)
    except FileNotFoundError:
        raise BackupError(
            _("The media file %(name)s disappeared while the backup was made; run the backup again.") % {"name": name}
        ) from None
    except (OSError, tarfile.TarError) as error:
        raise BackupError(
            _("The media file %(name)s could not be read (%(error)s); no archive was left behind.")
            % {"name": name, "error": error}
        ) from None
    if reader.size != size:
        raise BackupError(
            _("The media file %(name)s changed while the backup was made; run the backup again.") % {"name": name}
        )
    return {"name": name, "size": size, "sha256": reader.digest.hexdigest()}


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))

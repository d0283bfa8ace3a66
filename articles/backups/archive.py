"""The backup file: one ``.tar.gz`` holding the database, the media files and a manifest that describes both.

Layout::

    data.json       every kept row (``dumpdata --natural-foreign``: primary keys kept, kinds and permissions by name)
    media/<name>    every file in the media storage, under its storage name
    manifest.json   format and version, when and from which database, the migrations applied, rows and a digest per
                    model (articles/backups/contents.py), data.json's size and SHA-256, every file's size and SHA-256

``open_archive`` unpacks into a temporary folder and checks everything against the manifest before anyone uses it:
an archive that is truncated, damaged, from another format version, or missing a file is refused as a whole.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

FORMAT = "newsroom-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATA = "data.json"
MEDIA = "media"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why in plain words, and nothing was changed."""


def sha256_of(path: Path) -> str:
    with path.open("rb") as stream:
        return sha256_of_stream(stream)


def sha256_of_stream(stream) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


class HashingReader:
    """A file object that hashes and counts what is read through it (a media file on its way into the archive)."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        self.digest.update(chunk)
        self.size += len(chunk)
        return chunk


@dataclass(frozen=True)
class OpenedArchive:
    """A checked archive, unpacked: the manifest, the data file and the folder holding the media files."""

    manifest: dict
    data: Path
    media: Path

    def media_path(self, name: str) -> Path:
        return self.media / name


@contextmanager
def open_archive(path: Path) -> Iterator[OpenedArchive]:
    """Unpack and check an archive; the temporary copy is removed when the block ends."""
    if not path.is_file():
        raise BackupError(_("There is no backup file at %(path)s.") % {"path": path})
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-restore-"))
    try:
        _unpack(path, workdir)
        manifest = _read_manifest(workdir)
        opened = OpenedArchive(manifest=manifest, data=workdir / DATA, media=workdir / MEDIA)
        try:
            _check_contents(opened)
        except (KeyError, TypeError, AttributeError):  # an entry without its name, size or hash
            raise BackupError(_("The backup's manifest.json is incomplete. Nothing was restored.")) from None
        yield opened
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _damaged(path: Path, detail: str) -> BackupError:
    return BackupError(
        _("%(path)s is not a readable Newsroom backup: it is damaged or cut short (%(detail)s). Nothing was restored.")
        % {"path": path, "detail": detail}
    )


def _unpack(path: Path, workdir: Path) -> None:
    try:
        with tarfile.open(path, "r:gz") as archive:
            for member in archive:
                name = PurePosixPath(member.name)
                if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
                    raise _damaged(path, _("unexpected entry %(name)s") % {"name": member.name})
                if member.isdir():
                    continue
                target = workdir.joinpath(*name.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                source = archive.extractfile(member)
                if source is None:
                    raise _damaged(path, _("unreadable entry %(name)s") % {"name": member.name})
                with target.open("wb") as out:
                    shutil.copyfileobj(source, out, CHUNK)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise _damaged(path, str(error) or error.__class__.__name__) from None


def _read_manifest(workdir: Path) -> dict:
    manifest_path = workdir / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(_("This file is not a Newsroom backup: it has no manifest.json. Nothing was restored."))
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(
            _("The backup's manifest.json cannot be read (%(error)s). Nothing was restored.") % {"error": error}
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("This file is not a Newsroom backup (its manifest names no Newsroom format)."))
    if manifest.get("version") != VERSION:
        raise BackupError(
            _(
                "This backup is in format version %(found)s; this Newsroom reads version %(expected)s. Restore it "
                "with the Newsroom version that made it. Nothing was restored."
            )
            % {"found": manifest.get("version"), "expected": VERSION}
        )
    if (
        not isinstance(manifest.get("data"), dict)
        or not all(isinstance(manifest.get(key), dict) for key in ("migrations", "models"))
        or not isinstance(manifest.get("files"), list)
    ):
        raise BackupError(_("The backup's manifest.json is incomplete. Nothing was restored."))
    return manifest


def _check_contents(opened: OpenedArchive) -> None:
    """Every file the manifest lists is there with its size and SHA-256, and nothing else is."""
    expected = {DATA: opened.manifest["data"]}
    expected.update({f"{MEDIA}/{entry['name']}": entry for entry in opened.manifest["files"]})
    workdir = opened.data.parent
    present = {path.relative_to(workdir).as_posix() for path in workdir.rglob("*") if path.is_file()} - {MANIFEST}
    missing = sorted(set(expected) - present)
    if missing:
        raise BackupError(
            ngettext(
                "The backup lacks %(count)d file its manifest lists: %(names)s. Nothing was restored.",
                "The backup lacks %(count)d files its manifest lists, e.g. %(names)s. Nothing was restored.",
                len(missing),
            )
            % {"count": len(missing), "names": ", ".join(missing[:5])}
        )
    extra = sorted(present - set(expected))
    if extra:
        raise BackupError(
            _("The backup holds files its manifest does not list, e.g. %(names)s. Nothing was restored.")
            % {"names": ", ".join(extra[:5])}
        )
    for name, entry in expected.items():
        path = workdir / name
        if path.stat().st_size != entry["size"] or sha256_of(path) != entry["sha256"]:
            raise BackupError(
                _("%(name)s in the backup differs from its manifest (damaged or altered). Nothing was restored.")
                % {"name": name}
            )

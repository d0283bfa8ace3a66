"""Photo files that follow the database transaction, and storage faults told in plain words.

A photo's file has to be in storage before its row is saved (the row holds the file's name and its size is read
from it), so it is written inside the transaction — and removed again when that transaction rolls back, whatever
made it roll back: the photo's own save, the placements saved after it, the audit entry, a failed commit. Django has
no "on rollback" hook, so the block that owns the transaction makes the promise: ``transaction_with_files()`` is
``transaction.atomic()`` plus "files stored inside me go if I roll back". Blocks nest; a nested block that ends well
hands its files to the enclosing one, which decides.

What this cannot cover — a worker killed between the write and the commit, a file stored inside someone else's
plain ``atomic()`` that rolls back later — is left for ``manage.py media_audit``, which finds files no row points at.
"""

from __future__ import annotations

import errno
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.files.storage import Storage
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})
NOT_ALLOWED = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


class StorageFailed(Exception):
    """The media storage could not take a file (disk full, quota used up, no permission, read-only, any other
    ``OSError``). Whoever raised it has removed what was partly written; the transaction around it rolls back."""

    def __init__(self, error: OSError):
        super().__init__(str(error))
        self.error = error

    @property
    def message(self) -> str:
        """What the person uploading reads: what happened, that nothing was saved, and what to do. No server path."""
        if self.error.errno in DISK_FULL:
            return _(
                "The file could not be stored: the server's disk is full (or its quota is used up). Nothing was "
                "saved. Ask the technical team to free some space, then try again."
            )
        if self.error.errno in NOT_ALLOWED:
            return _(
                "The file could not be stored: the server is not allowed to write to its media folder. Nothing was "
                "saved. Ask the technical team to check the media folder's permissions, then try again."
            )
        reason = os.strerror(self.error.errno) if self.error.errno else self.error.__class__.__name__
        return _(
            "The file could not be stored (%(reason)s). Nothing was saved. Try again; if it happens again, tell the "
            "technical team."
        ) % {"reason": reason}


@dataclass
class _Block:
    """One open ``transaction_with_files`` block: the files stored in it, and whether its commit happened."""

    written: list[tuple[Storage, str]] = field(default_factory=list)
    committed: bool = False

    def mark_committed(self) -> None:
        self.committed = True


# Per thread, like Django's database connections: the innermost open block is last.
_local = threading.local()


def _open_blocks() -> list[_Block]:
    if not hasattr(_local, "blocks"):
        _local.blocks = []
    return _local.blocks


@contextmanager
def transaction_with_files(using: str | None = None) -> Iterator[None]:
    """``transaction.atomic(using)`` whose stored files (``store_pending_file``, ``remove_on_rollback``) are removed
    if it rolls back. Also a decorator."""
    block = _Block()
    blocks = _open_blocks()
    blocks.append(block)
    kept = False
    try:
        with transaction.atomic(using=using):
            # Registered first, so in an outermost block it runs before any other hook: a later hook that raises
            # after the commit must not make the files of committed rows go.
            transaction.on_commit(block.mark_committed, using=using, robust=True)
            yield
            kept = not transaction.get_rollback(using=using)
    except BaseException:
        kept = block.committed  # the commit happened and something after it raised: the rows, and files, stay
        raise
    finally:
        blocks.pop()
        if not kept:
            remove_files(block.written)
        elif blocks:
            blocks[-1].written.extend(block.written)


def remove_on_rollback(storage: Storage, name: str) -> None:
    """The file ``name`` was just stored for rows of the open block: it goes if the block rolls back. Outside any
    block it is the caller's own (``media_audit`` finds it if it was left behind)."""
    blocks = _open_blocks()
    if blocks:
        blocks[-1].written.append((storage, name))


def remove_with_source_on_rollback(source: FieldFile, storage: Storage, name: str) -> None:
    """A file made from ``source`` (a rendition) goes with it if ``source`` was stored in an open block that rolls
    back. Renditions of a file stored earlier are never touched: they belong to committed rows."""
    if any(stored == source.name for block in _open_blocks() for _, stored in block.written):
        remove_on_rollback(storage, name)


def store_pending_file(field_file: FieldFile) -> None:
    """Store a file assigned to a model's file field but not in storage yet (an upload), under the name the field
    generates, and make it follow the open ``transaction_with_files`` block. Nothing to do for an empty field or a
    file already stored.

    Raises ``StorageFailed`` when the storage refuses the file, after removing the part of it that was written.
    """
    # ``_committed`` is False exactly for a file assigned but not stored yet: what FileField.pre_save itself checks.
    if not field_file or getattr(field_file, "_committed", True):
        return
    instance, model_field, storage = field_file.instance, field_file.field, field_file.storage
    # The name is chosen here rather than inside storage.save(), so that a failed write's leftover can be found.
    name = model_field.generate_filename(instance, str(field_file.name))
    name = storage.get_available_name(name, max_length=model_field.max_length)
    try:
        stored = storage.save(name, field_file.file, max_length=model_field.max_length)
    except OSError as error:
        logger.warning("Could not store %s: %s", name, error)
        remove_files([(storage, name)])  # a disk that filled up mid-write leaves part of the file
        raise StorageFailed(error) from error
    remove_on_rollback(storage, stored)
    # The stored name, not the upload: the model's save then only writes the name (and ImageField reads the size).
    setattr(instance, model_field.attname, stored)


def remove_files(files: list[tuple[Storage, str]]) -> None:
    """Remove files no row will point at; one that cannot be removed is logged (``media_audit`` reports it)."""
    for storage, name in files:
        try:
            if storage.exists(name):
                storage.delete(name)
        except Exception:
            logger.exception("Could not remove %s, which no row points at", name)

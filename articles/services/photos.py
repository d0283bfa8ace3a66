"""Saving a photo: the one way a photo record is written, whoever writes it (the photo admin, ``import_story``, the
demo seed, the shell, any future API).

``save_photo`` applies the credit rules in one transaction: fill empty credit fields from what the file says, take
a credit typed in the caption out of it, link the photographer the credit names, save, and — for a photo whose
credit was approved — send an edited credit back to the photo desk, audited (``moderation.credit_edited``).

A new file is stored just before the row is saved, inside the transaction, and removed if the transaction rolls back
(``articles.services.photo_files``); a storage fault (disk full, unwritable media folder) raises ``StorageFailed``
with a message for the person uploading, and nothing is saved. Once it commits, the background task makes the new
image's web renditions (``articles.tasks``): the photo desk's queue shows the 320-wide one while the photo is still
pending, and approval no longer waits for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from articles import tasks
from articles.models import Photo
from articles.services import moderation, photo_credits
from articles.services.photo_files import store_pending_file, transaction_with_files

# What saving an edit writes: every column but the renditions task's own (articles/tasks.py).
_EDITABLE_FIELDS = [
    field.name
    for field in Photo._meta.concrete_fields
    if not field.primary_key and field.name not in tasks.RENDITION_FIELDS
]


@dataclass(frozen=True)
class SavedPhoto:
    """What ``save_photo`` did, for the caller to tell the user."""

    photo: Photo
    prefilled: tuple[str, ...] = ()  # fields filled from the file's metadata
    credit_from_caption: bool = False  # a credit typed in the caption was taken out of it
    sent_back: bool = False  # an approved credit was edited and is pending again


def save_photo(
    *, photo: Photo, user, changed_fields: list[str] | None = None, read_metadata: dict | None = None
) -> SavedPhoto:
    """Save ``photo`` (new or edited) with the credit rules applied; returns a ``SavedPhoto``.

    ``read_metadata`` is what ``photo_credits.metadata_from_file`` read from a new image file (None when no new
    file). ``changed_fields`` names the fields the caller changed on an existing photo (a form's
    ``changed_data``); None compares the photo with its stored row, so an edit made in the shell is caught too.

    Raises ``StorageFailed`` when the new file cannot be stored; the transaction is then rolled back.
    """
    with transaction_with_files():
        prefilled = photo_credits.prefill_from_metadata(photo, read_metadata) if read_metadata is not None else []
        from_caption = photo_credits.take_credit_from_caption(photo)
        photo_credits.apply_agency(photo, read_metadata)  # licence and terms of the agency a new photo's credit names
        # A credit naming one contributor links them; naming several links no one, and they wait on the photo as
        # its possible photographers until the desk sets the photographer (which clears them).
        candidates = [] if photo.photographer_id else photo_credits.contributors_for_credit(photo.credit)
        if len(candidates) == 1:
            photo.photographer = candidates[0]
        existing = photo.pk is not None
        if existing and changed_fields is None:
            changed_fields = _changed_credit_fields(photo)
        new_image = not existing or "image" in cast("list[str]", changed_fields) or _is_upload(photo.image)
        store_pending_file(photo.image)  # the caller's enclosing transaction_with_files, if any, decides its fate
        if existing:
            # Every field but the renditions task's: a task that finished while this edit was open keeps its result.
            photo.save(update_fields=_EDITABLE_FIELDS)
        else:
            photo.save()
        photo.credit_candidates.set(candidates if len(candidates) > 1 else [])
        # Asked for whatever the photo's state: a pending photo needs its thumbnail for the desk's queue.
        tasks.request_renditions(photo, new_image=new_image)
        sent_back = existing and moderation.credit_edited(
            photo=photo,
            user=user,
            changed_fields=cast("list[str]", changed_fields),  # set above when existing
        )
    return SavedPhoto(photo=photo, prefilled=tuple(prefilled), credit_from_caption=from_caption, sent_back=sent_back)


def _is_upload(field_file) -> bool:
    """Whether the image field holds a file assigned but not stored yet (what ``store_pending_file`` stores)."""
    return bool(field_file) and not getattr(field_file, "_committed", True)


def _changed_credit_fields(photo: Photo) -> list[str]:
    """The credit fields whose value on ``photo`` differs from its stored row (all of them when none is stored)."""
    stored = Photo.objects.filter(pk=photo.pk).values(*moderation.CREDIT_FIELDS).first()
    if stored is None:
        return list(moderation.CREDIT_FIELDS)
    changed = []
    for name in moderation.CREDIT_FIELDS:
        value = getattr(photo, name)
        if name == "image":
            value = value.name or ""
        if value != (stored[name] or ""):
            changed.append(name)
    return changed

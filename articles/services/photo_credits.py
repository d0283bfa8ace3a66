"""Getting a photo's credit right without retyping it: from the file's metadata, from the caption, and the link
to the photographer's Contributor record."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import cast

from django.db.models import Field
from django.utils import timezone
from PIL import Image

from articles.models import Contributor, Photo
from articles.photos.metadata import read_photo_metadata
from articles.services import agencies
from articles.text.credits import split_credit
from articles.text.names import name_key

# The agency a new photo's credit or Source names gives it its licence and terms (save_photo calls this).
apply_agency = agencies.apply_agency

# Photo field ← what the file says. Only empty fields are filled: what an editor typed always wins.
PREFILLED_FIELDS = ("credit", "source", "copyright_notice", "caption", "usage_terms")


def metadata_from_file(upload) -> dict:
    """The credit fields read from an image file, JSON-ready; ``problems`` lists what could not be read."""
    metadata = read_photo_metadata(upload)
    upload.seek(0)
    # The person credited is the creator (by-line); the credit line names the provider (agency), printed before or
    # after the name as the house style says ("ANTARA FOTO/Budi Santoso"), the agency as the desk's table prints it.
    person, provider = metadata.byline, metadata.credit
    credit = agencies.house_credit(person, provider) or None
    taken = _date_taken(upload)
    expires = metadata.expires
    if isinstance(expires, date) and not isinstance(expires, datetime):
        expires = datetime.combine(expires, time.max)
    if isinstance(expires, datetime) and timezone.is_naive(expires):
        expires = timezone.make_aware(expires)
    return {
        "credit": credit,
        "source": metadata.source or (provider if person else None),
        "copyright_notice": metadata.copyright,
        "caption": metadata.caption,
        "usage_terms": metadata.usage_terms,
        "byline": metadata.byline,
        "provider": provider,
        "date_taken": taken,
        "licence_url": metadata.licence_url,
        "rights_expire_at": expires.isoformat() if expires else None,
        "origins": dict(metadata.origins),
        "problems": list(metadata.problems),
    }


def original_filename(name: str | None) -> str:
    """The name the file had on the uploader's computer, for search: no folders (some browsers send a path),
    cut to the field's length, keeping the extension."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    limit = cast(Field, Photo._meta.get_field("original_filename")).max_length or 255
    if len(base) <= limit:
        return base
    stem, dot, extension = base.rpartition(".")
    extension = dot + extension if dot and len(extension) <= 10 else ""
    return (stem if extension else base)[: limit - len(extension)] + extension


def _date_taken(upload) -> str | None:
    """When the picture was taken (EXIF DateTimeOriginal, camera time with no zone) as ISO text; None if unknown."""
    try:
        with Image.open(upload) as image:  # reads the header only: no pixels are decoded
            raw = image.getexif().get_ifd(0x8769).get(0x9003)
        taken = datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S") if raw else None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):  # not an image Pillow reads, a bad date
        taken = None
    finally:
        upload.seek(0)
    return taken.isoformat() if taken else None


def prefill_from_metadata(photo: Photo, read: dict) -> list[str]:
    """Fill the photo's empty credit fields from what the file says; returns the fields filled."""
    photo.file_metadata = read
    filled = []
    for field_name in PREFILLED_FIELDS:
        value = read.get(field_name)
        if value and not getattr(photo, field_name):
            limit = cast(Field, Photo._meta.get_field(field_name)).max_length
            setattr(photo, field_name, value[:limit] if limit else value)
            filled.append(field_name)
    if read.get("rights_expire_at") and photo.rights_expire_at is None:
        photo.rights_expire_at = datetime.fromisoformat(read["rights_expire_at"])
        filled.append("rights_expire_at")
    return filled


def take_credit_from_caption(photo: Photo) -> bool:
    """“… Foto: Dwi Arif” typed in the caption becomes credit “Dwi Arif” and a clean caption (when no credit yet)."""
    parsed = split_credit(photo.caption or "")
    if not parsed.credit:
        return False
    photo.caption = parsed.caption
    if not photo.credit:
        photo.credit = parsed.credit[:200]
    return True


def credit_name_keys(credit: str) -> set[str]:
    """The name keys a credit's parts could match (“ANTARA FOTO/Dwi Arif” → “antara foto”, “dwi arif”)."""
    return {name_key(part) for part in (credit or "").split("/")} - {""}


def contributors_for_credit(credit: str) -> list[Contributor]:
    """Every contributor a credit names (“Dwi Arif”, “ANTARA FOTO/Dwi Arif”, “Dwi Arif/Reuters”), ignoring case,
    spacing and accents, by id: two records with the same name are both returned, for the desk to choose."""
    keys = credit_name_keys(credit)
    if not keys:
        return []
    # Contributors are a few hundred at most; folding names in Python keeps one rule for accents everywhere.
    return [c for c in Contributor.objects.only("pk", "name").order_by("pk") if name_key(c.name) in keys]


def photographer_for_credit(credit: str) -> Contributor | None:
    """The one contributor a credit names; None when it names nobody or several (``contributors_for_credit``)."""
    matches = contributors_for_credit(credit)
    return matches[0] if len(matches) == 1 else None

"""Getting a photo's credit right without retyping it: from the file's metadata, from the caption, and the link
to the photographer's Contributor record."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import cast

from django.db.models import Field
from django.utils import timezone

from articles.models import Contributor, Photo
from articles.photos.metadata import read_photo_metadata
from articles.text.credits import split_credit
from articles.text.names import name_key

# Photo field ← what the file says. Only empty fields are filled: what an editor typed always wins.
PREFILLED_FIELDS = ("credit", "source", "copyright_notice", "caption", "usage_terms")


def metadata_from_file(upload) -> dict:
    """The credit fields read from an image file, JSON-ready; ``problems`` lists what could not be read."""
    metadata = read_photo_metadata(upload)
    upload.seek(0)
    # The person credited is the creator (by-line); the credit line names the provider (agency), which house style
    # prints after a slash: "Jane Doe/Reuters".
    person, provider = metadata.byline, metadata.credit
    credit: str | None
    if person and provider and name_key(provider) not in name_key(person):
        credit = f"{person}/{provider}"
    else:
        credit = person or provider
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
        "licence_url": metadata.licence_url,
        "rights_expire_at": expires.isoformat() if expires else None,
        "origins": dict(metadata.origins),
        "problems": list(metadata.problems),
    }


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


def photographer_for_credit(credit: str) -> Contributor | None:
    """The contributor a credit names (“Dwi Arif”, “ANTARA FOTO/Dwi Arif”, “Dwi Arif/Reuters”), ignoring case,
    spacing and accents; None when no single contributor matches."""
    if not credit:
        return None
    candidates = {name_key(part) for part in credit.split("/") if name_key(part)}
    if not candidates:
        return None
    # Contributors are a few hundred at most; folding names in Python keeps one rule for accents everywhere.
    matches = [c for c in Contributor.objects.only("pk", "name") if name_key(c.name) in candidates]
    return matches[0] if len(matches) == 1 else None

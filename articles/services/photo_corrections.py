"""The uploader's answer to the photo desk: a photo marked “needs information” may be corrected by the person who
uploaded it — its credit and caption only — and the correction sends it back to the desk's queue.

The uploader still cannot approve (``moderation.can_moderate``), change another field, or touch anyone else's photo;
the admin (articles/admin/photos.py) asks ``may_correct`` and offers ``CORRECTABLE_FIELDS`` alone.
"""

from __future__ import annotations

from django.db import transaction

from articles.choices import CreditStatus
from articles.models import Photo
from articles.services import moderation, notifications

# What the desk asks about when it needs information, and what the uploader may answer with.
CORRECTABLE_FIELDS = ("credit", "caption")


def may_correct(user, photo: Photo | None) -> bool:
    """Whether ``user`` may correct this photo's credit and caption: theirs, and waiting for information."""
    if photo is None or photo.pk is None or photo.credit_status != CreditStatus.NEEDS_INFO:
        return False
    if not (user.is_active and user.is_staff and user.has_perm("articles.view_photo")):
        return False
    return notifications.uploaded_by(photo, user)


def correction_made(*, photo: Photo, user, changed_fields: list[str]) -> bool:
    """After an edit of a photo that needs information: a changed credit or caption sends it back to pending
    (audited) and tells the photo desk. Returns whether it went back. Call inside the transaction of the edit."""
    changed = [name for name in changed_fields if name in CORRECTABLE_FIELDS]
    if photo.credit_status != CreditStatus.NEEDS_INFO or not changed:
        return False
    with transaction.atomic():
        moderation.back_in_queue(photo=photo, user=user, changed_fields=changed)
        notifications.notify_correction(photo=photo, user=user)
    return True

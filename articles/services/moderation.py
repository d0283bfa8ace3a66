"""Photo-desk decisions on credits: approve, reject, ask for information — each audited, in one transaction.

Nothing unapproved reaches readers because the public rule (PhotoQuerySet.public) only admits approved credits;
this module is the only place a credit becomes approved.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from articles import tasks
from articles.choices import CreditStatus
from articles.field_labels import field_labels
from articles.models import AuditEntry, Notification, Photo
from articles.services import notifications

# Fields whose change on an approved photo sends its credit back to the desk.
CREDIT_FIELDS = ("credit", "source", "copyright_notice", "licence_type", "usage_terms", "image")

DECISIONS = {
    "approve": (CreditStatus.APPROVED, AuditEntry.Action.APPROVE_CREDIT),
    "reject": (CreditStatus.REJECTED, AuditEntry.Action.REJECT_CREDIT),
    "request_info": (CreditStatus.NEEDS_INFO, AuditEntry.Action.REQUEST_INFO),
}


class ModerationRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def can_moderate(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm("articles.moderate_photo")


def moderate_photo(*, photo: Photo, decision: str, user, reason: str = "") -> Photo:
    """Record the desk's decision on a photo's credit; raise ModerationRefused and change nothing when it may not."""
    if decision not in DECISIONS:
        raise ModerationRefused(_("Unknown decision “%(decision)s”.") % {"decision": decision})
    if not can_moderate(user):
        raise ModerationRefused(_("Only the photo desk and editors can moderate photo credits."))
    target_status, action = DECISIONS[decision]
    with transaction.atomic():
        locked = Photo.objects.select_for_update().get(pk=photo.pk)
        if locked.credit_status == target_status:
            raise ModerationRefused(
                _("The credit is already %(status)s.") % {"status": locked.get_credit_status_display().lower()}
            )
        if decision == "approve":
            if not locked.credit.strip():
                raise ModerationRefused(_("Fill in the credit before approving it."))
            if not locked.image:
                raise ModerationRefused(_("Attach the image file before approving the credit."))
            too_small = _too_small_to_approve(locked)
            if too_small:
                raise ModerationRefused(too_small)
        elif not reason.strip():
            raise ModerationRefused(_("Write the reason, so the uploader knows what to fix."))
        from_status = locked.credit_status
        locked.credit_status = target_status
        locked.moderation_note = reason.strip()
        locked.save()
        if decision == "approve":
            # Readers' pages never make renditions: a background task makes them, once, after this approval commits.
            tasks.request_renditions(locked)
        AuditEntry.record(
            target=locked, action=action, user=user, from_state=from_status, to_state=target_status, note=reason
        )
        notifications.notify_moderation(photo=locked, decision=decision, user=user, reason=reason)
    return locked


def _too_small_to_approve(photo: Photo) -> str:
    """Why the photo's image is too narrow to approve (NEWSROOM_PHOTO_MIN_APPROVE_WIDTH), or "" when it is not.

    A width unknown (a row older than the width column) is not held against it."""
    minimum = settings.NEWSROOM_PHOTO_MIN_APPROVE_WIDTH
    if photo.width is None or photo.width >= minimum:
        return ""
    return _(
        "The image is only %(width)dx%(height)d pixels; the photo desk approves images at least %(minimum)d pixels "
        "wide. Ask for a larger file."
    ) % {"width": photo.width, "height": photo.height or 0, "minimum": minimum}


def back_in_queue(*, photo: Photo, user, changed_fields: list[str]) -> None:
    """Put a photo whose credit fields changed back in the photo desk's queue (pending), audited with what changed:
    an approved credit edited (``credit_edited``), an uploader's answer to the desk (photo_corrections)."""
    from_state = photo.credit_status
    photo.credit_status = CreditStatus.PENDING
    # A save (not update()) so the page cache drops every page that showed the photo with its old credit.
    photo.save(update_fields=["credit_status", "updated_at"])
    AuditEntry.record(
        target=photo,
        action=AuditEntry.Action.CREDIT_CHANGED,
        user=user,
        from_state=from_state,
        to_state=CreditStatus.PENDING,
        note=field_labels(Photo, changed_fields),
    )


def credit_edited(*, photo: Photo, user, changed_fields: list[str]) -> bool:
    """After an edit: an approved credit whose credit fields changed goes back to pending (audited).

    Returns whether it was sent back. Call inside the transaction that saved the edit.
    """
    changed = [name for name in changed_fields if name in CREDIT_FIELDS]
    if photo.credit_status != CreditStatus.APPROVED or not changed:
        return False
    back_in_queue(photo=photo, user=user, changed_fields=changed)
    # Readers no longer see it: a story it leads shows no lead now (none is promoted), so its people are told.
    notifications.notify_lead_withdrawn(photo=photo, kind=Notification.Kind.LEAD_WITHDRAWN, user=user)
    return True

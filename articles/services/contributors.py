"""Contributors: merging duplicates (“Dwi Arif” and “dwi arif” typed by two desks) without losing any link, and
linking a contributor to a user account, which only an editor may do and which is always audited."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import AuditEntry, Byline, Contributor, Photo
from articles.signals import stories_changed

# The account linked to a contributor may edit every draft that contributor is bylined on.
LINK_PERMISSION = "articles.link_contributor_account"
LINKED_MERGE_REFUSED = gettext_lazy(
    "Only an editor can merge contributors linked to a user account: the merge would change which stories that "
    "account may edit."
)


def may_link_accounts(user) -> bool:
    return user is not None and user.is_authenticated and user.has_perm(LINK_PERMISSION)


def record_account_link(*, contributor: Contributor, previous, actor) -> AuditEntry | None:
    """Audit a change of ``contributor``'s account from ``previous`` (a user or None) to its current one."""
    current = contributor.user
    if (previous.pk if previous else None) == (current.pk if current else None):
        return None
    label = Contributor._meta.get_field("user").verbose_name
    note = f"{label}: {previous.get_username() if previous else _('none')} → "
    note += current.get_username() if current else _("none")
    return AuditEntry.record(target=contributor, action=AuditEntry.Action.ACCOUNT_LINK, user=actor, note=note)


@transaction.atomic
def merge_contributors(*, keep: Contributor, duplicates: Iterable[Contributor], actor=None) -> dict[str, int]:
    """Move every byline, photo credit link and user account of ``duplicates`` to ``keep``, then delete them.

    A byline that would repeat one ``keep`` already has on the same story in the same role is dropped (the story
    keeps its byline); returns counts of what moved.

    When any of them is linked to a user account the merge changes which drafts that account may edit (bylines
    move to it, or its link moves or goes), so it needs an ``actor`` who may link accounts: otherwise
    PermissionDenied, and nothing changes. Every link that moves or goes is audited.
    """
    duplicates = [duplicate for duplicate in duplicates if duplicate.pk != keep.pk]
    linked = Contributor.objects.filter(pk__in=[keep.pk, *(d.pk for d in duplicates)], user__isnull=False)
    if linked.exists() and not may_link_accounts(actor):
        raise PermissionDenied(str(LINKED_MERGE_REFUSED))
    moved = {"bylines": 0, "photos": 0, "dropped_bylines": 0}
    # Links are moved as the database has them, the same state the check above read.
    keep.refresh_from_db(fields=["user"])
    for duplicate in duplicates:
        duplicate.refresh_from_db(fields=["user"])
        for byline in Byline.objects.select_for_update().filter(contributor=duplicate):
            if Byline.objects.filter(article_id=byline.article_id, contributor=keep, role=byline.role).exists():
                byline.delete()
                moved["dropped_bylines"] += 1
            else:
                byline.contributor = keep
                byline.save(update_fields=["contributor"])
                moved["bylines"] += 1
        moved["photos"] += Photo.objects.filter(photographer=duplicate).update(photographer=keep)
        stories_changed()
        if duplicate.user_id is not None:
            account = duplicate.user
            duplicate.user = None
            duplicate.save(update_fields=["user"])
            # The duplicate's account loses its link; it moves to ``keep`` when ``keep`` has none yet.
            record_account_link(contributor=duplicate, previous=account, actor=actor)
            if keep.user_id is None:
                keep.user = account
                keep.save(update_fields=["user"])
                record_account_link(contributor=keep, previous=None, actor=actor)
        for field in ("title", "bio"):
            if not getattr(keep, field) and getattr(duplicate, field):
                setattr(keep, field, getattr(duplicate, field))
        keep.save()
        duplicate.delete()
    return moved

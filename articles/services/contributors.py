"""Merging duplicate contributors (“Dwi Arif” and “dwi arif” typed by two desks) without losing any link."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from articles.models import Byline, Contributor, Photo
from articles.signals import after_bulk_change


@transaction.atomic
def merge_contributors(*, keep: Contributor, duplicates: Iterable[Contributor]) -> dict[str, int]:
    """Move every byline, photo credit link and user account of ``duplicates`` to ``keep``, then delete them.

    A byline that would repeat one ``keep`` already has on the same story in the same role is dropped (the story
    keeps its byline); returns counts of what moved.
    """
    moved = {"bylines": 0, "photos": 0, "dropped_bylines": 0}
    for duplicate in duplicates:
        if duplicate.pk == keep.pk:
            continue
        for byline in Byline.objects.select_for_update().filter(contributor=duplicate):
            if Byline.objects.filter(article_id=byline.article_id, contributor=keep, role=byline.role).exists():
                byline.delete()
                moved["dropped_bylines"] += 1
            else:
                byline.contributor = keep
                byline.save(update_fields=["contributor"])
                moved["bylines"] += 1
        moved["photos"] += Photo.objects.filter(photographer=duplicate).update(photographer=keep)
        after_bulk_change()
        if keep.user_id is None and duplicate.user_id is not None:
            keep.user_id, duplicate.user_id = duplicate.user_id, None
            duplicate.save(update_fields=["user"])
            keep.save(update_fields=["user"])
        for field in ("title", "bio"):
            if not getattr(keep, field) and getattr(duplicate, field):
                setattr(keep, field, getattr(duplicate, field))
        keep.save()
        duplicate.delete()
    return moved

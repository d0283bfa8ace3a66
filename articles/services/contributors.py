"""Contributors: merging duplicates (“Dwi Arif” and “dwi arif” typed by two desks) without losing any link, audited
with the records merged away; linking a contributor to a user account, which only an editor may do and which is
always audited; and linking photos to the photographer their credit names once that record exists."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce, Least
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from articles import access
from articles.models import AuditEntry, Byline, Contributor, Photo
from articles.services.photo_credits import credit_name_keys
from articles.signals import stories_changed
from articles.text.names import name_key

# The account linked to a contributor may edit every draft that contributor is bylined on.
LINK_PERMISSION = "articles.link_contributor_account"
LINKED_MERGE_REFUSED = gettext_lazy(
    "Only an editor can merge contributors linked to a user account: the merge would change which stories that "
    "account may edit."
)
# The audit action of a merge.
MERGED = AuditEntry.Action.MERGED


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


class Moved(dict):
    """What a merge moved, as counts (a dict, like every merge service's answer), with ``note``: the merge's audit
    note in words, which the admin also writes in the kept record's history."""

    note = ""


@transaction.atomic
def merge_contributors(*, keep: Contributor, duplicates: Iterable[Contributor], actor=None) -> Moved:
    """Move every byline, photo credit link and user account of ``duplicates`` to ``keep``, then delete them.

    A byline that would repeat one ``keep`` already has on the same story in the same role is dropped (the story
    keeps its byline); a photo whose credit matched several of the merged records (its possible photographers) is
    left with ``keep`` among them, and gets ``keep`` as its photographer when no other candidate is left. Returns
    counts of what moved.

    When any of them is linked to a user account the merge changes which drafts that account may edit (bylines
    move to it, or its link moves or goes), so it needs an ``actor`` who may link accounts: otherwise
    PermissionDenied, and nothing changes. Every link that moves or goes is audited, and the merge itself is one
    audit entry on ``keep`` naming each record merged away (name, address, id) and what moved from it.
    """
    duplicates = [duplicate for duplicate in duplicates if duplicate.pk != keep.pk]
    linked = Contributor.objects.filter(pk__in=[keep.pk, *(d.pk for d in duplicates)], user__isnull=False)
    if linked.exists() and not may_link_accounts(actor):
        raise PermissionDenied(str(LINKED_MERGE_REFUSED))
    moved = Moved(bylines=0, photos=0, dropped_bylines=0)
    before = _work_counts(keep)
    merged_away = []
    # Links are moved as the database has them, the same state the check above read.
    keep.refresh_from_db(fields=["user"])
    for duplicate in duplicates:
        duplicate.refresh_from_db(fields=["user"])
        this = _MergedAway()
        for byline in Byline.objects.select_for_update().filter(contributor=duplicate):
            if Byline.objects.filter(article_id=byline.article_id, contributor=keep, role=byline.role).exists():
                byline.delete()
                this.dropped_bylines += 1
            else:
                byline.contributor = keep
                byline.save(update_fields=["contributor"])
                this.bylines += 1
        this.photos = Photo.objects.filter(photographer=duplicate).update(photographer=keep)
        this.flags = _move_candidacies(duplicate, keep)
        stories_changed()
        if duplicate.user_id is not None:
            account = duplicate.user
            this.account = account.get_username() if account is not None else ""
            duplicate.user = None
            duplicate.save(update_fields=["user"])
            # The duplicate's account loses its link; it moves to ``keep`` when ``keep`` has none yet.
            record_account_link(contributor=duplicate, previous=account, actor=actor)
            if keep.user_id is None:
                keep.user = account
                keep.save(update_fields=["user"])
                record_account_link(contributor=keep, previous=None, actor=actor)
                this.account_moved = True
        for field in ("title", "bio"):
            if not getattr(keep, field) and getattr(duplicate, field):
                setattr(keep, field, getattr(duplicate, field))
        keep.save()
        merged_away.append(_merged_line(duplicate, this))
        for key in moved:
            moved[key] += getattr(this, key)
        duplicate.delete()
    settled = _settle_candidacies(keep)
    if settled:
        merged_away.append(
            ngettext(
                "%(count)d photo whose credit matched only the merged records now has this photographer.",
                "%(count)d photos whose credit matched only the merged records now have this photographer.",
                settled,
            )
            % {"count": settled}
        )
    if merged_away:
        after = _work_counts(keep)
        moved.note = "\n".join(merged_away)
        AuditEntry.record(
            target=keep,
            action=MERGED,
            user=actor,
            note=moved.note,
            changes={name: [str(before[name]), str(after[name])] for name in before if before[name] != after[name]},
        )
    return moved


def _work_counts(contributor: Contributor) -> dict[str, int]:
    return {
        "bylines": Byline.objects.filter(contributor=contributor).count(),
        "photos": Photo.objects.filter(photographer=contributor).count(),
    }


def _move_candidacies(duplicate: Contributor, keep: Contributor) -> int:
    """Where ``duplicate`` is one of a photo's possible photographers, ``keep`` is instead (once); returns how many."""
    through = Photo.credit_candidates.through
    mine = through.objects.filter(contributor=duplicate)
    total = mine.count()
    mine.filter(photo_id__in=through.objects.filter(contributor=keep).values("photo_id")).delete()
    mine.update(contributor=keep)
    return total


def _settle_candidacies(keep: Contributor) -> int:
    """Photos left with ``keep`` as their only possible photographer get it as their photographer."""
    through = Photo.credit_candidates.through
    flagged = through.objects.filter(contributor=keep).values("photo_id")
    alone = list(
        Photo.objects.filter(pk__in=flagged)
        .annotate(candidate_count=Count("credit_candidates"))
        .filter(candidate_count=1)
        .values_list("pk", flat=True)
    )
    if not alone:
        return 0
    through.objects.filter(photo_id__in=alone).delete()
    settled = Photo.objects.filter(pk__in=alone, photographer=None).update(photographer=keep)
    stories_changed()
    return settled


@dataclass
class _MergedAway:
    """What moved from one record merged away."""

    bylines: int = 0
    photos: int = 0
    dropped_bylines: int = 0
    flags: int = 0  # photos it was a possible photographer of
    account: str = ""  # the username of its account, if it had one
    account_moved: bool = False  # to the kept record (which had none), rather than unlinked


def _merged_line(duplicate: Contributor, moved: _MergedAway) -> str:
    """One line of the merge's audit note, in the merging editor's language: who was merged away, and what moved."""
    parts = [
        ngettext("%(count)d byline moved", "%(count)d bylines moved", moved.bylines) % {"count": moved.bylines},
        ngettext("%(count)d photo moved", "%(count)d photos moved", moved.photos) % {"count": moved.photos},
    ]
    if moved.dropped_bylines:
        parts.append(
            ngettext(
                "%(count)d byline dropped (the story already had it)",
                "%(count)d bylines dropped (the stories already had them)",
                moved.dropped_bylines,
            )
            % {"count": moved.dropped_bylines}
        )
    if moved.flags:
        parts.append(
            ngettext(
                "possible photographer of %(count)d photo",
                "possible photographer of %(count)d photos",
                moved.flags,
            )
            % {"count": moved.flags}
        )
    if moved.account:
        template = _("account %(username)s moved") if moved.account_moved else _("account %(username)s unlinked")
        parts.append(template % {"username": moved.account})
    return _("Merged #%(id)d “%(name)s” (%(slug)s) into this record: %(moved)s.") % {
        "id": duplicate.pk,
        "name": duplicate.name,
        "slug": duplicate.slug,
        "moved": "; ".join(parts),
    }


def link_credited_photos() -> int:
    """Photos with no photographer whose credit names exactly one contributor get them (several: flagged with the
    candidates, as ``save_photo`` does). For photos saved before their photographer's record existed, which no one
    would otherwise re-save; returns how many were linked."""
    by_key: dict[str, list[Contributor]] = defaultdict(list)
    for contributor in Contributor.objects.only("pk", "name").order_by("pk"):
        by_key[name_key(contributor.name)].append(contributor)
    through = Photo.credit_candidates.through
    flagged = set(through.objects.values_list("photo_id", flat=True))
    links: dict[int, list[int]] = defaultdict(list)
    flags = []
    for photo_id, credit in Photo.objects.filter(photographer=None).exclude(credit="").values_list("pk", "credit"):
        matches = [c for key in credit_name_keys(credit) for c in by_key.get(key, [])]
        if len(matches) == 1:
            links[matches[0].pk].append(photo_id)
        elif len(matches) > 1 and photo_id not in flagged:
            flags += [through(photo_id=photo_id, contributor_id=c.pk) for c in matches]
    linked = 0
    with transaction.atomic():
        for contributor_id, photo_ids in links.items():
            linked += Photo.objects.filter(pk__in=photo_ids, photographer=None).update(photographer=contributor_id)
        through.objects.filter(photo_id__in=[pk for ids in links.values() for pk in ids]).delete()
        through.objects.bulk_create(flags, ignore_conflicts=True)
        if linked:
            stories_changed()  # the photographers' pages now show these photos
    return linked


def contributors_for_merge(queryset, *, user):
    """The contributors about to be merged, by id, with what tells two identical names apart, in a fixed number of
    queries whatever their work: ``byline_total``, ``photo_total``, ``flag_total`` (photos whose credit matches them
    and others), ``first_credited`` (their earliest story or
    photo), the account (``user``), ``added_at`` (when the admin log says the record was added; None when it was
    made by an import or a script) and samples: ``sample_bylines`` (their latest stories ``user`` may see, with the
    story) and ``sample_photos`` (their latest photos)."""

    def total(model, field):
        counted = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk"))
        return Coalesce(Subquery(counted.values("n"), output_field=IntegerField()), 0)

    def earliest(model, field, date_field):
        dated = model.objects.filter(**{field: OuterRef("pk")}).order_by(date_field).values(date_field)[:1]
        return Subquery(dated)

    visible = access.visible_articles(user).values("pk")
    contributors = list(
        queryset.order_by("pk")
        .select_related("user")
        .annotate(
            byline_total=total(Byline, "contributor"),
            photo_total=total(Photo, "photographer"),
            flag_total=total(Photo.credit_candidates.through, "contributor"),
            first_byline=earliest(Byline, "contributor", "article__created_at"),
            first_photo=earliest(Photo, "photographer", "created_at"),
        )
        .annotate(first_credited=Coalesce(Least("first_byline", "first_photo"), "first_byline", "first_photo"))
        .prefetch_related(
            # Sliced prefetches (one query each, a window function per contributor): the latest few, not all.
            Prefetch(
                "bylines",
                queryset=Byline.objects.filter(article__in=visible)
                .select_related("article")
                .order_by("-article__created_at", "-pk")[:3],
                to_attr="sample_bylines",
            ),
            Prefetch("photos", queryset=Photo.objects.order_by("-created_at", "-pk")[:3], to_attr="sample_photos"),
        )
    )
    added = dict(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Contributor),
            object_id__in=[str(c.pk) for c in contributors],
            action_flag=ADDITION,
        ).values_list("object_id", "action_time")
    )
    for contributor in contributors:
        contributor.added_at = added.get(str(contributor.pk))
    return contributors

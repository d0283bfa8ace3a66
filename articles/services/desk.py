"""The desk's start page: what is waiting for this user, per role, in a fixed number of queries.

Everything here is a query over the rules written elsewhere, never a second copy of them: who sees and writes which
story is articles/access.py, a photo readers may see is ``public_photo_q`` (the credit gate of the workflow,
articles/services/workflow.py, asks the same question), a quote waiting for an editor is one still proposed.

Each list is capped at ``LIST_LIMIT`` items and carries its full count, so the page costs the same number of queries
with 3 stories or 30,000; the "see all" link opens the list where the work is done. ``desk_filter_q`` is the same
choice of stories as a filter of the story list (articles/admin/needs_action.py), so a link from the start page shows
exactly the stories the start page counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import access

# The one rule of who wrote a story (created it, or bylined through their linked contributor), reused as it is.
from articles.access import _authored_q
from articles.choices import ArticleStatus, CreditStatus, QuoteStatus
from articles.models import Article, ArticlePhoto, AuditEntry, Photo, Quote
from articles.querysets import public_photo_q
from articles.services.quotes import may_review_quotes

S = ArticleStatus
LIST_LIMIT = 10
RIGHTS_WARNING_DAYS = 7

# The audit actions that move a story from one state to another: the latest of them says how it got where it is
# (a draft whose latest one is "send back" was sent back by an editor and has not been resubmitted since).
STATE_CHANGES = [
    AuditEntry.Action.SUBMIT,
    AuditEntry.Action.APPROVE,
    AuditEntry.Action.SEND_BACK,
    AuditEntry.Action.PUBLISH,
    AuditEntry.Action.SCHEDULE,
    AuditEntry.Action.UNPUBLISH,
    AuditEntry.Action.REOPEN,
]

# The story list's "desk" filter: the same choices the start page lists (articles/admin/needs_action.py).
NEEDS_MY_ACTION = "needs_action"
MY_DRAFTS = "my_drafts"
MY_WAITING = "my_waiting"
SCHEDULED = "scheduled"
EMBARGOED = "embargoed"
PHOTOS_WAITING = "photos_waiting"


def _story_entries(**filters) -> QuerySet:
    """The audit entries about the story of the outer query (a Subquery's OuterRef)."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id=OuterRef("pk"), **filters
    ).order_by("-created_at", "-pk")


def with_workflow_history(queryset: QuerySet) -> QuerySet:
    """Annotate each story with its latest state change (``last_move``, "" for none), when it was sent to review
    (``submitted_at``) and the editor's latest send-back note with its author (``send_back_note``, ``sent_back_by``)."""
    return queryset.annotate(
        last_move=Coalesce(Subquery(_story_entries(action__in=STATE_CHANGES).values("action")[:1]), Value("")),
        submitted_at=Subquery(_story_entries(action=AuditEntry.Action.SUBMIT).values("created_at")[:1]),
        send_back_note=Subquery(_story_entries(action=AuditEntry.Action.SEND_BACK).values("note")[:1]),
        sent_back_by=Subquery(_story_entries(action=AuditEntry.Action.SEND_BACK).values("user__username")[:1]),
    )


def photos_waiting_q() -> Q:
    """Stories meant to be (or already) on readers' pages with a photo readers may not see: the credit gate.

    A photo is waiting when ``public_photo_q`` refuses it (credit not approved, no image, rights expired) — the very
    rule the workflow's ``_photos_not_ready`` applies before a story may go live."""
    waiting = ArticlePhoto.objects.exclude(public_photo_q(prefix="photo__")).values("article_id")
    return Q(status__in=[S.PUBLISHED, S.APPROVED], pk__in=waiting)


def needs_action_q(user) -> Q:
    """The stories waiting for this user's next step: for those who review, stories in review; for those who write,
    their own drafts (sent back ones included). Matches nothing for anyone else."""
    q = Q(pk__in=[])
    if user.has_perm("articles.review_article"):
        q |= Q(status=S.IN_REVIEW)
    if user.has_perm("articles.change_article"):
        q |= _authored_q(user) & Q(status=S.DRAFT)
    return q


def desk_filter(user, choice: str, queryset: QuerySet, *, now: datetime | None = None) -> QuerySet:
    """The stories of one start-page list: the story list's "desk" filter applies this to what the user may see."""
    now = now or timezone.now()
    if choice == NEEDS_MY_ACTION:
        return queryset.filter(needs_action_q(user))
    if choice == MY_DRAFTS:
        # A draft an editor sent back waits for a fix: MY_WAITING lists it, with the editor's note.
        return with_workflow_history(queryset.filter(_authored_q(user), status=S.DRAFT)).exclude(
            last_move=AuditEntry.Action.SEND_BACK
        )
    if choice == MY_WAITING:
        return with_workflow_history(queryset.filter(_authored_q(user))).filter(
            Q(status=S.IN_REVIEW) | Q(status=S.DRAFT, last_move=AuditEntry.Action.SEND_BACK)
        )
    if choice == SCHEDULED:
        return queryset.filter(status=S.PUBLISHED, publish_at__gt=now)
    if choice == EMBARGOED:
        return queryset.filter(embargo_until__gt=now)
    if choice == PHOTOS_WAITING:
        return queryset.filter(photos_waiting_q())
    return queryset


DESK_FILTER_CHOICES = [
    (NEEDS_MY_ACTION, _("Needs my action")),
    (MY_DRAFTS, _("My drafts")),
    (MY_WAITING, _("My stories in review or sent back")),
    (SCHEDULED, _("Scheduled")),
    (EMBARGOED, _("Under embargo")),
    (PHOTOS_WAITING, _("Waiting for photo credits")),
]


@dataclass
class DeskList:
    """One box of the start page: up to LIST_LIMIT items, how many there are in all, and where to see them all."""

    key: str
    title: Any
    items: list
    count: int
    see_all_url: str
    empty: Any = ""

    @property
    def more(self) -> int:
        return max(self.count - len(self.items), 0)


@dataclass
class DeskCount:
    label: Any
    count: int
    url: str


@dataclass
class Desk:
    """The start page of one user: their own work, the editors' queues and the photo desk's counts."""

    mine: list[DeskList] = field(default_factory=list)
    editing: list[DeskList] = field(default_factory=list)
    photo_counts: list[DeskCount] = field(default_factory=list)
    photo_lists: list[DeskList] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.mine or self.editing or self.photo_counts or self.photo_lists)


def _url(name: str, **params) -> str:
    url = reverse(name)
    return f"{url}?{urlencode(params)}" if params else url


def _capped(key, title, queryset: QuerySet, url: str, empty) -> DeskList:
    """Two queries whatever the size of the list: its count and its first items."""
    return DeskList(
        key=key, title=title, count=queryset.count(), items=list(queryset[:LIST_LIMIT]), see_all_url=url, empty=empty
    )


def desk_for(user, *, now: datetime | None = None) -> Desk:
    now = now or timezone.now()
    desk = Desk()
    stories = access.visible_articles(user).select_related("section")
    if user.has_perm("articles.change_article") or user.has_perm("articles.add_article"):
        desk.mine = _own_work(user, stories)
    if user.has_perm("articles.review_article"):
        desk.editing = _editors_queues(user, stories, now)
    if user.has_perm("articles.moderate_photo"):
        desk.photo_counts, desk.photo_lists = _photo_desk(now)
    return desk


def _own_work(user, stories: QuerySet) -> list[DeskList]:
    story_list = "admin:articles_article_changelist"
    drafts = desk_filter(user, MY_DRAFTS, stories).order_by("-updated_at", "-pk")
    waiting = desk_filter(user, MY_WAITING, stories).order_by("-updated_at", "-pk")
    return [
        _capped(
            "my_drafts",
            _("My drafts"),
            drafts,
            _url(story_list, desk=MY_DRAFTS),
            _("No drafts. Start one with “Add story”."),
        ),
        _capped(
            "my_waiting",
            _("My stories in review or sent back"),
            waiting,
            _url(story_list, desk=MY_WAITING),
            _("None of your stories is in review or sent back."),
        ),
    ]


def _editors_queues(user, stories: QuerySet, now: datetime) -> list[DeskList]:
    story_list = "admin:articles_article_changelist"
    queue = with_workflow_history(stories.filter(status=S.IN_REVIEW)).order_by(
        Coalesce("submitted_at", "updated_at"), "pk"
    )
    scheduled = desk_filter(user, SCHEDULED, stories, now=now).order_by("publish_at", "pk")
    embargoed = desk_filter(user, EMBARGOED, stories, now=now).order_by("embargo_until", "pk")
    blocked = (
        desk_filter(user, PHOTOS_WAITING, stories, now=now)
        .annotate(photos_waiting=Count("photo_uses", filter=~public_photo_q(prefix="photo_uses__photo__", now=now)))
        .order_by("publish_at", "pk")
    )
    lists = [
        _capped(
            "review_queue",
            _("Review queue (oldest first)"),
            queue,
            _url(story_list, status__exact=S.IN_REVIEW),
            _("No story is waiting for review."),
        ),
        _capped(
            "scheduled",
            _("Scheduled"),
            scheduled,
            _url(story_list, desk=SCHEDULED),
            _("No story is scheduled."),
        ),
        _capped(
            "embargoed",
            _("Under embargo"),
            embargoed,
            _url(story_list, desk=EMBARGOED),
            _("No story is under embargo."),
        ),
        _capped(
            "photos_waiting",
            _("Held by the credit gate"),
            blocked,
            _url(story_list, desk=PHOTOS_WAITING),
            _("No approved, scheduled or published story is waiting for a photo."),
        ),
    ]
    if may_review_quotes(user):
        quotes = (
            Quote.objects.filter(status=QuoteStatus.PROPOSED, article__in=access.visible_articles(user))
            .select_related("article", "source")
            .order_by("article_id", "position", "pk")
        )
        lists.append(
            _capped(
                "proposed_quotes",
                _("Proposed quotes waiting for review"),
                quotes,
                _url("admin:articles_quote_changelist", status__exact=QuoteStatus.PROPOSED),
                _("No quote is waiting for review."),
            )
        )
    return lists


def _photo_desk(now: datetime) -> tuple[list[DeskCount], list[DeskList]]:
    photo_list = "admin:articles_photo_changelist"
    counts = Photo.objects.aggregate(
        pending=Count("pk", filter=Q(credit_status=CreditStatus.PENDING)),
        needs_info=Count("pk", filter=Q(credit_status=CreditStatus.NEEDS_INFO)),
    )
    expiring = Photo.objects.expiring_within(RIGHTS_WARNING_DAYS, now=now).order_by("rights_expire_at", "pk")
    return (
        [
            DeskCount(
                _("Credits pending"), counts["pending"], _url(photo_list, credit_status__exact=CreditStatus.PENDING)
            ),
            DeskCount(
                _("Credits needing information"),
                counts["needs_info"],
                _url(photo_list, credit_status__exact=CreditStatus.NEEDS_INFO),
            ),
        ],
        [
            _capped(
                "rights_expiring",
                _("Rights expiring in the next 7 days"),
                expiring,
                _url(photo_list, rights="expiring"),
                _("No photo's rights expire in the next 7 days."),
            )
        ],
    )

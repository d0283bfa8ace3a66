"""The editorial workflow: every state change of a story, and who may make it, in one place.

draft → in review → approved → published → unpublished, with "send back" from review or approved to draft and
"reopen" from unpublished to draft. "Scheduled" is not a state: it is a published story whose publish time is still
ahead, which ``published()`` keeps off the site until then.

Admin buttons, admin actions and commands all call ``perform_transition``. It locks the story's row, checks the
permission, the object-level rule, the current state, the embargo and the photo gate, then changes the state, keeps a
revision (django-reversion) and writes the audit entry — all in one transaction. A refusal changes nothing but is listed
in the audit log too, in an entry of its own. A repeated request (a double click) finds the story already moved and
changes nothing.

Why a table here rather than django-fsm-2: the checks that matter (embargo, photo gate, authorship, a note for
"send back") need the acting user and the request's data, and every transition must be audited the same way;
seven rows of data and one function say that more plainly than decorated model methods and a protected field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import reversion
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import audit, events
from articles.access import is_author
from articles.choices import ArticleStatus
from articles.models import Article, AuditEntry, Photo
from articles.services import notifications

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

S = ArticleStatus


# The story's times: only people who may publish set them, in the admin and through the desk API alike.
TIMING_FIELDS = ("publish_at", "expires_at", "embargo_until")


@dataclass(frozen=True)
class Transition:
    name: str
    label: str | _StrPromise  # gettext_lazy: worded in the reader's language when shown
    sources: frozenset[str]
    target: str
    permission: str
    needs_note: bool = False
    needs_time: bool = False
    style: str = "default"


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition("submit", gettext_lazy("Submit for review"), frozenset({S.DRAFT}), S.IN_REVIEW, "submit_article"),
        Transition("approve", gettext_lazy("Approve"), frozenset({S.IN_REVIEW}), S.APPROVED, "review_article"),
        Transition(
            "send_back",
            gettext_lazy("Send back to draft"),
            frozenset({S.IN_REVIEW, S.APPROVED}),
            S.DRAFT,
            "review_article",
            needs_note=True,
        ),
        Transition(
            "publish",
            gettext_lazy("Publish now"),
            # From "published" only while scheduled (its time still ahead): "publish now" brings the time forward.
            frozenset({S.DRAFT, S.IN_REVIEW, S.APPROVED, S.UNPUBLISHED, S.PUBLISHED}),
            S.PUBLISHED,
            "publish_article",
            style="primary",
        ),
        Transition(
            "schedule",
            gettext_lazy("Schedule"),
            frozenset({S.DRAFT, S.IN_REVIEW, S.APPROVED, S.UNPUBLISHED, S.PUBLISHED}),
            S.PUBLISHED,
            "publish_article",
            needs_time=True,
        ),
        Transition("unpublish", gettext_lazy("Unpublish"), frozenset({S.PUBLISHED}), S.UNPUBLISHED, "publish_article"),
        Transition("reopen", gettext_lazy("Reopen as draft"), frozenset({S.UNPUBLISHED}), S.DRAFT, "edit_any_article"),
    ]
}


class TransitionRefused(Exception):
    """A transition that may not happen now; the message says why, for the person who asked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def allowed_transitions(user, article: Article) -> list[Transition]:
    """The transitions this user may take on this story now: what the change form shows as buttons."""
    return [t for t in TRANSITIONS.values() if _refusal(user, article, t) is None]


def perform_transition(
    *, article: Article, name: str, user, note: str = "", publish_at: datetime | None = None
) -> Article:
    """Move the story through one transition, or raise TransitionRefused and change nothing but list the refused
    attempt in the audit log (not for an anonymous user)."""
    try:
        return _perform(article=article, name=name, user=user, note=note, publish_at=publish_at)
    except TransitionRefused as refused:
        # Written here, after _perform's transaction was rolled back, so the entry is kept on its own. The story's
        # state is read again: the copy the caller holds may be older than the one the refusal was about.
        record_refused(article=article, name=name, user=user, message=refused.message)
        raise


def _perform(*, article: Article, name: str, user, note: str, publish_at: datetime | None) -> Article:
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise TransitionRefused(_("Unknown action “%(name)s”.") % {"name": name})
    with transaction.atomic():
        # Lock the row so two requests (two editors, or one double click) cannot both move the story.
        locked = Article.objects.select_for_update().get(pk=article.pk)
        refusal = _refusal(user, locked, transition, note=note, publish_at=publish_at, checking_input=True)
        if refusal:
            raise TransitionRefused(refusal)
        from_state = locked.status
        was_public = locked.is_public
        locked.status = transition.target
        now = timezone.now()
        if transition.name == "publish":
            # A story put back online keeps its original date (and so its address); anything else goes live now.
            republishing = from_state == S.UNPUBLISHED and locked.publish_at and locked.publish_at <= now
            if not republishing:
                locked.publish_at = now
        elif transition.name == "schedule":
            locked.publish_at = publish_at
        note = note or (_("Goes live at %(time)s") % {"time": _wib(publish_at)} if publish_at else "")
        # A transition is a save like any other: it leaves a revision of the story and its parts, named for it.
        with reversion.create_revision():
            locked.save()
            reversion.set_user(user if user.is_authenticated else None)
            label = str(AuditEntry.Action(transition.name).label)
            reversion.set_comment(f"{label}: {note}" if note else label)
        AuditEntry.record(
            target=locked,
            action=transition.name,
            user=user,
            from_state=from_state,
            to_state=transition.target,
            note=note,
        )
        notifications.notify_transition(article=locked, name=transition.name, user=user, note=note)
        events.after_transition(article=locked, name=transition.name, was_public=was_public)
    return locked


def _refusal(
    user, article: Article, transition: Transition, *, note="", publish_at=None, checking_input=False
) -> str | None:
    if not user.is_active or not user.is_staff or not user.has_perm(f"articles.{transition.permission}"):
        return _("You do not have permission to %(action)s stories.") % {"action": str(transition.label).lower()}
    if transition.name == "submit" and not user.has_perm("articles.edit_any_article") and not is_author(user, article):
        return _("Only the story's author or an editor can submit it.")
    if article.status not in transition.sources:
        return _("The story is already %(status)s; “%(action)s” is not possible now.") % {
            "status": article.get_status_display().lower(),
            "action": transition.label,
        }
    if transition.name == "publish" and article.status == S.PUBLISHED and not article.is_scheduled:
        return _("The story is already published and live; “%(action)s” is not possible now.") % {
            "action": transition.label
        }
    if not checking_input:
        return None
    if transition.needs_note and not note.strip():
        return _("Write a note saying what needs to change.")
    goes_live = publish_at if transition.name == "schedule" else timezone.now()
    if transition.name == "schedule":
        if publish_at is None:
            return _("Choose when the story should go live.")
        if publish_at <= timezone.now():
            return _("The time to schedule must be in the future.")
    if transition.target == S.PUBLISHED:
        embargoed = embargo_refusal(embargo_until=article.embargo_until, goes_live=goes_live)
        if embargoed:
            return embargoed
        if article.expires_at and article.expires_at <= goes_live:
            return _("The story's expiry time (%(time)s) is before it would go live.") % {
                "time": _wib(article.expires_at)
            }
        clash = _slug_clash(article, goes_live)
        if clash:
            return clash
        blocked = _photos_not_ready(article, goes_live)
        if blocked:
            return blocked
        if not article.bylines.exists():
            return no_byline_refusal()
    return None


def no_byline_refusal() -> str:
    """Readers are owed the name of whoever wrote a story: none goes live without a byline."""
    return _("The story needs at least one byline before it can go live; add the writer under Bylines.")


def embargo_refusal(*, embargo_until: datetime | None, goes_live: datetime | None) -> str | None:
    """The embargo rule, written once for the workflow and the story form: why a story under embargo until
    ``embargo_until`` cannot go live at ``goes_live``, or None when it can."""
    if embargo_until and goes_live and goes_live < embargo_until:
        return _("The story is under embargo until %(time)s; it cannot go live before then.") % {
            "time": _wib(embargo_until)
        }
    return None


def _photos_not_ready(article: Article, goes_live: datetime) -> str | None:
    """The photo gate: every photo in the story needs an image and an approved credit, with rights still valid."""
    waiting = photos_waiting(article, goes_live)
    if not waiting:
        return None
    names = "; ".join(
        f"#{photo.pk} “{photo.caption[:50] or photo.credit or '—'}” ({why_not_ready(photo)})" for photo in waiting
    )
    return _("The story cannot go live until its photos are ready: %(photos)s.") % {"photos": names}


def photos_waiting(article: Article, goes_live: datetime) -> list[Photo]:
    """The story's photos that the photo gate would hold back at ``goes_live`` (the publishing panel lists them)."""
    uses = article.photo_uses.select_related("photo").order_by("order")
    ready = set(Photo.objects.public(now=goes_live).filter(uses__article=article).values_list("pk", flat=True))
    return [use.photo for use in uses if use.photo_id not in ready]


def why_not_ready(photo: Photo) -> str:
    """Why the photo gate holds this photo back, in a few words."""
    if not photo.image:
        return _("no image file")
    if photo.credit_status != Photo.CreditStatus.APPROVED:
        return _("credit %(status)s") % {"status": photo.get_credit_status_display().lower()}
    return _("rights expired")


def _slug_clash(article: Article, goes_live: datetime) -> str | None:
    day = timezone.localdate(goes_live, timezone.get_default_timezone())
    taken = Article.objects.filter(publication_date=day, slug=article.slug).exclude(pk=article.pk).exists()
    if taken:
        return _("Another story published on %(day)s already uses the slug “%(slug)s”; change the slug first.") % {
            "day": formats.date_format(day),
            "slug": article.slug,
        }
    return None


def _wib(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment, timezone.get_default_timezone()), "DATETIME_FORMAT")


def perform_transition_with_changes(
    *, article: Article, name: str, user, note: str = "", publish_at: datetime | None = None
) -> Article:
    """``perform_transition`` for a caller whose own transaction has just saved the story's changes (a workflow button
    of the change form): the changes and the transition are kept or refused together. A refusal raises
    TransitionRefused without listing it, since the caller's rollback would take the entry with it; the caller lists
    it with ``record_refused`` once its transaction is rolled back."""
    return _perform(article=article, name=name, user=user, note=note, publish_at=publish_at)


def record_refused(*, article: Article, name: str, user, message: str) -> None:
    """List a refused transition in the audit log, in an entry of its own (see perform_transition)."""
    transition = TRANSITIONS.get(name)
    audit.record_refusal(
        target=article,
        user=user,
        message=message,
        from_state=Article.objects.filter(pk=article.pk).values_list("status", flat=True).first() or "",
        to_state=transition.target if transition else "",
    )

"""The publishing panel beside Save on the story's change form: where the story stands and what it still needs.

It reads the workflow's own rules (articles/services/workflow.py) rather than restating them, so the panel and the
gate never disagree: the photos it lists are the ones the gate would hold back, and the byline it asks for is the one
the gate requires.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from articles.choices import ArticleStatus
from articles.models import Article
from articles.services import workflow
from articles.services.revisions import person_name

S = ArticleStatus


@dataclass(frozen=True)
class Blocker:
    """One thing that keeps the story from going live, and where to fix it."""

    text: str
    url: str
    link_text: str


@dataclass(frozen=True)
class PublishingPanel:
    state: str
    holder: str  # who has the story now, in words
    locked_reason: str  # for a user who may read but not change it; empty otherwise
    goes_live: str  # schedule or publication time in WIB, or empty
    embargo: str
    expires: str
    blockers: list[Blocker] = field(default_factory=list)


def publishing_panel(article: Article, user, *, can_change: bool | None = None) -> PublishingPanel:
    now = timezone.now()
    scheduled = article.is_scheduled
    live = article.status == S.PUBLISHED and not scheduled
    author = person_name(article.created_by) if article.created_by_id else _("the desk")
    holder = {
        S.DRAFT: _("With the author, %(name)s, as a draft.") % {"name": author},
        S.IN_REVIEW: _("Waiting for review by an editor."),
        S.APPROVED: _("Approved; waiting for an editor to publish it."),
        S.PUBLISHED: _("Scheduled; an editor can publish it now.") if scheduled else _("Live on the site."),
        S.UNPUBLISHED: _("Taken off the site; an editor can reopen or publish it again."),
    }[article.status]
    if can_change is None:
        from articles import access

        can_change = access.can_edit(user, article)
    locked = ""
    if not can_change:
        locked = _("Locked because the story is %(state)s; you can read it but not change it.") % {
            "state": article.get_status_display().lower()
        }
    return PublishingPanel(
        state=_("Scheduled") if scheduled else article.get_status_display(),
        holder=holder,
        locked_reason=locked,
        goes_live=_wib(article.publish_at) if article.status == S.PUBLISHED and article.publish_at else "",
        embargo=_wib(article.embargo_until) if article.embargo_until and article.embargo_until > now else "",
        expires=_wib(article.expires_at) if article.expires_at else "",
        blockers=[]
        if live
        else _blockers(article, goes_live=article.publish_at if scheduled else now, can_change=can_change),
    )


def _blockers(article: Article, *, goes_live, can_change: bool) -> list[Blocker]:
    blockers = [
        Blocker(
            text=_("Photo #%(pk)s “%(caption)s”: %(why)s.")
            % {
                "pk": photo.pk,
                "caption": photo.caption[:50] or photo.credit or "—",
                "why": workflow.why_not_ready(photo),
            },
            url=reverse("admin:articles_photo_change", args=[photo.pk]),
            link_text=_("Open the photo"),
        )
        for photo in workflow.photos_waiting(article, goes_live)
    ]
    if not article.bylines.exists():
        blockers.append(
            # The inline's group on the same page (Django names it after the related name).
            # A reader of a locked story gets no link: the bylines there cannot be changed.
            Blocker(text=_("No byline yet."), url="#bylines-group" if can_change else "", link_text=_("Add a byline"))
        )
    return blockers


def _wib(moment) -> str:
    local = timezone.localtime(moment, timezone.get_default_timezone())
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} WIB"

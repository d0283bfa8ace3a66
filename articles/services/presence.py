"""Who has a story open in the admin: a soft lock that warns, never blocks, and forgets a person soon after they go.

While the change form is open its script says "still here" every ``HEARTBEAT`` (static/newsroom/presence.js), and
"left" when the page is closed or navigated away; without a word for ``EXPIRES_AFTER`` the person is forgotten (a
browser that crashed says nothing). Before the heartbeat, a person who had left was shown for ten minutes.

Kept in the cache, not the database: it is a hint that may be lost (a cache restart, two people opening the story
in the same instant) without harm, because the version check on save is what protects the work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.utils import timezone

HEARTBEAT = timedelta(seconds=45)
# Two missed heartbeats and a margin: a slow network never makes someone who is there vanish.
EXPIRES_AFTER = timedelta(minutes=2)


@dataclass(frozen=True)
class OpenBy:
    name: str
    since: datetime


def _key(article_pk) -> str:
    return f"article-open:{article_pk}"


def _recent(article_pk) -> dict:
    now = timezone.now()
    entries = cache.get(_key(article_pk)) or {}
    return {user_pk: entry for user_pk, entry in entries.items() if now - entry[1] < EXPIRES_AFTER}


def opened(article_pk, user, *, editing: bool = True) -> list[OpenBy]:
    """Note that ``user`` has the story's change form open now (when ``editing``); return the others who opened it
    in the last ten minutes, earliest first."""
    entries = _recent(article_pk)
    if editing:
        entries[user.pk] = (user.get_full_name() or user.get_username(), timezone.now())
        cache.set(_key(article_pk), entries, timeout=int(EXPIRES_AFTER.total_seconds()))
    others = [OpenBy(name, since) for user_pk, (name, since) in entries.items() if user_pk != user.pk]
    return sorted(others, key=lambda entry: entry.since)


def closed(article_pk, user) -> None:
    """``user`` saved and left the story: stop showing them to others."""
    entries = _recent(article_pk)
    if entries.pop(user.pk, None) is not None:
        cache.set(_key(article_pk), entries, timeout=int(EXPIRES_AFTER.total_seconds()))


def still_here(article_pk, user) -> None:
    """``user``'s open change form said it is still open."""
    opened(article_pk, user)


def left(article_pk, user) -> None:
    """``user`` closed the change form (or went to another page) without saving."""
    closed(article_pk, user)

"""What happens to a story that the world outside the newsroom may want to hear about: it went live, readers' copy
was edited, a correction notice was added, it was taken down.

One signal, ``story_event``, sent inside the transaction that made the change, with the story and the event. The
webhooks app listens (webhooks/receivers.py); sending it inside the transaction is deliberate: a listener that writes
rows (a delivery log) writes them in the change's own transaction, so a change rolled back leaves none, and one that
talks to the outside world waits for the commit itself (``transaction.on_commit``).

The services call the small functions below, which hold the rule for which change is which event, so the workflow
and the editing paths each add one line:

- ``after_transition``: the workflow (articles/services/workflow.py);
- ``after_edit``: a saved edit of the story or a correction notice added to it (the story admin's save,
  articles/admin/editing.py; a restored revision, articles/services/restoring.py).

A scheduled story goes live with no transition at all: it is simply a published story whose time comes
(articles/services/workflow.py). So "published" is announced when the story is published *or scheduled*, with
``goes_live`` saying when readers will see it; a listener that acts on it later (webhooks defer their delivery until
then, and check again that the story is still due) is never ahead of the readers.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from articles.models import Article


class StoryEvent(models.TextChoices):
    PUBLISHED = "published", _("Published")
    UPDATED = "updated", _("Updated")
    CORRECTED = "corrected", _("Corrected")
    UNPUBLISHED = "unpublished", _("Unpublished")


# Sent with sender=Article and the keyword arguments ``article``, ``event`` (a StoryEvent) and ``goes_live`` (when
# readers see the change: now, or a scheduled story's publish time).
story_event = Signal()


def announce(article: Article, event: StoryEvent, *, goes_live: datetime | None = None) -> None:
    story_event.send(sender=type(article), article=article, event=event, goes_live=goes_live or timezone.now())


def after_transition(*, article: Article, name: str, was_public: bool) -> None:
    """Announce what the workflow transition ``name`` just did to ``article`` (saved, in the transition's
    transaction); ``was_public`` is whether readers could see it before."""
    if name in ("publish", "schedule"):
        if was_public and not article.is_public:
            # A live story scheduled again for later leaves the site until then.
            announce(article, StoryEvent.UNPUBLISHED)
        announce(article, StoryEvent.PUBLISHED, goes_live=article.publish_at)
    elif name == "unpublish" and was_public:
        # A scheduled story taken back before its time was never seen: its "published" is withdrawn, not followed.
        announce(article, StoryEvent.UNPUBLISHED)


def after_edit(article: Article, *, corrected: bool = False) -> None:
    """Announce a saved edit of ``article``: "corrected" when a correction notice was added with it (the notice says
    what changed, and covers the edit), else "updated" — only while readers can see the story: a draft's or a
    scheduled story's edits reach them when it goes live."""
    if article.is_public:
        announce(article, StoryEvent.CORRECTED if corrected else StoryEvent.UPDATED)

"""Autosave: a draft copy of a user's unsaved story form, kept beside the story and never written over it.

The change form's script (static/newsroom/autosave.js) posts the form's fields every half minute while they have
unsaved changes, and once more when the page is left; ``store`` keeps the latest copy per user and story. Opening the
story again ``offer``s the copy when it is newer than the story's last save; restoring binds the form to it (the admin
does that, articles/admin/autosave.py); saving the story or discarding the copy ``discard``s it.
"""

from __future__ import annotations

import json

from django.http import QueryDict
from django.utils import timezone

from articles.models import Article, StoryAutosave

# A story's form is a few tens of kilobytes; a copy far larger than any real story is refused rather than stored.
MAX_COPY_CHARS = 1_000_000

# Fields that belong to the request, not to the story: the CSRF token, and which button was pressed.
NOT_KEPT = frozenset({"csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_saveasnew", "_transition"})


class CopyTooLarge(Exception):
    """The form's fields are larger than a draft copy may be."""


def store(*, user, article: Article, fields: QueryDict) -> StoryAutosave:
    """Keep ``fields`` (the change form as posted) as this user's copy of this story, replacing their earlier one."""
    data = {name: fields.getlist(name) for name in fields if name not in NOT_KEPT}
    if len(json.dumps(data)) > MAX_COPY_CHARS:
        raise CopyTooLarge
    copy, _created = StoryAutosave.objects.update_or_create(
        user=user, article=article, defaults={"data": data, "saved_at": timezone.now()}
    )
    return copy


def offer(*, user, article: Article) -> StoryAutosave | None:
    """This user's copy of this story, if it holds changes made after the story was last saved by anyone."""
    return StoryAutosave.objects.filter(user=user, article=article, saved_at__gt=article.updated_at).first()


def as_form_data(copy: StoryAutosave) -> QueryDict:
    """The copy as the form posted it, ready to bind the form to."""
    data = QueryDict(mutable=True)
    for name, values in copy.data.items():
        data.setlist(name, [str(value) for value in values])
    return data


def discard(*, user, article: Article) -> None:
    StoryAutosave.objects.filter(user=user, article=article).delete()

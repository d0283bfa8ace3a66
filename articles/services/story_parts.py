"""A story's parts (photo uses, quotes) changed from outside the story's own form: one function says what follows."""

from __future__ import annotations

from collections.abc import Iterable

import reversion
from django.db import transaction

from articles.models import Article


def parts_changed(*, article_ids: Iterable[int], user, comment: str) -> None:
    """Count these stories as changed: version + 1, so a story form opened before is refused on save instead of
    writing its stale parts back, and a revision of each story with its parts, so History shows who changed what."""
    article_ids = sorted(set(article_ids))
    if not article_ids:
        return
    with transaction.atomic(), reversion.create_revision():
        Article.objects.filter(pk__in=article_ids).touch()
        for article in Article.objects.filter(pk__in=article_ids):
            reversion.add_to_revision(article)
        reversion.set_user(user if user is not None and user.is_authenticated else None)
        reversion.set_comment(str(comment))

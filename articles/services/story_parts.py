"""A story's parts (photo uses, quotes) changed from outside the story's own form: one function says what follows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import reversion
from django.db import transaction

from articles import audit
from articles.models import Article


def parts_changed(
    *,
    article_ids: Iterable[int],
    user,
    comment: str,
    action: str = "",
    before: Mapping[int, dict] | None = None,
    after: Mapping[int, dict] | None = None,
    note: str = "",
) -> None:
    """Count these stories as changed: version + 1, so a story form opened before is refused on save instead of
    writing its stale parts back, and a revision of each story with its parts, so History shows who changed what.

    With ``action`` (an AuditEntry.Action), each story also gets an audit entry of its part as it was and as it is
    (articles.audit.record_change, with ``note``): ``before`` and ``after`` map a story's id to the part's values
    (articles.audit.values_of); a story missing from one of them had, or now has, no such part.
    """
    article_ids = sorted(set(article_ids))
    if not article_ids:
        return
    before, after = before or {}, after or {}
    with transaction.atomic(), reversion.create_revision():
        Article.objects.filter(pk__in=article_ids).touch()
        for article in Article.objects.filter(pk__in=article_ids):
            reversion.add_to_revision(article)
            if action:
                audit.record_change(
                    target=article,
                    action=action,
                    user=user,
                    before=before.get(article.pk, {}),
                    after=after.get(article.pk, {}),
                    note=note,
                )
        reversion.set_user(user if user is not None and user.is_authenticated else None)
        reversion.set_comment(str(comment))

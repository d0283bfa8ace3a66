"""Who may see a story and who may change it: one rule, written once as a query and once for a story in memory.

Every door into a story uses these: the story admin (list, change form, history, compare, restore, recover), the
inlines on other models' forms that point at a story (a photo's "used in"), autocompletes, admin actions, the
workflow service and the staff preview. tests/test_access.py checks the two forms agree for every role and state.

- Editors, chief editors and the photo desk see every story (the desk places photos in drafts); editors and chief
  editors change any story in any state.
- A reporter sees what readers see and their own work (stories they created or are bylined on through the
  contributor linked to their account), and changes only their own drafts.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from articles.choices import ArticleStatus
from articles.querysets import published_q

# Any of these lets a desk member see every story, whoever wrote it and whatever its state.
_SEES_EVERY_STORY = ("edit_any_article", "publish_article", "review_article", "change_photo")


def _on_desk(user, permission: str) -> bool:
    return user.is_authenticated and user.is_active and user.is_staff and user.has_perm(permission)


def sees_every_story(user) -> bool:
    return _on_desk(user, "articles.view_article") and any(
        user.has_perm(f"articles.{name}") for name in _SEES_EVERY_STORY
    )


def edits_every_story(user) -> bool:
    return _on_desk(user, "articles.change_article") and user.has_perm("articles.edit_any_article")


def _authored_q(user) -> Q:
    from articles.models import Byline

    bylined = Byline.objects.filter(contributor__user=user).values("article_id")
    return Q(created_by=user) | Q(pk__in=bylined)


def visible_articles(user, queryset: QuerySet | None = None) -> QuerySet:
    """The stories this user may see in the admin, in previews and in every list that names a story."""
    from articles.models import Article

    queryset = Article.objects.all() if queryset is None else queryset
    if sees_every_story(user):
        return queryset
    if not _on_desk(user, "articles.view_article"):
        return queryset.none()
    return queryset.filter(published_q() | _authored_q(user))


def editable_articles(user, queryset: QuerySet | None = None) -> QuerySet:
    """The stories this user may change, and so attach bylines, photos and quotes to."""
    from articles.models import Article

    queryset = Article.objects.all() if queryset is None else queryset
    if edits_every_story(user):
        return queryset
    if not _on_desk(user, "articles.change_article"):
        return queryset.none()
    return queryset.filter(_authored_q(user), status=ArticleStatus.DRAFT)


def is_author(user, article) -> bool:
    """The person who created the story, or one of its bylined contributors' accounts."""
    if not user.is_authenticated or article is None or article.pk is None:
        return False
    return article.created_by_id == user.pk or article.bylines.filter(contributor__user=user).exists()


def can_view(user, article) -> bool:
    """``visible_articles`` for one story in memory."""
    if sees_every_story(user):
        return True
    if not _on_desk(user, "articles.view_article"):
        return False
    return article.is_public or is_author(user, article)


def can_edit(user, article) -> bool:
    """``editable_articles`` for one story in memory; ``None`` asks whether the user may write stories at all."""
    if not _on_desk(user, "articles.change_article"):
        return False
    if article is None or edits_every_story(user):
        return True
    return article.status == ArticleStatus.DRAFT and is_author(user, article)


def places_photos_in_every_story(user) -> bool:
    """The photo desk places and swaps pictures in any story (its text stays the editors'); editors too."""
    return (
        sees_every_story(user)
        and user.has_perm("articles.change_photo")
        and user.has_perm("articles.change_articlephoto")
    )


def photo_placeable_articles(user, queryset: QuerySet | None = None) -> QuerySet:
    """The stories this user may place a photo in from the photo's own page."""
    from articles.models import Article

    queryset = Article.objects.all() if queryset is None else queryset
    if places_photos_in_every_story(user):
        return queryset
    return editable_articles(user, queryset)


def can_place_photos(user, article) -> bool:
    """``photo_placeable_articles`` for one story in memory."""
    return places_photos_in_every_story(user) or can_edit(user, article)

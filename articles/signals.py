"""Keeping derived data current when stories change: the search index (articles/search.py) and the version of
readers' pages (articles/cache.py), both written in the change's own transaction by one function,
``stories_changed``. The receivers below call it for every save and delete; a service that changes rows with
``QuerySet.update()`` (which sends no signal) calls it itself; one that saves a story and then its parts one by one
(an import) wraps them in ``stories_changed_once()``."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from articles import search
from articles.cache import invalidate_pages
from articles.models import (
    Article,
    ArticlePhoto,
    BreakingNews,
    Byline,
    Contributor,
    Correction,
    FrontPagePin,
    Photo,
    Quote,
    Section,
    Source,
    SourceTitle,
)
from articles.models.text_fields import strip_control_characters


@receiver(pre_save)
def strip_control_characters_on_save(sender, instance, **kwargs) -> None:
    # Every model of this app, and taggit's tags, whoever saves them (articles/models/text_fields.py says why).
    if sender._meta.app_label == "articles" or sender is Tag:
        strip_control_characters(instance)


@dataclass
class _Changes:
    """What the saves inside a ``stories_changed_once()`` block changed so far."""

    article_ids: set[int] = field(default_factory=set)
    any: bool = False


_collecting: ContextVar[_Changes | None] = ContextVar("stories_changed_collecting", default=None)


def stories_changed(article_ids=()) -> None:
    """Something readers may see changed: re-index these stories (none: nothing searchable changed) and make every
    cached public page stale — both in the caller's transaction, so they take effect exactly when it commits."""
    article_ids = list(article_ids)
    changes = _collecting.get()
    if changes is not None:
        changes.article_ids.update(article_ids)
        changes.any = True
        return
    if article_ids:
        search.index_articles(Article.objects.filter(pk__in=article_ids))
    invalidate_pages()


@contextmanager
def stories_changed_once() -> Iterator[None]:
    """Inside the block ``stories_changed`` only notes what changed; the block's end re-indexes each story noted, as
    it then is, and makes the pages stale once. For code that saves a story and then its parts one by one (an import:
    the story, its photo, its quotes), where every save would re-index the same story and bump the version again.

    Use it inside the transaction that writes the changes: the index and the version then still change in it, so
    what commits is the same, with one index write instead of one per save. When the block raises, nothing is done
    (its transaction is rolling back). A block inside another leaves the work to the outer one."""
    if _collecting.get() is not None:
        yield
        return
    changes = _Changes()
    token = _collecting.set(changes)
    try:
        yield
    finally:
        _collecting.reset(token)
    if changes.any:
        stories_changed(changes.article_ids)


@receiver(post_save, sender=Article)
def index_saved_story(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    if not raw:
        stories_changed([instance.pk])


@receiver(post_delete, sender=Article)
def unindex_deleted_story(sender, instance: Article, **kwargs) -> None:
    search.remove_articles([instance.pk])
    stories_changed()


@receiver(post_save, sender=Article)
def quotes_follow_saved_story(sender, instance: Article, raw: bool = False, update_fields=None, **kwargs) -> None:
    # Every save of a story passes here (the admin, a restore, an import, the workflow, code in a shell), in the save's
    # transaction: a confirmed quote whose words were cut leaves readers' pages with the save that cut them. A save
    # that did not write the body cannot have cut any. Imported here: services.quotes imports this module.
    if raw or (update_fields is not None and "body" not in update_fields):
        return
    from articles.services.quotes import quotes_follow_story

    # Kept on the story, like pictured_photo_ids, for a caller that reports what its save did (a restore's note).
    instance.quotes_sent_back = quotes_follow_story(instance)


@receiver([post_save, post_delete], sender=Quote)
def reindex_quoted_story(sender, instance: Quote, raw: bool = False, created: bool = False, **kwargs) -> None:
    # Confirmed quotes and their speakers are searchable: re-index the story in the same transaction. A quote that
    # is created, or deleted, while not confirmed was never in the index (an import proposes many at once), so it
    # costs nothing; an edit may have changed the status, so it always re-indexes.
    if raw:
        return
    is_delete = kwargs.get("signal") is post_delete
    searchable = not ((created or is_delete) and instance.status != Quote.Status.CONFIRMED)
    stories_changed([instance.article_id] if searchable else [])


@receiver([post_save, post_delete], sender=Byline)
def reindex_bylined_story(sender, instance: Byline, raw: bool = False, **kwargs) -> None:
    # Bylines are searchable (a reporter's name finds their stories).
    if not raw:
        stories_changed([instance.article_id])


@receiver(pre_save, sender=Source)
@receiver(pre_save, sender=Contributor)
def remember_indexed_name(sender, instance, raw: bool = False, **kwargs) -> None:
    # The name as the index has it, so post_save re-indexes only when a rename makes the index wrong. A record loaded
    # from the database already knows it (RemembersLoadedName); one built by hand with a primary key is read once.
    if not raw and instance.pk is not None and not hasattr(instance, "_loaded_name"):
        instance._loaded_name = sender._base_manager.filter(pk=instance.pk).values_list("name", flat=True).first()


def _renamed(instance) -> bool:
    renamed = getattr(instance, "_loaded_name", instance.name) != instance.name
    instance._loaded_name = instance.name  # the index has this name from now on
    return renamed


@receiver([post_save, post_delete], sender=Source)
def source_changed(sender, instance: Source, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    renamed = _renamed(instance)
    quoted = Quote.objects.confirmed().filter(source=instance).values_list("article_id", flat=True)
    stories_changed(list(quoted) if renamed else [])


@receiver([post_save, post_delete], sender=Contributor)
def contributor_changed(sender, instance: Contributor, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    renamed = _renamed(instance)
    bylined = Byline.objects.filter(contributor=instance).values_list("article_id", flat=True)
    stories_changed(list(bylined) if renamed else [])


@receiver([post_save, post_delete])
def shown_beside_stories_changed(sender, raw: bool = False, **kwargs) -> None:
    # The records readers' pages show beside the stories (the receivers above cover stories, quotes, bylines,
    # sources and contributors).
    if not raw and sender in _SHOWN_ON_PUBLIC_PAGES:
        stories_changed()


_SHOWN_ON_PUBLIC_PAGES = {
    ArticlePhoto,
    BreakingNews,
    Correction,
    FrontPagePin,
    Photo,
    Section,
    SourceTitle,
    Tag,
    TaggedItem,
}

"""Keeping derived data current when stories change: the search index and the page cache (articles/cache.py)."""

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


@receiver(post_save, sender=Article)
def index_saved_story(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    if not raw:
        search.index_articles([instance])


@receiver(post_delete, sender=Article)
def unindex_deleted_story(sender, instance: Article, **kwargs) -> None:
    search.remove_articles([instance.pk])


@receiver([post_save, post_delete], sender=Quote)
def reindex_quoted_story(sender, instance: Quote, raw: bool = False, created: bool = False, **kwargs) -> None:
    # Confirmed quotes and their speakers are searchable: re-index the story in the same transaction. A quote that
    # is created, or deleted, while not confirmed was never in the index (an import proposes many at once), so it
    # costs nothing; an edit may have changed the status, so it always re-indexes.
    is_delete = kwargs.get("signal") is post_delete
    if raw or ((created or is_delete) and instance.status != Quote.Status.CONFIRMED):
        return
    search.index_articles(Article.objects.filter(pk=instance.article_id))


@receiver([post_save, post_delete], sender=Byline)
def reindex_bylined_story(sender, instance: Byline, raw: bool = False, **kwargs) -> None:
    # Bylines are searchable (a reporter's name finds their stories).
    if not raw:
        search.index_articles(Article.objects.filter(pk=instance.article_id))


@receiver(pre_save, sender=Source)
@receiver(pre_save, sender=Contributor)
def remember_indexed_name(sender, instance, raw: bool = False, **kwargs) -> None:
    # The name as the index has it, so post_save re-indexes only when a rename makes the index wrong.
    if not raw and instance.pk is not None:
        instance._indexed_name = sender._base_manager.filter(pk=instance.pk).values_list("name", flat=True).first()


@receiver(post_save, sender=Source)
def reindex_stories_quoting(sender, instance: Source, raw: bool = False, **kwargs) -> None:
    if not raw and getattr(instance, "_indexed_name", instance.name) != instance.name:
        quoted = Quote.objects.confirmed().filter(source=instance).values("article_id")
        search.index_articles(Article.objects.filter(pk__in=quoted))


@receiver(post_save, sender=Contributor)
def reindex_stories_bylined(sender, instance: Contributor, raw: bool = False, **kwargs) -> None:
    if not raw and getattr(instance, "_indexed_name", instance.name) != instance.name:
        search.index_articles(Article.objects.filter(bylines__contributor=instance).distinct())


@receiver([post_save, post_delete])
def invalidate_cached_pages(sender, raw: bool = False, **kwargs) -> None:
    # Anything readers' pages show: the story and its parts, and the records listed beside it.
    if not raw and sender in _SHOWN_ON_PUBLIC_PAGES:
        invalidate_pages()


_SHOWN_ON_PUBLIC_PAGES = {
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
    Tag,
    TaggedItem,
}


def after_bulk_change(*, article_ids=()) -> None:
    """For services that change rows with ``QuerySet.update()`` (which sends no signal): re-index the stories
    concerned and make cached pages stale, as a save would have."""
    if article_ids:
        search.index_articles(Article.objects.filter(pk__in=list(article_ids)))
    invalidate_pages()

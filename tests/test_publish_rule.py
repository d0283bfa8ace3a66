"""The one publication rule: Article.objects.published()."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db


def test_published_story_in_the_past_is_public(make_article):
    """A published story whose publish time has come is listed."""
    article = make_article()
    assert list(Article.objects.published()) == [article]
    assert article.is_public


def test_draft_is_not_public(make_article):
    """A draft is never public, even with a past publish time."""
    make_article(status=Article.Status.DRAFT)
    assert not Article.objects.published().exists()


@pytest.mark.parametrize("status", ["review", "approved", "unpublished"])
def test_other_states_are_not_public(make_article, status):
    """Only the published state is public."""
    make_article(status=status)
    assert not Article.objects.published().exists()


def test_future_publish_time_is_not_public_until_it_comes(make_article, time_machine):
    """A scheduled story goes live at its publish time, with no job running."""
    publish_at = timezone.now() + timedelta(hours=2)
    article = make_article(publish_at=publish_at)
    assert not Article.objects.published().exists()
    time_machine.move_to(publish_at + timedelta(seconds=1))
    assert list(Article.objects.published()) == [article]


def test_published_accepts_an_explicit_now(make_article):
    """published(now=…) answers for another moment, e.g. what will be live tomorrow."""
    make_article(publish_at=timezone.now() + timedelta(days=1))
    assert Article.objects.published(now=timezone.now() + timedelta(days=2)).count() == 1


def test_published_story_needs_a_publish_time(section):
    """The database refuses a published story without a publish time."""
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Article.objects.create(headline="x", slug="x", section=section, status=Article.Status.PUBLISHED)

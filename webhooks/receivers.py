"""The webhooks app listens to the stories' events (articles/events.py); connected in WebhooksConfig.ready."""

from __future__ import annotations

from datetime import datetime

from articles.events import StoryEvent
from articles.models import Article
from webhooks import delivery


def record_story_event(sender, *, article: Article, event: StoryEvent, goes_live: datetime, **kwargs) -> None:
    delivery.record_event(article, event, goes_live)

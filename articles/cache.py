"""The anonymous page cache: whole public pages, invalidated by a version number, never outliving a scheduled change.

- Every change to a story or anything shown with it (photos, bylines, quotes, sections, contributors, tags) bumps
  one version number, a database row bumped in the change's own transaction (articles/models/pagecache.py);
  cached pages are keyed by it, so they all go stale at once, exactly when the change commits, whatever the cache
  server did meanwhile. Reading it is one primary-key query per request. A newsroom changes a few times a minute
  at most, and a miss costs one page render: simpler and safer than tracking which pages show which story.
- An entry lives at most ``NEWSROOM_PAGE_CACHE_SECONDS``, and never past the next moment a page would change by
  itself: a scheduled story going live, a story's expiry, a photo's rights expiring.
- Logged-in users (staff) always get a fresh page; previews and drafts are never cached (they never use this).
- When the cache fails (Redis down), the page is served uncached and the error logged: readers never see it.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min, Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from articles.choices import ArticleStatus, CreditStatus

logger = logging.getLogger(__name__)


def _version() -> int:
    from articles.models import PublicPagesVersion  # the models' signals import this module

    return PublicPagesVersion.current()


def invalidate_pages() -> None:
    """Make every cached public page stale: in the caller's transaction, so it takes effect exactly when the change
    commits (and not at all if it rolls back)."""
    from articles.models import PublicPagesVersion

    PublicPagesVersion.bump()


def next_change_at(now: datetime) -> datetime | None:
    """The next moment a public page changes with no edit: a publish time, an expiry, a photo's rights end, a banner
    or a front-page pin starting or ending."""
    from articles.models import Article, BreakingNews, FrontPagePin, Photo

    # Four small aggregate queries, run only when a page is rendered for the cache (a miss).
    moments = [
        *Article.objects.filter(status=ArticleStatus.PUBLISHED)
        .aggregate(
            publish=Min("publish_at", filter=Q(publish_at__gt=now)),
            expiry=Min("expires_at", filter=Q(expires_at__gt=now)),
        )
        .values(),
        Photo.objects.filter(credit_status=CreditStatus.APPROVED, rights_expire_at__gt=now).aggregate(
            m=Min("rights_expire_at")
        )["m"],
        *BreakingNews.objects.aggregate(
            start=Min("starts_at", filter=Q(starts_at__gt=now)), end=Min("ends_at", filter=Q(ends_at__gt=now))
        ).values(),
        FrontPagePin.objects.filter(pinned_until__gt=now).aggregate(m=Min("pinned_until"))["m"],
    ]
    upcoming = [moment for moment in moments if moment is not None]
    return min(upcoming) if upcoming else None


def page_lifetime(now: datetime) -> int:
    lifetime = settings.NEWSROOM_PAGE_CACHE_SECONDS
    change = next_change_at(now)
    if change is not None:
        lifetime = min(lifetime, max(1, int((change - now).total_seconds())))
    return lifetime


class CachedPublicPageMixin:
    """For readers' views: serve anonymous GETs from the cache, store what they render."""

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if (
            request.method not in ("GET", "HEAD")
            or request.user.is_authenticated
            or not settings.NEWSROOM_PAGE_CACHE_SECONDS
        ):
            return super().dispatch(request, *args, **kwargs)
        key = self._cache_key(request)
        cached = None
        if key is not None:
            try:
                cached = cache.get(key)
            except Exception:
                logger.warning("Page cache unavailable; serving uncached", exc_info=True)
                key = None
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = super().dispatch(request, *args, **kwargs)
        if key is not None and response.status_code == 200 and not response.streaming:
            if hasattr(response, "render"):
                response.render()
            try:
                cache.set(key, (response.content, response["Content-Type"]), timeout=page_lifetime(timezone.now()))
            except Exception:
                logger.warning("Could not store a page in the cache", exc_info=True)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _cache_key(request: HttpRequest) -> str | None:
        version = _version()
        # The host is part of the page (canonical links): one allowed host's page never answers for another.
        address = f"{request.get_host()}{request.get_full_path()}"
        path = hashlib.sha256(address.encode()).hexdigest()
        return f"public-page:{version}:{getattr(request, 'LANGUAGE_CODE', settings.LANGUAGE_CODE)}:{path}"

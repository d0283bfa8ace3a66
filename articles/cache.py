"""The anonymous page cache: whole public pages, invalidated by a version number, never outliving a scheduled change.

- Every change to a story or anything shown with it (photos, bylines, quotes, sections, contributors, tags) bumps
  one version number, a database row bumped in the change's own transaction (articles/models/pagecache.py);
  cached pages are keyed by it, so they all go stale at once, exactly when the change commits, whatever the cache
  server did meanwhile. A newsroom changes a few times a minute at most, and a miss costs one page render: simpler
  and safer than tracking which pages show which story.
- Each worker reads that version at most once every ``NEWSROOM_PAGE_VERSION_SECONDS`` (1 s): the query was most
  of what a cache hit cost (on PostgreSQL a round trip, and its connection check, per hit), so a change made in
  another worker reaches its readers within that second; the worker that made it forgets its copy at once.
- An entry lives at most ``NEWSROOM_PAGE_CACHE_SECONDS``, and never past the next moment a page would change by
  itself: a scheduled story going live, a story's expiry, a photo's rights expiring.
- Logged-in users (staff) always get a fresh page; previews and drafts are never cached (they never use this).
- When the cache fails (Redis down), the page is served uncached and the error logged: readers never see it.
- Every response says whether a front cache or CDN may keep it (``CacheControlMiddleware``): anonymous pages are
  public for ``NEWSROOM_PUBLIC_MAX_AGE`` seconds at most (never past their next scheduled change), with
  stale-while-revalidate; staff pages, previews, forms' answers and errors are private and never stored.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone
from django.utils.cache import patch_cache_control

from articles.choices import ArticleStatus, CreditStatus

logger = logging.getLogger(__name__)


# This worker's last reading of the version and when (time.monotonic()); one tuple, replaced whole, so threads of a
# gthread worker never see half of it.
_last_version: tuple[int, float] | None = None


def pages_version() -> int:
    """The version cached pages are filed under, read from the database at most once every
    ``NEWSROOM_PAGE_VERSION_SECONDS`` in this worker."""
    from articles.models import PublicPagesVersion  # the models' signals import this module

    global _last_version
    now = time.monotonic()
    remembered = _last_version
    if remembered is not None and now - remembered[1] < settings.NEWSROOM_PAGE_VERSION_SECONDS:
        return remembered[0]
    version = PublicPagesVersion.current()
    _last_version = (version, now)
    return version


def forget_pages_version() -> None:
    global _last_version
    _last_version = None


def invalidate_pages() -> None:
    """Make every cached public page stale: in the caller's transaction, so it takes effect exactly when the change
    commits (and not at all if it rolls back)."""
    from articles.models import PublicPagesVersion

    PublicPagesVersion.bump()
    # This worker's readers see the change at once: forgotten now (this connection reads its own bump) and again
    # when it commits (a reader who read the old version meanwhile must not keep it for the rest of the second).
    forget_pages_version()
    transaction.on_commit(forget_pages_version)


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


def public_cache_control(response: HttpResponse, lifetime: int) -> None:
    """Let a front cache or CDN keep an anonymous page briefly: never longer than ``NEWSROOM_PUBLIC_MAX_AGE`` (a
    takedown reaches readers behind a CDN within it) nor past the page's next scheduled change; while it refreshes
    the copy it may serve the old one for ``NEWSROOM_STALE_WHILE_REVALIDATE`` seconds more."""
    patch_cache_control(
        response,
        public=True,
        max_age=max(0, min(settings.NEWSROOM_PUBLIC_MAX_AGE, lifetime)),
        stale_while_revalidate=settings.NEWSROOM_STALE_WHILE_REVALIDATE,
    )


def query_parameter_names(form) -> set[str]:
    """The query parameters a form reads: its fields' names, or each part's name for a widget in parts."""
    names = set()
    for name, field in form.fields.items():
        widget = field.widget
        if getattr(widget, "suffixes", None):  # django-filter's ranges: date_after, date_before
            names.update(widget.suffixed(name, suffix) for suffix in widget.suffixes)
        elif getattr(widget, "widgets_names", None):  # Django's MultiWidget: name_0, name_1
            names.update(f"{name}{suffix}" for suffix in widget.widgets_names)
        else:
            names.add(name)
    return names


def cached_public_response(
    request: HttpRequest, render: Callable[[], HttpResponse], known_parameters: frozenset[str]
) -> HttpResponse:
    """An anonymous GET's page from the cache, or ``render()``'s, stored for the next readers; anything else is
    rendered as it is. Only ``known_parameters`` of the query string are part of the page (see below)."""
    anonymous_read = request.method in ("GET", "HEAD") and not request.user.is_authenticated
    if not anonymous_read or not settings.NEWSROOM_PAGE_CACHE_SECONDS:
        return render()
    _drop_unknown_parameters(request, known_parameters)
    key = _cache_key(request)
    # The cache backend answers "not there" when the server is down (newsroom/cache_backend.py); a backend that
    # raises instead is caught here, so readers never see a cache failure either way.
    cached = None
    try:
        cached = cache.get(key)
    except Exception:
        logger.warning("Page cache unavailable; serving uncached", exc_info=True)
        key = None
    if cached is not None:
        content, content_type, expires = cached
        response = HttpResponse(content, content_type=content_type)
        response["X-Page-Cache"] = "hit"
        public_cache_control(response, int(expires - time.time()))
        return response
    response = render()
    if response.status_code == 200 and not response.streaming:
        lifetime = page_lifetime(timezone.now())
        public_cache_control(response, lifetime)
        if key is not None:
            if hasattr(response, "render"):
                response.render()
            try:
                cache.set(key, (response.content, response["Content-Type"], time.time() + lifetime), lifetime)
            except Exception:
                logger.warning("Could not store a page in the cache", exc_info=True)
            response["X-Page-Cache"] = "miss"
    return response


def _drop_unknown_parameters(request: HttpRequest, known: frozenset[str]) -> None:
    if all(name in known for name in request.GET):
        return
    kept = QueryDict(mutable=True)
    for name in sorted(known & request.GET.keys()):
        kept.setlist(name, request.GET.getlist(name))
    kept._mutable = False
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()


def _cache_key(request: HttpRequest) -> str:
    version = pages_version()
    # Scheme and host are part of the page (canonical links): one allowed host's page never answers for another.
    query = "&".join(f"{name}={value}" for name, value in sorted(request.GET.lists()))
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"public-page:{version}:{getattr(request, 'LANGUAGE_CODE', settings.LANGUAGE_CODE)}:{digest}"


def cache_public_page(view: Callable[..., HttpResponse], query_parameters: tuple[str, ...] = ()):
    """The page cache for a view that is not a class with the mixin below: feeds (a Feed instance is the view)."""
    known = frozenset(query_parameters)

    @wraps(view)
    def cached_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return cached_public_response(request, lambda: view(request, *args, **kwargs), known)

    return cached_view


class CachedPublicPageMixin:
    """For readers' views: serve anonymous GETs from the cache, store what they render, tell front caches how long
    they may keep it.

    Only the query parameters the view reads (``cache_query_parameters`` and its filter form's fields) are part of
    the page: any other (``?cb=<random>``, ``utm_source``…) is taken off the request before the view sees it, so
    it neither makes a new cache entry nor gets written into the page's links for the next readers."""

    cache_query_parameters: tuple[str, ...] = ("page",)
    filterset_class = None
    _parameter_names: dict[type, frozenset[str]] = {}

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        render = super().dispatch
        return cached_public_response(request, lambda: render(request, *args, **kwargs), self._known_parameters())

    def _known_parameters(self) -> frozenset[str]:
        view = type(self)
        if view not in self._parameter_names:
            names = set(self.cache_query_parameters)
            if self.filterset_class is not None:
                names |= query_parameter_names(self.filterset_class().form)
            self._parameter_names[view] = frozenset(names)
        return self._parameter_names[view]


class CacheControlMiddleware:
    """Every response says whether a front cache may keep it. Views that decided already (the page cache above,
    the admin's and previews' ``never_cache``) are left alone; otherwise an anonymous GET answered 200 with no cookie
    is public for a short while (feeds, sitemaps, pages served uncached), and anything else — a logged-in user's
    page, a form's answer, an error, a response setting a cookie — is private and never stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        anonymous = user is None or not user.is_authenticated
        if anonymous and request.method in ("GET", "HEAD") and response.status_code == 200 and not response.cookies:
            public_cache_control(response, settings.NEWSROOM_PUBLIC_MAX_AGE)
        else:
            patch_cache_control(response, private=True, no_store=True)
        return response

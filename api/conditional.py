"""The API's answers cached and invalidated with the pages, with ``ETag``/``Last-Modified`` and conditional GETs.

- The body is cached by the pages' own cache (articles/cache.py ``cached_public_response``): filed under the public
  pages' version, so the edit that makes a story page stale makes its API answers stale in the same commit, and
  never kept past the next scheduled change (a story going live, an expiry). Anonymous GETs only, like the pages.
- ``ETag`` is a digest of the body itself, not of the version: the version does not move when a scheduled story
  goes live or one expires (nothing was saved), and an ETag that stayed the same then would answer 304 to a client
  holding the old list. A digest of the answer is right whatever changed it, and costs microseconds.
- ``Last-Modified`` is the newest moment anything public changed (``last_public_change``): an edit, a story going
  live or expiring, a photo's rights ending. A story's own ``updated_at`` would not do: confirming a quote, or a
  photo's credit being withdrawn, changes what the story's answer shows without saving the story. It is computed
  when the body is rendered (one query) and kept beside it (the pages' cache keeps a body and its type only).
- ``If-None-Match`` and ``If-Modified-Since`` are answered 304 as RFC 9110 says (Django's
  ``get_conditional_response``: If-None-Match first, If-Modified-Since only without it).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Subquery
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from articles.cache import cached_public_response
from articles.choices import ArticleStatus, CreditStatus

logger = logging.getLogger(__name__)

JSON = "application/json; charset=utf-8"


def last_public_change(now: datetime | None = None) -> datetime:
    """The newest moment anything readers may see changed: the pages' version's last bump, the newest publish time
    and expiry that have come, the newest photo rights that ended. One query of three index look-ups, run only when
    an answer is rendered."""
    from articles.models import Article, Photo, PublicPagesVersion

    now = now or timezone.now()
    published = Article.objects.filter(status=ArticleStatus.PUBLISHED)
    newest = PublicPagesVersion.objects.filter(pk=PublicPagesVersion.ROW).values_list(
        "changed_at",
        Subquery(published.filter(publish_at__lte=now).order_by("-publish_at").values("publish_at")[:1]),
        Subquery(published.filter(expires_at__lte=now).order_by("-expires_at").values("expires_at")[:1]),
        Subquery(
            Photo.objects.filter(credit_status=CreditStatus.APPROVED, rights_expire_at__lte=now)
            .order_by("-rights_expire_at")
            .values("rights_expire_at")[:1]
        ),
    )
    moments = [moment for row in newest for moment in row if moment is not None]
    # Nothing known (the version's row not made yet): now, which never answers 304 wrongly.
    return max(moments) if moments else now


def _last_modified_key(etag: str) -> str:
    return f"api-last-modified:{etag}"


def json_response(content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=JSON)
    response["Last-Modified"] = http_date(last_public_change().timestamp())
    return response


def cached_json(request: HttpRequest, render: Callable[[], bytes], known_parameters: frozenset[str]) -> HttpResponse:
    """``render()``'s JSON (or the cached copy of it) with its validators, or 304 when the client's copy is current.

    Only ``known_parameters`` of the query string are part of the answer (others are dropped, as on the pages)."""
    response = cached_public_response(request, lambda: json_response(render()), known_parameters)
    if response.status_code != 200:
        return response
    etag = '"' + hashlib.blake2b(response.content, digest_size=16).hexdigest() + '"'
    response["ETag"] = etag
    _restore_last_modified(response, etag)
    last_modified = parse_http_date_safe(response["Last-Modified"])
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response) or response


def _restore_last_modified(response: HttpResponse, etag: str) -> None:
    """Keep ``Last-Modified`` beside a body the cache stores, and put it back on a body it serves."""
    state = response.get("X-Page-Cache")
    try:
        if state == "miss":
            cache.set(_last_modified_key(etag), response["Last-Modified"], settings.NEWSROOM_PAGE_CACHE_SECONDS)
        elif state == "hit":
            remembered = cache.get(_last_modified_key(etag))
            response["Last-Modified"] = remembered or http_date(last_public_change().timestamp())
    except Exception:
        # The cache failing is never the reader's problem (as for the pages): the moment is computed again.
        logger.warning("API Last-Modified cache unavailable", exc_info=True)
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(last_public_change().timestamp())

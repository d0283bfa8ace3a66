"""The Redis cache, made safe to lose: an outage or a hung server costs a cache miss, never an error page or a wait.

Everything Newsroom keeps in the cache can be lost without harm (articles/cache.py keys pages by a version held in
the database; presence is a hint; sorl-thumbnail's key-value store falls back to its database table), so a cache that
fails is treated as a cache that is empty:

- reads answer "not there" (the default), writes and deletes are dropped, and the error is logged once;
- after a failure the server is not asked again for ``RETRY_AFTER`` seconds (default 5) in this process: with Redis
  hung, one request waits the socket timeout (a fraction of a second, settings.CACHES) and the others none at all,
  instead of every request waiting out its own timeout;
- ``incr``/``decr`` still raise: they have no answer that would be safe to invent (nothing in Newsroom uses them).

Django's memcached backends behave the same way; its Redis backend raises, hence this subclass.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGES = (RedisConnectionError, RedisTimeoutError, OSError)


def _fail_safe(operation: str, fallback: Callable[..., Any]) -> Callable[..., Any]:
    """``RedisCache.<operation>`` answering ``fallback(<the same arguments>)`` while the server is left alone, or when
    it fails (the failure is logged once and the server left alone for ``RETRY_AFTER``)."""
    method = getattr(RedisCache, operation)

    @functools.wraps(method)
    def guarded(self: FailSafeRedisCache, *args: Any, **kwargs: Any) -> Any:
        if self.available:
            try:
                return method(self, *args, **kwargs)
            except OUTAGES as error:
                self._failed(operation, error)
        return fallback(*args, **kwargs)

    return guarded


def _always(value: bool | None) -> Callable[..., bool | None]:
    """A fallback answering ``value`` (immutable: one object answers every call)."""
    return lambda *args, **kwargs: value


class FailSafeRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("RETRY_AFTER", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        """False while this process is leaving the server alone after a failure."""
        return time.monotonic() >= self._down_until

    def _failed(self, operation: str, error: Exception) -> None:
        with self._lock:
            first = self.available
            self._down_until = time.monotonic() + self.retry_after
        if first:
            logger.warning(
                "Cache server unavailable (%s: %s); working without it for %ss", operation, error, self.retry_after
            )

    get = _fail_safe("get", lambda key, default=None, version=None: default)
    get_many = _fail_safe("get_many", lambda *args, **kwargs: {})
    has_key = _fail_safe("has_key", _always(False))
    add = _fail_safe("add", _always(False))  # not stored: say so, as a full cache would
    set = _fail_safe("set", _always(None))
    set_many = _fail_safe("set_many", lambda data, *args, **kwargs: list(data))  # every key failed to be stored
    touch = _fail_safe("touch", _always(False))
    delete = _fail_safe("delete", _always(False))
    delete_many = _fail_safe("delete_many", _always(None))
    clear = _fail_safe("clear", _always(False))

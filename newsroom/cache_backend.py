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

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGES = (RedisConnectionError, RedisTimeoutError, OSError)


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

    def _guarded(self, operation: str, call, fallback):
        if not self.available:
            return fallback
        try:
            return call()
        except OUTAGES as error:
            self._failed(operation, error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._guarded("get", lambda: super(FailSafeRedisCache, self).get(key, default, version), default)

    def get_many(self, keys, version=None):
        return self._guarded("get_many", lambda: super(FailSafeRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._guarded("has_key", lambda: super(FailSafeRedisCache, self).has_key(key, version), False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # Not stored: say so, as a full cache would.
        return self._guarded("add", lambda: super(FailSafeRedisCache, self).add(key, value, timeout, version), False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guarded("set", lambda: super(FailSafeRedisCache, self).set(key, value, timeout, version), None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Every key failed to be stored.
        return self._guarded(
            "set_many", lambda: super(FailSafeRedisCache, self).set_many(data, timeout, version), list(data)
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("touch", lambda: super(FailSafeRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key, version=None):
        return self._guarded("delete", lambda: super(FailSafeRedisCache, self).delete(key, version), False)

    def delete_many(self, keys, version=None):
        self._guarded("delete_many", lambda: super(FailSafeRedisCache, self).delete_many(keys, version), None)

    def clear(self):
        return self._guarded("clear", lambda: super(FailSafeRedisCache, self).clear(), False)

"""Read-only requests, known as such, so SQLite never makes them wait for (or hold up) the desk's writes.

SQLite has one writer at a time. Newsroom's SQLite transactions begin IMMEDIATE (settings.py): a transaction that
will write takes the write lock at its start, so two saves queue on the busy timeout instead of failing half-way
with "database is locked". But Django's admin and django-reversion open a transaction for every change form, GETs
included; IMMEDIATE made each of those wait for the write lock too, and with twenty editors saving, readers of the
admin queued behind writers until the busy timeout ran out (issue 16: 8 "database is locked" 500s in 30 s).

A request whose method cannot change anything (GET, HEAD, OPTIONS) begins its transactions DEFERRED instead
(newsroom/db/sqlite3/base.py): in WAL mode they read a snapshot, take no lock, and never wait. Everything else —
POSTs, management commands, the task worker — keeps IMMEDIATE.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_reading_only: ContextVar[bool] = ContextVar("newsroom_reading_only", default=False)


def reading_only() -> bool:
    """True inside a request (or block) that only reads."""
    return _reading_only.get()


@contextmanager
def only_reading():
    token = _reading_only.set(True)
    try:
        yield
    finally:
        _reading_only.reset(token)


@contextmanager
def writing():
    """For the rare write a GET makes (signing out an idle session): its transactions begin IMMEDIATE again, so it
    waits its turn for the lock instead of failing when another connection wrote since it began reading."""
    token = _reading_only.set(False)
    try:
        yield
    finally:
        _reading_only.reset(token)


class ReadOnlyRequestMiddleware:
    """Mark GET, HEAD and OPTIONS requests as reading only, for the whole request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in READ_ONLY_METHODS:
            return self.get_response(request)
        with only_reading():
            return self.get_response(request)

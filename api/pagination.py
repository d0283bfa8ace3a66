"""Cursor pagination for the API's lists: a keyset on the list's order, never an OFFSET.

A page is "the next ``limit`` rows after this one" (``WHERE (publish_at, id) < (…)`` for stories), which the
database answers from the order's index by seeking to the row and reading ``limit`` more: page 5,000 of the archive
costs what page 1 does, where an OFFSET reads every row before the page. The cursor is the last row's values of the
order, base64 of a small JSON list: opaque to clients (they follow ``next``), and a list changing between two
requests neither repeats nor skips a row.
"""

from __future__ import annotations

import base64
import binascii
import json
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from typing import Any

from django.db.models import Q, QuerySet

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class BadCursor(ValueError):
    """The cursor was not one this API handed out (edited, truncated, or for another list)."""


@dataclass(frozen=True)
class Key:
    """One field of a list's order: its name and whether it runs downwards (newest or highest first)."""

    field: str
    descending: bool = False
    is_datetime: bool = False


def encode(values: Sequence[Any]) -> str:
    plain = [value.isoformat() if isinstance(value, datetime) else value for value in values]
    return base64.urlsafe_b64encode(json.dumps(plain, separators=(",", ":")).encode()).decode().rstrip("=")


def decode(cursor: str, keys: Sequence[Key]) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise BadCursor(cursor) from error
    if not isinstance(values, list) or len(values) != len(keys):
        raise BadCursor(cursor)
    decoded = []
    for key, value in zip(keys, values, strict=True):
        if key.is_datetime:
            try:
                value = datetime.fromisoformat(value)
            except (TypeError, ValueError) as error:
                raise BadCursor(cursor) from error
            if value.tzinfo is None:
                raise BadCursor(cursor)
        elif not isinstance(value, int | str) or isinstance(value, bool):
            raise BadCursor(cursor)
        decoded.append(value)
    return decoded


def after(values: Sequence[Any], keys: Sequence[Key]) -> Q:
    """The rows that come after ``values`` in the order ``keys``: ``(a, b) < (x, y)`` spelt out as
    ``a < x OR (a = x AND b < y)``, which every database plans as a seek on an index in that order."""
    alternatives = []
    equal = Q()
    for key, value in zip(keys, values, strict=True):
        lookup = "lt" if key.descending else "gt"
        alternatives.append(equal & Q(**{f"{key.field}__{lookup}": value}))
        equal &= Q(**{key.field: value})
    return reduce(operator.or_, alternatives)


def order_by(keys: Sequence[Key]) -> list[str]:
    return [f"-{key.field}" if key.descending else key.field for key in keys]


@dataclass
class Page:
    items: list
    next_cursor: str | None


def page(queryset: QuerySet, keys: Sequence[Key], *, cursor: str | None, limit: int) -> Page:
    """One page of ``queryset`` in the order ``keys``, after ``cursor``: one query of ``limit + 1`` rows (the one
    more says whether there is a next page)."""
    if cursor:
        queryset = queryset.filter(after(decode(cursor, keys), keys))
    rows = list(queryset.order_by(*order_by(keys))[: limit + 1])
    items = rows[:limit]
    more = len(rows) > limit
    next_cursor = encode([_value(items[-1], key.field) for key in keys]) if more and items else None
    return Page(items=items, next_cursor=next_cursor)


def _value(row: Any, field: str) -> Any:
    return row.pk if field == "pk" else getattr(row, field)

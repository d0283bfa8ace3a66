"""The newsroom's clock for machines: a moment in the newsroom's zone (Asia/Jakarta, ``TIME_ZONE``) to the whole
second — what pages' ``datetime=`` attributes, JSON-LD, feeds and sitemaps all write. A reader never needs less
than a second, and the HTML standard refuses the six-digit fractions Python would print."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def newsroom_time(moment: datetime) -> datetime:
    """``moment`` in the newsroom's zone, microseconds dropped (a naive value is taken as already local)."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment, timezone.get_default_timezone())
    return moment.replace(microsecond=0)


def newsroom_iso(moment: datetime | None) -> str:
    """ISO 8601 in the newsroom's zone, to the second (``2026-03-04T09:15:00+07:00``); "" for no moment."""
    return newsroom_time(moment).isoformat() if moment else ""

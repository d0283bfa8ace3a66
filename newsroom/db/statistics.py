"""Planner statistics after bulk writes.

PostgreSQL plans each query from statistics that autovacuum refreshes only after a while; right after a bulk insert
(a restore, ``seed_demo``) it still believes the tables are nearly empty and picks plans that are ruinous at size
(issue 18: a quote search over 30 s on 100,000 stories until ``ANALYZE``). SQLite has no such background
statistics to go stale, and its planner is left as it is.
"""

from __future__ import annotations

from django.db import connections


def refresh_planner_statistics(using: str = "default") -> bool:
    """``ANALYZE`` the whole database on PostgreSQL; returns whether it ran."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return True

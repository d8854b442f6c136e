"""The query planner's statistics: how many rows a table holds and how many an equality on an index's columns
matches, which decide whether a list is read in its index's order or sorted whole.

PostgreSQL's autovacuum gathers them as tables change. SQLite gathers none until it is told (`ANALYZE`), and
without them its planner guesses that an equality matches about ten rows: the catalogue's home then sorted
every published document instead of reading the fifteen newest from the index kept for that order (issue 26).
So on SQLite `zhengtong serve` gathers them when there are none, the demo's seed ends by gathering them, and a
nightly task gathers them again as the tables grow (core/tasks.py). A full `ANALYZE`: a sampled one
(`PRAGMA analysis_limit`) misjudged the state column's spread and kept the sort."""

from __future__ import annotations

import time

from django.db import connection


def gathered() -> bool:
    """Whether the database holds statistics the planner reads (always true of PostgreSQL: autovacuum)."""
    if connection.vendor != "sqlite":
        return True
    if "sqlite_stat1" not in connection.introspection.table_names():
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_stat1 LIMIT 1")
        return cursor.fetchone() is not None


def gather() -> str:
    """Gathers the statistics afresh (SQLite), and says what it did."""
    if connection.vendor != "sqlite":
        return "查询规划统计：PostgreSQL 由 autovacuum 维护"
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return f"查询规划统计：已收集（{time.monotonic() - started:.1f} 秒）"

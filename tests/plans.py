"""A query's plan, to show that a list is read in the order an index keeps, not sorted whole (issue 26)."""

from __future__ import annotations

import re

from django.db import connection

SORT_NODE = re.compile(r"^\s*(->\s+)?(Incremental )?Sort\s+\(")


def query_plan(queryset) -> str:
    """The query's plan in SQLite's words. On PostgreSQL, whose planner reads a table this small whole, the plan it
    makes when told to use an index: a Sort node there is SQLite's temporary B-tree, an index that cannot serve the
    order."""
    return statement_plan(*queryset.query.sql_with_params())


def statement_plan(sql: str, params=()) -> str:
    """query_plan of a statement as it was sent (one captured with CaptureQueriesContext has its values in it)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params or None)  # a captured statement: its % are its own
            return " | ".join(row[-1] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}", params or None)
        lines = [row[0] for row in cursor.fetchall()]
    sorts = any(SORT_NODE.search(line) for line in lines)  # not a Merge Append's "Sort Key", which sorts nothing
    return " | ".join(lines) + (" | USE TEMP B-TREE FOR ORDER BY" if sorts else "")


def arms_read_in_order(plan: str, *indexes: str, on: str | None = None) -> bool:
    """Whether each arm of a core.paging.MergedRanges statement reads its rows from one of `indexes` (each of them
    read) in the order, stopped by its own LIMIT: the merge above sorts only those first rows. On PostgreSQL each
    scan of an index sits under a Limit; in SQLite's words, each arm's co-routine searches an index with no
    temporary B-tree of its own. `on`: only the arms whose range is on that column (another arm's index is the
    planner's choice)."""
    if not all(index in plan for index in indexes):
        return False
    steps = plan.split(" | ")
    if connection.vendor == "postgresql":
        scans = [
            i
            for i, step in enumerate(steps)
            if any(f"using {index}" in step for index in indexes)
            and (on is None or (i + 1 < len(steps) and f"{on} =" in steps[i + 1]))
        ]
        return bool(scans) and all("Limit" in steps[i - 1] for i in scans)
    arms = re.findall(r"CO-ROUTINE (arm\d+) \| (.*?) \| SCAN \1", plan)
    if on is not None:
        arms = [(arm, body) for arm, body in arms if re.search(rf"[( ]{on}=", body)]
    return bool(arms) and all(
        any(f"INDEX {index}" in body for index in indexes) and "TEMP B-TREE" not in body for _arm, body in arms
    )


def planned_for_its_values_before(client, url: str, marker: str) -> bool:
    """Whether the page at `url` reads its first statement holding `marker` planned for its values
    (core.sql.planned_for_its_values) on PostgreSQL, and sets no plan mode on SQLite, which plans every statement
    anew."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    statements = [q["sql"] for q in seen.captured_queries]
    listed = next(i for i, s in enumerate(statements) if marker in s)
    planned = [i for i, s in enumerate(statements) if "plan_cache_mode = force_custom_plan" in s]
    return bool(planned and planned[-1] < listed) if connection.vendor == "postgresql" else not planned

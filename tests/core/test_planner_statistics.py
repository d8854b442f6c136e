"""The query planner's statistics (issue 26: every page at city scale). PostgreSQL's autovacuum gathers them;
SQLite, the default deployment a district runs, gathers none until told (`ANALYZE`). Without them SQLite's
planner guessed that an equality on a state matches a handful of rows and sorted every published document on the
catalogue's home, beside the index kept for that order: 11.6 ms against 0.5 ms for the floor on the demo."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import department
from zhengtong.core import planner
from zhengtong.core.tasks import gather_planner_statistics
from zhengtong.disclosure import selectors
from zhengtong.disclosure.models import Category, Document, State

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's autovacuum keeps its own")


def _catalogue(published: int, drafts: int) -> None:
    """A catalogue shaped like a district's: most documents published, in a few categories."""
    dept = department("330206099", "统计测试局")
    now = timezone.now()
    Document.objects.bulk_create(
        Document(
            department=dept,
            index_no=f"T-{n:05d}" if n < published else None,
            title=f"文件{n}",
            issuing_org="统计测试局",
            category=list(Category)[n % 3],
            written_on=dt.date(2026, 1, 1),
            published_at=now - dt.timedelta(minutes=n) if n < published else None,
            state=State.PUBLISHED if n < published else State.DRAFT,
        )
        for n in range(published + drafts)
    )


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " | ".join(row[-1] for row in cursor.fetchall())


@sqlite_only
def test_the_catalogues_home_reads_its_index_once_statistics_are_gathered(db):
    _catalogue(published=2000, drafts=100)
    planner.gather()
    plan = _plan(selectors.published()[:15])
    assert "document_published" in plan and "TEMP B-TREE" not in plan, plan


@sqlite_only
def test_serving_gathers_statistics_only_where_there_are_none(db):
    """`zhengtong serve` warms every app before its workers start: a database never analysed is analysed then;
    one that was is left to the nightly task, so a restart does not read a city's tables through."""
    if "sqlite_stat1" in connection.introspection.table_names():
        with connection.cursor() as cursor:  # as a database never analysed, whatever ran here before
            cursor.execute("DELETE FROM sqlite_stat1")
    with CaptureQueriesContext(connection) as first:
        message = apps.get_app_config("core").warm()
    assert any(q["sql"] == "ANALYZE" for q in first.captured_queries)
    assert "统计" in message
    with CaptureQueriesContext(connection) as second:
        apps.get_app_config("core").warm()
    assert not any(q["sql"] == "ANALYZE" for q in second.captured_queries)


@sqlite_only
def test_the_nightly_task_gathers_them_again(db):
    """Tables grow: statistics gathered on the demo's first day would describe a district's tables of a year on as
    they were then."""
    planner.gather()
    with CaptureQueriesContext(connection) as queries:
        gather_planner_statistics.call_local()
    assert any(q["sql"] == "ANALYZE" for q in queries.captured_queries)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_is_left_to_autovacuum(db):
    with CaptureQueriesContext(connection) as queries:
        message = planner.gather()
    assert not queries.captured_queries
    assert "autovacuum" in message

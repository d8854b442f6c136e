"""The catalogue's home, its feed and every list without a category read the newest published documents in the
order an index keeps (issue 26), on SQLite too, the database a district runs. SQLite's planner has no statistics
unless it is told to gather them, and then counts every NULL of a column as one value, so an index on a mostly
empty column (a letter's `about`) looks useless and is passed over: gathering them made other pages worse. So
the index must be the planner's choice without them: a partial index on `state = 'published'` was not, and the
home sorted every published document (12.3 ms against a floor of 0.5 on the demo)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import department
from tests.plans import query_plan
from zhengtong.disclosure import selectors
from zhengtong.disclosure.models import Category, Column, Document, State


def _catalogue() -> None:
    """300 published documents in three categories, all in one column but the last ten."""
    assert "sqlite_stat1" not in connection.introspection.table_names()
    dept = department("330206099", "次序测试局")
    rare = Column.objects.create(code="rare", name="少见栏目")
    now = timezone.now()
    Document.objects.bulk_create(
        Document(
            department=dept,
            index_no=f"T-{n:05d}",
            title=f"文件{n}",
            issuing_org="次序测试局",
            category=list(Category)[n % 3],
            written_on=dt.date(2026, 1, 1),
            published_at=now - dt.timedelta(minutes=n),
            state=State.PUBLISHED,
            column=rare if n >= 290 else None,
        )
        for n in range(300)
    )


def test_the_newest_published_are_read_in_index_order_without_statistics(db):
    _catalogue()
    plan = query_plan(selectors.published()[:15])
    assert "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize(
    ("narrowed", "index"),
    [({"column__code": "rare"}, "document_column"), ({"category": Category.PLANS}, "document_catalogue")],
)
def test_a_column_or_a_category_is_read_from_its_own_index_in_order(db, narrowed, index):
    """Not by walking every published document in date order until a page of the rare column turns up."""
    _catalogue()
    if "column__code" in narrowed:
        narrowed = {"column": Column.objects.get(code="rare")}
    plan = query_plan(selectors.published().filter(**narrowed)[:20])
    assert index in plan and "TEMP B-TREE" not in plan, plan

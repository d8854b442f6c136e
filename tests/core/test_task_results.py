"""The task queue keeps no results (issue 21, item 10): no caller reads a task's return value, and huey kept
every one forever in its store (a SQLite file under var/ or Redis), growing with every task that returns one."""

from __future__ import annotations

from huey.contrib.djhuey import HUEY


def test_a_finished_task_leaves_no_result_behind(db):
    from zhengtong.search.tasks import index_documents

    before = HUEY.result_count()
    index_documents([])  # queued and run inline in tests, as a worker would run it; it returns a count
    assert HUEY.result_count() == before

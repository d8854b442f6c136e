"""A queue section's full list (查看全部) is read from its index in the order the page shows, one range per
department the clerk works in, stopped where the page ends (issue 26): not every waiting case of the section read
and sorted on each view. At a million applications the reviews section read a department's 4,084 pending
branches and their applications and sorted them, 29 ms a page, growing with the backlog."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories as f
from tests.plans import arms_read_in_order, statement_plan
from zhengtong.approvals import queue
from zhengtong.approvals.models import Application, Branch, Status
from zhengtong.core.paging import page_of

from .test_queue import _application


def _asked(application, department, state=Branch.State.PENDING) -> Branch:
    return Branch.objects.create(
        application=application,
        department=department,
        is_lead=department == application.lead_department,
        received_at=application.received_at,
        state=state,
    )


def _planner_knows_the_tables(item, departments) -> None:
    """Rows in other states and their statistics: on a table of two rows PostgreSQL costs every index alike and
    takes whichever it finds first (a department's own index, filtering the state), as on no real site."""
    now = timezone.now()
    Application.objects.bulk_create(
        Application(
            receipt_no=f"D{n:06d}",
            query_hash="x",
            item=item,
            lead_department=departments[n % len(departments)],
            applicant_name="申请人",
            received_at=now - dt.timedelta(days=n),
            status=Status.DELIVERED,
        )
        for n in range(400)
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE approvals_application")
            cursor.execute("ANALYZE approvals_branch")


def _ranges_read(section: str, clerk) -> list[str]:
    """The statements a page of the section sent to find its rows' ids and count them (not to load the rows)."""
    with CaptureQueriesContext(connection) as sent:
        page = page_of(queue.section_applications(clerk, section), 50, 1)
        list(page.object_list)
    return [s["sql"] for s in sent.captured_queries if "arm0" in s["sql"]]


def test_the_reviews_section_is_read_from_the_branch_index_in_order(item, district):
    clerk = f.staff("a1clerk", "登记员", district["A1"])  # works in the office and the bureau above it
    for n, department in enumerate((district["A"], district["A1"])):
        _asked(_application(item, district["A"], Status.JOINING, minutes_ago=n, n=n), department)
    _planner_knows_the_tables(item, [district["A"], district["A1"]])
    statements = _ranges_read("reviews", clerk)
    assert len(statements) == 2  # the page's ids and its bounded count
    for sql in statements:
        plan = statement_plan(sql)
        assert plan.count("branch_queue") == 2 and arms_read_in_order(plan, "branch_queue"), plan


def test_a_lead_section_of_a_clerk_in_two_departments_is_read_from_the_queue_index_in_order(item, district):
    clerk = f.staff("a1clerk", "登记员", district["A1"])
    for n, department in enumerate((district["A"], district["A1"])):
        _application(item, department, Status.SUBMITTED, minutes_ago=n, n=n)
    _planner_knows_the_tables(item, [district["A"], district["A1"]])
    statements = _ranges_read("accept", clerk)
    assert len(statements) == 2  # the page's ids and its bounded count
    for sql in statements:
        plan = statement_plan(sql)
        assert plan.count("application_queue") == 2 and arms_read_in_order(plan, "application_queue"), plan


def test_the_reviews_section_lists_each_case_once_oldest_first_and_filters(item, district, verified_client):
    """A case asked of the office and of its bureau is one row for a clerk who works in both; a branch already
    decided and another department's are not his to review."""
    clerk = f.staff("a1clerk", "登记员", district["A1"])
    older = _application(item, district["A"], Status.JOINING, minutes_ago=30, n=1)
    _asked(older, district["A"])
    _asked(older, district["A1"])
    newer = _application(item, district["A"], Status.JOINING, minutes_ago=5, n=2)
    _asked(newer, district["A1"])
    decided = _application(item, district["A"], Status.JOINING, minutes_ago=10, n=3)
    _asked(decided, district["A1"], state=Branch.State.AGREED)
    elsewhere = _application(item, district["B"], Status.JOINING, minutes_ago=20, n=4)
    _asked(elsewhere, district["B"])
    client = verified_client(clerk)
    page = client.get("/workbench/approvals/queue/reviews/").content.decode()
    assert page.count(older.receipt_no) == 1 and page.index(older.receipt_no) < page.index(newer.receipt_no)
    assert decided.receipt_no not in page and elsewhere.receipt_no not in page
    by_number = client.get(f"/workbench/approvals/queue/reviews/?q={newer.receipt_no.lower()}").content.decode()
    assert newer.receipt_no in by_number and older.receipt_no not in by_number
    by_name = client.get("/workbench/approvals/queue/reviews/?q=申请人1").content.decode()
    assert older.receipt_no in by_name and newer.receipt_no not in by_name
    by_due = client.get("/workbench/approvals/queue/reviews/?sort=due").content.decode()
    assert by_due.count(older.receipt_no) == 1 and newer.receipt_no in by_due


def test_a_clerk_in_more_departments_than_a_statement_can_range_over_gets_his_list(
    item, district, monkeypatch, verified_client
):
    """More departments than MOST_RANGES are read as one list: SQLite takes at most 500 SELECTs in one compound
    statement, and a clerk of many departments got a 500 (fresh-eyes review, session 49)."""
    from zhengtong.core import paging

    monkeypatch.setattr(queue, "MOST_RANGES", 1)
    clerk = f.staff("a1clerk", "登记员", district["A1"])  # two workplaces: more than one range
    older = _application(item, district["A"], Status.SUBMITTED, minutes_ago=30, n=1)
    newer = _application(item, district["A1"], Status.SUBMITTED, minutes_ago=5, n=2)
    assert not isinstance(queue.waiting_in_order("accept", [district["A"].pk, district["A1"].pk]), paging.MergedRanges)
    page = verified_client(clerk).get("/workbench/approvals/queue/accept/").content.decode()
    assert page.index(older.receipt_no) < page.index(newer.receipt_no)


def _clock(application, department, stage, due_in_hours, *, paused=False):
    from zhengtong.supervision.models import Clock

    now = timezone.now()
    return Clock.objects.create(
        subject_type=queue.SUBJECT,
        subject_id=str(application.pk),
        stage=stage,
        department=department,
        limit=10,
        started_at=application.received_at,
        due_at=now + dt.timedelta(hours=due_in_hours),
        yellow_at=now,
        paused_since=now if paused else None,
    )


@pytest.mark.parametrize("walked", [False, True], ids=["sorted whole", "walked"])
def test_by_due_the_cases_with_a_running_limit_come_soonest_first_then_the_rest_oldest_first(
    item, district, monkeypatch, walked
):
    """Sorted by due, a section lists its cases by the limit of the step they wait on (受理 for 待受理, the
    department's review for 本部门审查), then those whose limit is paused or not running, oldest first. A case
    reviewed by two of his departments is one row, at its sooner limit. The same order whether the section is
    small enough to sort whole or read from its limits in order."""
    if walked:
        monkeypatch.setattr(queue, "CAP", 0)
    clerk = f.staff("a1clerk", "登记员", district["A1"])  # works in A1 and A
    soon = _application(item, district["A"], Status.SUBMITTED, minutes_ago=1, n=1)
    late = _application(item, district["A"], Status.SUBMITTED, minutes_ago=50, n=2)
    paused = _application(item, district["A"], Status.SUBMITTED, minutes_ago=40, n=3)
    bare = _application(item, district["A1"], Status.SUBMITTED, minutes_ago=30, n=4)
    _clock(soon, district["A"], "accept", 5)
    accepting = _clock(late, district["A"], "accept", 50)
    _clock(late, district["A"], "whole", 1)  # another step's limit: not what 待受理 waits on
    _clock(paused, district["A"], "accept", 2, paused=True)
    listed = page_of(queue.section_applications(clerk, "accept", sort="due"), 50, 1).object_list
    assert [a.pk for a in listed] == [soon.pk, late.pk, paused.pk, bare.pk]
    # each row shows the limit it is sorted by, on the full list and on the queue page
    ids = [district["A"].pk, district["A1"].pk]
    shown = {row.id: row.due_at for row in queue.as_rows(listed, ids, "accept")}
    assert shown[late.pk] == accepting.due_at
    assert {row.id: row.due_at for row in queue.staff_queue(clerk)["accept"].rows}[late.pk] == accepting.due_at

    both = _application(item, district["B"], Status.REVIEWING, minutes_ago=20, n=5)
    one = _application(item, district["B"], Status.REVIEWING, minutes_ago=10, n=6)
    for department in (district["A"], district["A1"]):
        _asked(both, department)
    _asked(one, district["A1"])
    _clock(both, district["A"], "review:A", 30)
    _clock(both, district["A1"], "review:A1", 3)
    _clock(one, district["A1"], "review:A1", 10)
    reviews = page_of(queue.section_applications(clerk, "reviews", sort="due"), 50, 1)
    assert [a.pk for a in reviews.object_list] == [both.pk, one.pk] and reviews.paginator.count == 2
    assert [a.pk for a in page_of(queue.section_applications(clerk, "reviews", sort="due"), 1, 2).object_list] == [
        one.pk
    ]


def test_by_due_a_section_is_read_from_the_running_limits_index_in_order(item, district, monkeypatch):
    """Sorted by due, a page looked up every case of the section's soonest limit and sorted them all: 0.5 s a page
    for a 50,000-case section on PostgreSQL, growing with the backlog. It reads the running limits of the
    section's step in due order, each department's range stopped where the page ends (a section over CAP cases;
    a smaller one is sorted whole, at most CAP lookups)."""
    monkeypatch.setattr(queue, "CAP", 1)
    clerk = f.staff("a1clerk", "登记员", district["A1"])
    for n, department in enumerate((district["A"], district["A1"])):
        _clock(_application(item, department, Status.SUBMITTED, minutes_ago=n, n=n), department, "accept", n + 1)
    _planner_knows_the_tables(item, [district["A"], district["A1"]])
    with CaptureQueriesContext(connection) as sent:
        page = page_of(queue.section_applications(clerk, "accept", sort="due"), 50, 1)
        assert len(page.object_list) == 2
    walks = [s["sql"] for s in sent.captured_queries if "arm0" in s["sql"] and "supervision_clock" in s["sql"]]
    assert walks
    plan = statement_plan(walks[0])
    # (a case's other limits, looked up to list it once, are the planner's choice of index)
    assert arms_read_in_order(plan, "clock_waiting", on="department_id"), plan


def test_by_due_a_section_is_counted_once(item, district):
    """Issue 26: sorted by due, a section was counted to choose how to sort it (bounded_count), then counted again
    by its pager. Searched for a name no case has, each count read every case of the section: at a million
    applications, two reads of a department's 待受理 cases of 80 ms each, where one says the same."""
    clerk = f.staff("a1clerk", "登记员", district["A1"])
    for n, department in enumerate((district["A"], district["A1"])):
        _clock(_application(item, department, Status.SUBMITTED, minutes_ago=n, n=n), department, "accept", n + 1)
    for q in ("", "没有的人"):
        with CaptureQueriesContext(connection) as sent:
            page = page_of(queue.section_applications(clerk, "accept", q=q, sort="due"), 50, 1)
            listed = list(page.object_list)
        assert len(listed) == (0 if q else 2) and page.paginator.count == len(listed)
        assert len([s for s in sent.captured_queries if s["sql"].startswith("SELECT COUNT")]) == 1, q

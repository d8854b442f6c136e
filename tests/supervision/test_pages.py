"""The supervision dashboard (监察) respects data scopes; drill-down, timeline and Excel export work."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from zhengtong.org.models import DataScope
from zhengtong.supervision import selectors, services
from zhengtong.supervision.scan import scan

from .. import factories as f
from ..downloads import body


def _review(department, subject_id, label, **kw):
    """A five-working-day review limit of a test case."""
    return services.clock_start(
        subject_type="t.case",
        subject_id=subject_id,
        subject_label=label,
        stage="review",
        stage_label="审查",
        department=department,
        limit=5,
        **kw,
    )


@pytest.fixture
def clocks(district, lisi, wangwu):
    old = timezone.now() - dt.timedelta(days=60)
    a = _review(district["A"], "A-1", "甲局办件", assignee=lisi, started_at=old)
    b = _review(district["B"], "B-1", "乙局办件", assignee=wangwu)
    scan()
    return a, b


def _supervisor(district, scope=DataScope.ALL, code="supervisor"):
    role = f.role(code, scope)
    role.supervises = True
    role.save(update_fields=["supervises"])
    return f.staff(f"jc_{code}", "钱七", district["A"], role)


def _many_running(department, n: int = 400, **kw) -> None:
    """Open limits far from due (green), and the planner told how the table looks: on a table of two rows every
    index costs the same, and which one PostgreSQL takes is the order it finds them in."""
    from django.db import connection

    from zhengtong.supervision.models import Clock

    now = timezone.now()
    Clock.objects.bulk_create(
        Clock(
            subject_type="t.bulk",
            subject_id=str(i),
            stage="review",
            department=department,
            limit=5,
            started_at=now,
            due_at=now + dt.timedelta(days=60 + i),
            yellow_at=now + dt.timedelta(days=50 + i),
            **kw,
        )
        for i in range(n)
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE supervision_clock")


def _merged_read(sent) -> str:
    """The statement that read a page of the merged list, not its count (which takes any rows of each range:
    core.paging.MergedRanges)."""
    return next(
        q["sql"]
        for q in sent.captured_queries
        if "UNION" in q["sql"] and "supervision_clock" in q["sql"] and not q["sql"].startswith("SELECT COUNT")
    )


def test_the_supervisor_sees_every_department(verified_client, district, clocks):
    page = verified_client(_supervisor(district)).get(reverse("workbench:supervision")).content.decode()
    assert "区市场监督管理局" in page and "区卫生健康局" in page
    assert 'id="trend-data"' in page


def test_a_department_head_sees_only_his_scope(verified_client, district, clocks):
    head = _supervisor(district, DataScope.DEPARTMENT_AND_BELOW, code="head")
    page = verified_client(head).get(reverse("workbench:supervision")).content.decode()
    assert "区市场监督管理局" in page and "区卫生健康局" not in page
    b = clocks[1]
    assert verified_client(head).get(reverse("workbench:supervision_clock", args=[b.pk])).status_code == 404


def test_a_clerk_without_the_role_cannot_open_the_dashboard(verified_client, lisi, clocks):
    assert verified_client(lisi).get(reverse("workbench:supervision")).status_code == 403


def test_the_red_filter_drills_down_to_the_late_clock(verified_client, district, clocks):
    page = (
        verified_client(_supervisor(district))
        .get(reverse("workbench:supervision_clocks"), {"state": "red"})
        .content.decode()
    )
    assert "甲局办件" in page and "乙局办件" not in page


def test_the_clock_page_shows_timeline_and_explanation(verified_client, district, clocks):
    page = (
        verified_client(_supervisor(district))
        .get(reverse("workbench:supervision_clock", args=[clocks[0].pk]))
        .content.decode()
    )
    assert "开始计时" in page and "正常 → 超时" in page and "收件当日为第0日" in page


def test_export_to_excel(verified_client, district, clocks):
    response = verified_client(_supervisor(district)).get(reverse("workbench:supervision_clocks"), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(body(response))).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("事项", "环节", "部门")
    assert {r[0] for r in rows[1:]} == {"甲局办件", "乙局办件"}


def test_the_workbench_home_lists_my_open_clocks_most_urgent_first(verified_client, district, lisi, clocks):
    services.clock_start(
        subject_type="t.case",
        subject_id="A-2",
        subject_label="甲局新件",
        stage="review",
        department=district["A"],
        assignee=lisi,
        limit=20,
    )
    page = verified_client(lisi).get(reverse("workbench:home")).content.decode()
    assert page.index("甲局办件") < page.index("甲局新件")
    assert "乙局办件" not in page


def test_an_assignee_opens_his_own_clock_whatever_his_scope(verified_client, district, wangwu, clocks):
    assert verified_client(wangwu).get(reverse("workbench:supervision_clock", args=[clocks[1].pk])).status_code == 200
    assert verified_client(wangwu).get(reverse("workbench:supervision_clock", args=[clocks[0].pk])).status_code == 404


def test_the_list_of_limits_shows_running_ones_first_on_every_database(verified_client, district, clocks):
    """Issue 26: the list is read by its index in its order, running limits first, nearest due first. PostgreSQL
    sorts NULLs last where SQLite sorts them first: the order names where a running limit (no stop) goes."""
    running, other = clocks
    services.clock_stop(clock=other)
    head = _supervisor(district, DataScope.DEPARTMENT_AND_BELOW, code="head")
    page = verified_client(_supervisor(district)).get(reverse("workbench:supervision_clocks")).content.decode()
    assert page.index("甲局办件") < page.index("乙局办件")
    # the department filter offers the departments of the viewer's scope, not those read off every clock
    form = verified_client(head).get(reverse("workbench:supervision_clocks")).context["form"]
    assert [d.code for d in form.fields["department"].queryset] == ["A", "A1"]


def test_the_list_index_exists_on_this_database(db):
    """Migration 0008 writes the index per database, outside Django's model state: a later rebuild of the table
    (SQLite alters by copying) must not lose it unnoticed."""
    from django.db import connection

    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "supervision_clock")
    assert indexes["clock_list"]["columns"] == ["stopped_at", "due_at"]
    assert indexes["clock_dept_list"]["columns"] == ["department_id", "stopped_at", "due_at", "id"]  # 0011
    assert indexes["clock_assignee_list"]["columns"] == ["assignee_id", "stopped_at", "due_at", "id"]
    # 0015: the indexes that lead with the assignee serve his look-ups; one of the column alone is written for none
    assert not [name for name, index in indexes.items() if index["index"] and index["columns"] == ["assignee_id"]]


def test_the_dashboard_counts_what_finished_in_its_thirty_days_not_every_clock_ever(district, clocks):
    """Issue 26 (no page's cost grows with the table): the finished columns and the rate are those of the last 30
    days, the trend's window, read by the index of stop times; work still open counts whenever it started."""
    from zhengtong.supervision import selectors
    from zhengtong.supervision.models import Clock

    a, b = clocks  # a: started 60 days ago, 5 working days: late and still open
    services.clock_stop(clock=a, at=a.started_at + dt.timedelta(days=40))  # finished late, 20 days ago
    old = _review(district["A"], "A-2", "甲局旧件", started_at=a.started_at)
    services.clock_stop(clock=old, at=old.started_at + dt.timedelta(hours=1))  # on time, 60 days ago
    rows = {r["department__name"]: r for r in selectors.department_counts(Clock.objects.all())}
    assert (rows["区市场监督管理局"]["late"], rows["区市场监督管理局"]["on_time"]) == (1, 0)
    assert rows["区卫生健康局"]["open"] == 1


def test_the_dashboards_figures_are_kept_a_minute_for_each_scope(district, clocks, monkeypatch):
    """Issue 26: the dashboard counts a month of limits on each view. Its figures change when the scan or a
    case moves a limit, so they are kept a minute in the shared cache, for each scope apart: a supervisor of
    the whole district never sees a department head's figures, nor the reverse."""
    from django.core.cache import cache

    from zhengtong.supervision import selectors

    cache.clear()
    counted = []
    original = selectors.department_counts
    monkeypatch.setattr(selectors, "department_counts", lambda c, **kw: counted.append(1) or original(c, **kw))
    everyone = selectors.dashboard_figures(selectors.visible_clocks(_supervisor(district)))
    assert selectors.dashboard_figures(selectors.visible_clocks(_supervisor(district, code="second"))) == everyone
    head = f.staff("head_a", "甲局长", district["A"], f.role("head", DataScope.DEPARTMENT_AND_BELOW))
    own = selectors.dashboard_figures(selectors.visible_clocks(head))
    assert len(counted) == 2 and {r["department__name"] for r in own["rows"]} == {"区市场监督管理局"}
    assert selectors.DASHBOARD_TTL <= 60


def test_a_level_of_the_open_limits_is_read_from_its_own_range_in_due_order(verified_client, district, clocks):
    """Issue 26: the list filtered to red walked every open limit in due order until fifty of the viewer's scope
    were red (16,797 rows at 1,000,000 limits, 97 ms); the open limits of one level are a range of their own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.plans import statement_plan

    _many_running(district["B"])
    with CaptureQueriesContext(connection) as sent:
        page = verified_client(_supervisor(district)).get(reverse("workbench:supervision_clocks"), {"state": "red"})
    assert page.status_code == 200 and "甲局办件" in page.content.decode()
    listed = [q["sql"] for q in sent.captured_queries if "supervision_clock" in q["sql"] and "ORDER BY" in q["sql"]]
    plan = statement_plan(listed[-1])
    assert "clock_open_level_due" in plan and "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize("state", ["", "on_time", "red"])
def test_the_list_of_limits_over_a_scope_holds_what_the_whole_list_held_in_its_order(
    verified_client, district, lisi, wangwu, state
):
    """Issue 26 (no page's cost grows with its table): a head's list walked every limit of the city in order until
    fifty of his departments' turned up (18,195 rows read for a page at 100,000 cases); each department of his
    scope, and his own limits, are now each read as an index range in the list's order and merged. The page holds
    exactly what the scoped list held, in its order, for every scope and filter."""
    from zhengtong.supervision.models import CLOCK_LIST_ORDER, Clock
    from zhengtong.workbench.supervision_views import LIST_ORDERS, STATE_FILTERS

    viewers = [
        _supervisor(district, scope, code=f"jc{n}")
        for n, scope in enumerate([DataScope.DEPARTMENT_AND_BELOW, DataScope.DEPARTMENT, DataScope.SELF, DataScope.ALL])
    ]
    started = timezone.now() - dt.timedelta(weeks=14)
    for n, department in enumerate([district["A"], district["A1"], district["B"]] * 4):
        assignee = [lisi, wangwu, viewers[2], viewers[1]][n % 4]  # some in another department than their clock
        at = started + dt.timedelta(weeks=n)  # no two due on one day: the order has no tie to break
        clock = _review(department, f"S-{n}", f"件{n}", assignee=assignee, started_at=at)
        if n % 3 == 1:
            services.clock_stop(clock=clock, at=at + dt.timedelta(days=n % 4))
    scan()
    order = LIST_ORDERS.get(state, CLOCK_LIST_ORDER)
    for user in viewers:
        expected = selectors.visible_clocks(user).order_by(*order)
        if state:
            expected = expected.filter(STATE_FILTERS[state])
        page = verified_client(user).get(reverse("workbench:supervision_clocks"), {"state": state} if state else {})
        listed = [clock.pk for clock in page.context["page"]]
        assert listed == list(expected.values_list("pk", flat=True)[:50]), (user.username, state)
    assert Clock.objects.count() == 12


@pytest.mark.parametrize(
    ("state", "index"),
    [
        ("", "clock_dept_list"),
        ("red", "clock_open_dept_level_due"),
        ("on_time", "clock_dept_outcome_stop"),
    ],
)
def test_a_heads_list_of_limits_reads_each_department_in_the_lists_order(
    verified_client, district, clocks, state, index
):
    """Issue 26: the statement behind a head's page reads each of his departments' limits from its own index range
    in the list's order (running first; a level's in due order; those finished newest first), stopped by its
    page's end, not the whole list walked or sorted. (His own limits' arm: the test below.)"""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.plans import arms_read_in_order, statement_plan
    from zhengtong.supervision.models import Clock, Outcome

    _many_running(district["A"])
    finished = {"stopped_at": timezone.now(), "outcome": Outcome.ON_TIME}
    Clock.objects.filter(subject_type="t.bulk", subject_id="0").update(**finished)  # a page of finished ones to read
    head = _supervisor(district, DataScope.DEPARTMENT_AND_BELOW, code="head")
    with CaptureQueriesContext(connection) as sent:
        page = verified_client(head).get(reverse("workbench:supervision_clocks"), {"state": state} if state else {})
    assert page.status_code == 200
    plan = statement_plan(_merged_read(sent))
    assert arms_read_in_order(plan, index, on="department_id"), plan


@pytest.mark.parametrize(
    ("state", "index"),
    [
        ("", "clock_assignee_list"),
        ("red", "clock_open_assignee_level_due"),
        ("late", "clock_assignee_outcome_stop"),
    ],
)
def test_a_heads_own_limits_are_read_in_the_lists_order_whatever_the_filter(verified_client, district, state, index):
    """Issue 26 (no page's cost grows with its table): a head's list merges his departments' ranges with his own
    limits, and that arm had an index in the list's order only unfiltered. Filtered to red at 1,000,000 limits,
    PostgreSQL read all 16,671 of a head's own limits and every red one of the city (340,103) as two bitmaps, 35 ms;
    filtered to those finished, it read his every limit and sorted them, 191 ms. Each filter's own range now."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.plans import arms_read_in_order, statement_plan
    from zhengtong.supervision.models import Clock, Level, Outcome

    head = _supervisor(district, DataScope.DEPARTMENT_AND_BELOW, code="head")
    _many_running(district["B"], assignee=head)  # his own, in a department outside his scope
    Clock.objects.filter(subject_id__in=[str(i) for i in range(0, 400, 4)]).update(level=Level.RED)
    late = {"stopped_at": timezone.now(), "outcome": Outcome.LATE}
    Clock.objects.filter(subject_id__in=[str(i) for i in range(1, 400, 4)]).update(**late)
    with CaptureQueriesContext(connection) as sent:
        page = verified_client(head).get(reverse("workbench:supervision_clocks"), {"state": state} if state else {})
    assert page.status_code == 200 and len(page.context["page"]) == 50
    plan = statement_plan(_merged_read(sent))
    assert arms_read_in_order(plan, index, on="assignee_id"), plan


@pytest.mark.parametrize("state", ["", "red", "late"])
def test_a_heads_pages_of_limits_due_at_one_moment_show_each_once(verified_client, district, lisi, state):
    """The review of the merged list: limits due the same day share one due time, and PostgreSQL's limited sort
    is not stable, so each page's merge took another subset of the tied rows (29 of 135 shown twice, as many never
    shown). The merged order ends with the key."""
    head = _supervisor(district, DataScope.DEPARTMENT_AND_BELOW, code="head")
    at = timezone.now() - dt.timedelta(days=30)
    n = 0
    for department, count, assignee in [
        (district["A"], 60, lisi),
        (district["A1"], 60, lisi),
        (district["B"], 15, head),
    ]:
        for _ in range(count):
            clock = _review(department, f"S-{n}", f"件{n}", assignee=assignee, started_at=at)
            if state == "late":  # stopped at one moment, late
                services.clock_stop(clock=clock, at=at + dt.timedelta(days=20))
            n += 1
    scan()
    client, seen = verified_client(head), []
    for number in (1, 2, 3):
        page = client.get(
            reverse("workbench:supervision_clocks"), {"page": number, **({"state": state} if state else {})}
        )
        seen += [clock.subject_id for clock in page.context["page"]]
    assert len(seen) == len(set(seen)) == 135

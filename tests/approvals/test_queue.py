"""A clerk's queue (the service hall in the workbench): what waits for the departments he works in and their
offices, oldest first, QUEUE_ROWS per section, with the count of each up to COUNT_CAP ("1000+" beyond it)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhengtong.approvals import queue
from zhengtong.approvals.models import Application, Branch, Status

from .. import factories as f


def _application(item, department, status, minutes_ago, n):
    return Application.objects.create(
        receipt_no=f"Q{n:06d}", query_hash="x", item=item, lead_department=department, applicant_name=f"申请人{n}",
        received_at=timezone.now() - dt.timedelta(minutes=minutes_ago), status=status)


def test_sections_are_oldest_first_capped_and_counted(item, district, lisi):
    for n in range(queue.QUEUE_ROWS + 3):
        _application(item, district["A"], Status.SUBMITTED, minutes_ago=n, n=n)
    _application(item, district["A"], Status.JOINING, minutes_ago=5, n=100)
    _application(item, district["B"], Status.SUBMITTED, minutes_ago=5, n=200)  # another department's
    for n in range(2):
        _application(item, district["A"], Status.CORRECTION, minutes_ago=5, n=300 + n)
    sections = queue.staff_queue(lisi)
    accept = sections["accept"]
    assert accept.count == queue.QUEUE_ROWS + 3 and len(accept.rows) == queue.QUEUE_ROWS
    assert [r.receipt_no for r in accept.rows][:2] == [f"Q{queue.QUEUE_ROWS + 2:06d}", f"Q{queue.QUEUE_ROWS + 1:06d}"]
    assert accept.rows[0].item_name == item.name and accept.rows[0].received_at.tzinfo is not None
    assert [r.receipt_no for r in sections["decide"].rows] == ["Q000100"] and sections["decide"].count == 1
    assert sections["deliver"].count == 0 and sections["deliver"].rows == []
    assert sections["correction"].count == 2 and [r.receipt_no for r in sections["correction"].rows] == ["Q000300", "Q000301"]


def test_a_count_stops_past_the_cap_and_the_page_says_so(item, district, lisi, verified_client, monkeypatch):
    """A backlog beyond COUNT_CAP shows as "COUNT_CAP+": counting every waiting row on every view cost the page more
    than everything else it does (decision 0011); the supervision dashboard keeps the exact figures."""
    monkeypatch.setattr(queue, "COUNT_CAP", 3)
    for n in range(5):
        _application(item, district["A"], Status.SUBMITTED, minutes_ago=n, n=n)
    for n in range(3):
        _application(item, district["A"], Status.CORRECTION, minutes_ago=n, n=10 + n)
    sections = queue.staff_queue(lisi)
    assert (sections["accept"].count, sections["accept"].capped) == (3, True)
    assert (sections["correction"].count, sections["correction"].capped) == (3, False)
    page = verified_client(lisi).get("/workbench/approvals/").content.decode()
    assert "待受理（3+）" in page and "等待申请人补正（3）" in page


def test_an_office_under_the_clerks_department_is_in_his_queue(item, district):
    clerk = f.staff("chief", "科长", district["A"])
    office_case = _application(item, district["A1"], Status.SUBMITTED, minutes_ago=1, n=1)
    assert [r.id for r in queue.staff_queue(clerk)["accept"].rows] == [office_case.pk]
    office_clerk = f.staff("a1clerk", "科员", district["A1"])
    _application(item, district["A"], Status.SUBMITTED, minutes_ago=2, n=2)  # the parent's case is not the office's
    assert [r.id for r in queue.staff_queue(office_clerk)["accept"].rows] == [office_case.pk]


def test_reviews_show_the_branch_department_and_the_lead_flag(item, district, wangwu):
    application = _application(item, district["A"], Status.REVIEWING, minutes_ago=3, n=1)
    Branch.objects.create(application=application, department=district["A"], is_lead=True, received_at=application.received_at)
    Branch.objects.create(application=application, department=district["B"], received_at=application.received_at)
    Branch.objects.create(application=_application(item, district["A"], Status.REVIEWING, minutes_ago=2, n=2),
                          department=district["B"], received_at=timezone.now(), state=Branch.State.AGREED)
    reviews = queue.staff_queue(wangwu)["reviews"]
    assert reviews.count == 1 and [(r.receipt_no, r.department_name, r.is_lead) for r in reviews.rows] == [("Q000001", "区卫生健康局", False)]


def test_a_user_without_a_department_has_an_empty_queue(db, zhangsan):
    assert all(s.count == 0 and s.rows == [] for s in queue.staff_queue(zhangsan).values())


def test_the_queue_page_links_each_case_and_shows_its_local_receipt_time(item, district, lisi, verified_client):
    application = _application(item, district["A"], Status.SUBMITTED, minutes_ago=3, n=7)
    page = verified_client(lisi).get("/workbench/approvals/").content.decode()
    local = timezone.localtime(application.received_at).strftime("%Y-%m-%d %H:%M")
    assert f'<a href="/workbench/approvals/{application.pk}/">Q000007</a>' in page and f"申请人7 · {local}" in page

"""The status lookup tells the running deadline (行政许可法 第四十二条: the applicant is entitled to know the limit;
issue 22 item 5) by the rule `case_deadline` gives every status page, from the rows of its one statement.

Written by the fresh-eyes review of session 56, which compared the two reads over every kind of limit: a window
promises nothing, a whole-case limit wins over the stages, paused when every such limit is paused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhengtong.approvals import services
from zhengtong.approvals.case import APPLICATION
from zhengtong.approvals.models import Event
from zhengtong.approvals.selectors import public_application
from zhengtong.supervision.models import Clock
from zhengtong.supervision.selectors import CaseDeadline, case_deadline

NOW = timezone.now().replace(microsecond=0)
D1, D2, D3 = (NOW + dt.timedelta(days=n) for n in (3, 5, 9))


def _clock(app, due, *, whole=False, window=False, paused=False, stopped=False):
    return Clock.objects.create(
        subject_type=APPLICATION.subject,
        subject_id=str(app.pk),
        stage="x",
        department=app.lead_department,
        limit=5,
        started_at=NOW,
        due_at=due,
        yellow_at=due,
        whole=whole,
        window=window,
        paused_since=NOW if paused else None,
        stopped_at=NOW if stopped else None,
    )


CASES = {
    "none": ([], None),
    "stopped only": ([dict(due=D1, stopped=True)], None),
    "window only": ([dict(due=D1, window=True)], None),
    "window ignored": ([dict(due=D3, window=True), dict(due=D1)], CaseDeadline(D1, False)),
    "stages: latest running": ([dict(due=D1), dict(due=D2), dict(due=D3, paused=True)], CaseDeadline(D2, False)),
    "stages all paused": ([dict(due=D1, paused=True), dict(due=D2, paused=True)], CaseDeadline(None, True)),
    "whole wins": ([dict(due=D1, whole=True), dict(due=D3)], CaseDeadline(D1, False)),
    "whole paused wins": ([dict(due=D1, whole=True, paused=True), dict(due=D3)], CaseDeadline(None, True)),
    "whole stopped": ([dict(due=D1, whole=True, stopped=True), dict(due=D3)], CaseDeadline(D3, False)),
    "whole window": ([dict(due=D1, whole=True, window=True), dict(due=D3)], CaseDeadline(D3, False)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_lookup_gives_case_deadlines_answer(name, item, zhangsan, uploads, form_data):
    app = services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)
    Clock.objects.filter(subject_type=APPLICATION.subject, subject_id=str(app.pk)).delete()
    other = services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)
    specs, expected = CASES[name]
    for spec in specs:
        _clock(app, **spec)
    found = public_application(app.receipt_no)
    assert found.deadline == case_deadline(APPLICATION.subject, app.pk) == expected
    assert found.receipt_no == app.receipt_no and len(found.events) == app.events.count() >= 1
    # the other application's clocks are not read
    assert public_application(other.receipt_no).deadline == case_deadline(APPLICATION.subject, other.pk)


def test_a_case_with_no_stages_still_has_its_limits(item, zhangsan, uploads, form_data):
    app = services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)
    Event.objects.filter(application=app).delete()
    Clock.objects.filter(subject_type=APPLICATION.subject, subject_id=str(app.pk)).delete()
    _clock(app, D2, paused=True)
    _clock(app, D1)
    found = public_application(app.receipt_no)
    assert found is not None and found.events == () and found.deadline == CaseDeadline(D1, False)
    assert found.item.name == item.name


def test_an_unknown_receipt_finds_nothing(db):
    assert public_application("NOPE") is None


def test_the_stages_stay_in_their_order_beside_the_limits(item, zhangsan, uploads, form_data, lisi):
    app = services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)
    services.application_request_correction(application=app, by=lisi, items=["缺少场所平面图"])
    _clock(app, D1)
    _clock(app, D2)
    found = public_application(app.receipt_no)
    stored = list(app.events.order_by("at", "id").values_list("id", flat=True))
    assert len(found.events) == len(stored) >= 2
    assert [e.at for e in found.events] == sorted(e.at for e in found.events)

"""条例 第三十条: "自收到申请之日起7个工作日内一次性告知申请人作出补正". The seven days are a window the office
may use, not a limit it can break: a clock that warns before it closes, closes without a violation, and is left
out of every on-time figure."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from zhengtong.core.errors import InvalidTransition
from zhengtong.disclosure import requests as svc
from zhengtong.org.models import Membership
from zhengtong.supervision import selectors
from zhengtong.supervision.deadline import day_end
from zhengtong.supervision.models import Clock, Level, Outcome, Violation
from zhengtong.supervision.scan import scan
from zhengtong.workdays.calendar import add_working_days, is_working_day

from .. import factories as f
from .test_requests import _register


def _window(request) -> Clock:
    return Clock.objects.get(subject_type="disclosure.request", subject_id=str(request.pk), stage="correction_notice")


def test_art_30_a_request_opens_a_seven_working_day_correction_window(district, zhangsan):
    request = _register(district["A"], zhangsan)
    window = _window(request)
    assert window.window and window.limit == 7 and window.unit == "working_days" and not window.whole
    assert window.due_at == day_end(add_working_days(request.received_on, 7))


def test_art_30_the_window_warns_the_office_before_it_closes(district, zhangsan):
    head = f.staff("head_a", "甲局长", district["A"])
    Membership.objects.filter(user=head).update(is_head=True)
    window = _window(_register(district["A"], zhangsan))
    assert scan(now=window.yellow_at)["yellow"] >= 1
    window.refresh_from_db()
    assert window.level == Level.YELLOW
    assert head.messages.filter(title__contains="补正告知期限").exists()


def test_art_30_a_closed_window_is_no_violation_and_no_late_case(district, zhangsan):
    request = _register(district["A"], zhangsan)
    window = _window(request)
    scan(now=window.due_at + dt.timedelta(minutes=1))
    window.refresh_from_db()
    assert window.stopped_at is not None and window.outcome == Outcome.LAPSED and window.level != Level.RED
    assert not Violation.objects.filter(clock=window).exists()
    rows = selectors.department_counts(Clock.objects.all())
    assert sum(r["late"] + r["red"] for r in rows) == 0
    answer = Clock.objects.get(subject_type="disclosure.request", subject_id=str(request.pk), stage="answer")
    assert answer.stopped_at is None, "the answer limit runs on"


def test_art_30_windows_are_left_out_of_the_dashboard_counts(district, zhangsan):
    _register(district["A"], zhangsan)
    rows = selectors.department_counts(Clock.objects.all())
    assert sum(r["open"] for r in rows) == 1, "only the answer limit is work that can be late"


def test_art_30_the_notice_closes_the_window_on_time(district, zhangsan, lisi):
    request = svc.request_correction(request=_register(district["A"], zhangsan), by=lisi, items=["文号"])
    window = _window(request)
    assert window.outcome == Outcome.ON_TIME


def test_art_30_an_answer_without_correction_closes_the_window_unused(district, zhangsan, lisi):
    request = svc.request_answer(request=_register(district["A"], zhangsan), by=lisi, answer_type="granted")
    assert _window(request).outcome == Outcome.CANCELLED


def _received_before_a_weekend_close() -> dt.date:
    """A receipt date whose seventh working day is followed by a day off."""
    day = timezone.localdate()
    while is_working_day(add_working_days(day, 7) + dt.timedelta(days=1)):
        day -= dt.timedelta(days=1)
    return day


def test_art_30_the_refusal_and_the_window_close_together(district, lisi):
    """The last day of the window still allows the notice; the day after it does not, even a Saturday: the seventh
    working day has ended, and the window's clock has closed with it."""
    received = _received_before_a_weekend_close()
    request = _register(district["A"], lisi, channel="registered_post", received_on=received)
    last = add_working_days(received, 7)
    saturday = last + dt.timedelta(days=1)
    with mock.patch("zhengtong.disclosure.requests.intake.timezone.localdate", return_value=saturday):
        with pytest.raises(InvalidTransition) as caught:
            svc.request_correction(request=request, by=lisi, items=["文号"])
    assert caught.value.code == "CORRECTION_TOO_LATE"
    assert _window(request).due_at == day_end(last)
    with mock.patch("zhengtong.disclosure.requests.intake.timezone.localdate", return_value=last):
        request = svc.request_correction(request=request, by=lisi, items=["文号"])
    assert request.correction_items == "文号"


def test_art_30_consulting_a_third_party_closes_the_window_unused(district, zhangsan, lisi):
    request = svc.request_consult(
        request=_register(district["A"], zhangsan), by=lisi, third_party="宁波港城贸易有限公司"
    )
    assert _window(request).outcome == Outcome.CANCELLED

"""Information-processing fees (issue 23 item 5; 政府信息公开条例 第四十二条 and 国办函〔2020〕109号《政府信息公开信息
处理费管理办法》): a fee is asked by a written notice with the amount, how to pay and the deadline (20 working days
from the notice); the time from the notice to payment is not counted in the answer limit; payment is recorded by
staff, once, at the published amount (another amount is refused and kept for 电子监察 as a fee outside the
standard); unpaid by the deadline, the request is treated as withdrawn and counted so in the annual report's
"逾期未缴费" row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhengtong.core.errors import InvalidInput, InvalidTransition
from zhengtong.disclosure import report
from zhengtong.disclosure import requests as svc
from zhengtong.disclosure.models import Request, RequestState
from zhengtong.supervision.models import Violation
from zhengtong.workdays.calendar import add_working_days

from .. import factories as f
from .test_requests import _clock, _register


@pytest.fixture
def charged(district, zhangsan, lisi):
    identifier = f.valid_id_number(sequence=7)
    for n in range(11):
        request = _register(district["A"], zhangsan, content=f"第{n + 1}件申请的信息", identifier=identifier)
    assert request.fee == 100  # the 11th this month
    return request


def test_the_fee_notice_states_amount_payment_and_deadline_and_stops_the_clock(charged, lisi, zhangsan):
    request = svc.request_fee_notice(request=charged, by=lisi)
    assert request.state == RequestState.FEE
    assert request.fee_due == add_working_days(timezone.localdate(), 20)
    assert _clock(request).paused_since is not None
    told = zhangsan.messages.filter(title__contains="收费通知").get()
    for text in ("100元", "缴费", f"{request.fee_due:%Y年%m月%d日}"):
        assert text in told.title + told.body, text


def test_payment_is_recorded_once_at_the_published_amount(charged, lisi, district):
    request = svc.request_fee_notice(request=charged, by=lisi)
    with pytest.raises(InvalidInput) as refused:
        svc.request_fee_paid(request=request, by=lisi, amount=150)
    assert refused.value.code == "FEE_NOT_STANDARD"
    violation = Violation.objects.get()
    assert violation.kind == Violation.Kind.FEE_NOT_PUBLISHED and violation.department == district["A"]
    assert Request.objects.get(pk=request.pk).state == RequestState.FEE
    request = svc.request_fee_paid(request=request, by=lisi, amount=100)
    assert request.state == RequestState.REGISTERED and request.fee_paid_on == timezone.localdate()
    assert _clock(request).paused_since is None
    with pytest.raises(InvalidTransition):
        svc.request_fee_paid(request=request, by=lisi, amount=100)


def test_no_notice_for_a_free_request(district, zhangsan, lisi):
    request = _register(district["A"], zhangsan)
    with pytest.raises(InvalidTransition) as refused:
        svc.request_fee_notice(request=request, by=lisi)
    assert refused.value.code == "FEE_NOT_DUE"


def test_unpaid_by_the_deadline_is_treated_as_withdrawn_and_counted_so(charged, lisi, district):
    request = svc.request_fee_notice(request=charged, by=lisi)
    assert svc.requests_abandon_overdue(today=request.fee_due) == 0
    assert svc.requests_abandon_overdue(today=request.fee_due + dt.timedelta(days=1)) == 1
    request.refresh_from_db()
    assert request.state == RequestState.ABANDONED and request.answer_reason == "fee_unpaid"
    built = report.build(year=timezone.localdate().year, department=district["A"])
    row = next(counts for _n, label, counts in built.section3.rows if "逾期未按收费通知" in label)
    assert row["total"] == 1 and built.section3.balanced


def test_the_correction_period_given_to_the_applicant_is_a_setting(district, zhangsan, lisi, settings):
    """条例 第三十条: "说明需要补正的事项和合理的补正期限" — the period is the office's to set."""
    settings.DISCLOSURE_CORRECTION_DAYS = 10
    request = svc.request_correction(request=_register(district["A"], zhangsan), by=lisi, items=["请写明文号"])
    assert request.correction_due == add_working_days(timezone.localdate(), 10)

"""Fees (国办函〔2020〕109号): what a request costs, the fee notice and the payment."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from zhengtong.audit.services import audit_record
from zhengtong.cases import guards, notices
from zhengtong.cases.guards import case_service
from zhengtong.core.errors import refuse
from zhengtong.supervision.models import ClockPause, Violation
from zhengtong.supervision.services import clock_pause, clock_resume
from zhengtong.workdays.calendar import add_working_days

from .. import errors
from ..case import REQUEST
from ..models import Request, RequestState
from .common import (
    FREE_PER_MONTH,
    close_window,
    locked,
    open_clock,
    require_may,
    require_state_for,
)


def fee_for(position_in_month: int) -> int:
    """国办函〔2020〕109号: per applicant per month the first 10 are free, the 11th–30th cost 100 元 each, and each
    further block of 10 adds 100 元 per request (31st–40th 200 元, 41st–50th 300 元 ...)."""
    if position_in_month <= FREE_PER_MONTH:
        return 0
    if position_in_month <= 30:
        return 100
    return 100 * (1 + -(-(position_in_month - 30) // 10))


@case_service
def request_fee_notice(*, request: Request, by) -> Request:
    """收费通知 (国办函〔2020〕109号): the amount, how to pay and the deadline, 20 working days; the answer limit
    pauses until payment."""
    request = locked(request)
    require_may(by, request, "fee_notice")
    require_state_for(request, "fee_notice", by)
    today = timezone.localdate()
    request.state, request.fee_notice_at = RequestState.FEE, timezone.now()
    request.fee_due = add_working_days(today, settings.DISCLOSURE_FEE_DAYS)
    request.save(update_fields=["state", "fee_notice_at", "fee_due", "updated_at"])
    clock = open_clock(request, "answer")
    if clock and clock.paused_since is None:
        clock_pause(clock=clock, reason=ClockPause.Reason.FEE, note=f"收费通知 {request.fee}元")
    close_window(request, used=False)  # a request being charged for is not sent back for correction
    audit_record(
        action="disclosure.request.fee_notice",
        obj=request,
        changes={"fee": [None, request.fee], "due": [None, str(request.fee_due)]},
    )
    notices.tell(
        REQUEST,
        request,
        f"收费通知：信息处理费{request.fee}元",
        f"您本月提出的政府信息公开申请数量超过免费数量，按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），"
        f"本申请（{request.receipt_no}）收取信息处理费{request.fee}元。请于{request.fee_due:%Y年%m月%d日}前到"
        f"{request.department.name}缴费（可现场缴纳或按缴费通知书载明的方式转账），逾期未缴纳的视为放弃申请。"
        "自发出收费通知之日起至缴费之日止的期间，不计算在答复期限内。",
    )
    return request


@case_service
def request_fee_paid(*, request: Request, by, amount: int) -> Request:
    """Payment recorded by staff, at the notice's amount only: another amount is a fee outside the published
    standard, refused and kept for 电子监察. The answer limit runs again."""
    request = locked(request)
    require_may(by, request, "fee_paid")
    require_state_for(request, "fee_paid", by)
    if amount != request.fee:
        refusal = refuse(errors.FEE_NOT_STANDARD, paid=amount, fee=request.fee)
        detail = f"登记缴费{amount}元，收费标准{request.fee}元"
        raise guards.reported(
            refusal,
            REQUEST,
            request,
            kind=Violation.Kind.FEE_NOT_PUBLISHED,
            department=request.department,
            detail=detail,
        )
    request.state, request.fee_paid_on = RequestState.REGISTERED, timezone.localdate()
    request.save(update_fields=["state", "fee_paid_on", "updated_at"])
    clock = open_clock(request, "answer")
    if clock and clock.paused_since is not None:
        clock_resume(clock=clock)
    audit_record(action="disclosure.request.fee_paid", obj=request, changes={"paid": [None, amount]})
    notices.tell(
        REQUEST,
        request,
        "信息处理费已缴纳",
        f"已收到您缴纳的信息处理费{amount}元，申请（{request.receipt_no}）继续办理。",
    )
    return request

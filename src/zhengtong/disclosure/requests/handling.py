"""Handling a request: third-party consultation, one extension, the answer, delivery and withdrawal (条例 Art.
32–36)."""

from __future__ import annotations

from django.utils import timezone

from zhengtong.audit.services import audit_record
from zhengtong.cases import guards, notices
from zhengtong.cases.guards import case_service
from zhengtong.core.errors import PermissionDenied, refuse, refuse_on
from zhengtong.org.access import is_head_of
from zhengtong.supervision.extensions import extension_decide, extension_request, pending_extension
from zhengtong.supervision.models import Clock, ClockPause, Violation
from zhengtong.supervision.services import clock_pause, clock_resume, clock_start, clock_stop

from .. import answers, errors
from ..case import REQUEST
from ..models import Request, RequestState
from .common import (
    CONSULTATION_LIMIT,
    EXTENSION,
    SUBJECT,
    close_window,
    link,
    locked,
    open_clock,
    require_may,
    require_state_for,
)


@case_service
def request_consult(*, request: Request, by, third_party: str) -> Request:
    """征求第三方意见: the answer limit pauses; the third party has 15 working days (Art. 32)."""
    request = locked(request)
    require_may(by, request, "consult")
    require_state_for(request, "consult", by)
    if not (third_party or "").strip():
        raise refuse_on("third_party", errors.THIRD_PARTY_REQUIRED)
    clock_pause(clock=open_clock(request, "answer"), reason=ClockPause.Reason.THIRD_PARTY, note=third_party[:300])
    close_window(request, used=False)  # a request put to a third party is understood: no correction follows
    clock_start(
        subject_type=SUBJECT,
        subject_id=str(request.pk),
        stage="consult",
        stage_label="第三方意见",
        subject_label=f"征求意见：{third_party}",
        department=request.department,
        assignee=by,
        limit=CONSULTATION_LIMIT,
    )
    request.state = RequestState.CONSULTING
    request.save(update_fields=["state", "updated_at"])
    audit_record(action="disclosure.request.consult", obj=request, changes={"third_party": [None, third_party]})
    return request


@case_service
def request_consulted(*, request: Request, by, opinion: str) -> Request:
    request = locked(request)
    require_may(by, request, "consulted")
    require_state_for(request, "consulted", by)
    consult = open_clock(request, "consult")
    if consult:
        clock_stop(clock=consult)
    clock_resume(clock=open_clock(request, "answer"))
    request.state = RequestState.REGISTERED
    request.save(update_fields=["state", "updated_at"])
    audit_record(
        action="disclosure.request.consulted", obj=request, changes={"opinion": [None, opinion or "逾期未提出意见"]}
    )
    return request


@case_service
def request_extend(*, request: Request, by, approver, reason: str) -> Request:
    """Ask the head of the office for +20 working days, once (Art. 33); he decides in his own session
    (request_extend_decide), and a head asking himself decides at once."""
    request = locked(request)
    require_may(by, request, "extend")
    require_state_for(request, "extend", by)
    if approver is None:  # none named: a missing field, as the hall's extension answers it
        raise refuse_on("approver", errors.EXTENSION_APPROVER)
    if not is_head_of(approver, request.department_id):
        raise refuse_on("approver", errors.EXTENSION_APPROVER, PermissionDenied)
    if not (reason or "").strip():
        raise refuse_on("reason", errors.REASON_REQUIRED)
    asked = extension_request(
        clock=open_clock(request, "answer"),
        amount=EXTENSION,
        reason=reason,
        by=by,
        approver=approver,
        link=link(request),
    )
    audit_record(
        action="disclosure.request.extend",
        obj=request,
        changes={"approver": [None, approver.get_username()], "reason": [None, reason]},
    )
    return _extended(request, asked) if asked.approved else request


@case_service
def request_extend_decide(*, request: Request, by, approve: bool, note: str = "") -> Request:
    """The head's decision: approved, the answer is due 20 working days later and the applicant is told."""
    request = locked(request)
    require_may(by, request, "extend_decide")
    require_state_for(request, "extend_decide", by)
    if not is_head_of(by, request.department_id):  # named while head; no longer the head, no decision
        raise refuse(errors.EXTENSION_APPROVER, PermissionDenied)
    decided = extension_decide(
        request=pending_extension(SUBJECT, request.pk),
        by=by,
        approve=approve,
        note=note,
        link=link(request),
    )
    return _extended(request, decided) if decided.approved else request


def _extended(request: Request, extension) -> Request:
    request.extended = True
    request.save(update_fields=["extended", "updated_at"])
    notices.tell(
        REQUEST,
        request,
        "延期答复",
        f"您的申请（{request.receipt_no}）答复期限延长{EXTENSION}个工作日。理由：{extension.reason}",
    )
    return request


@case_service
def request_answer(*, request: Request, by, answer_type: str, reason: str = "", text: str = "") -> Request:
    """The answer, one of the Art. 36 types with its structured reason; every refusal states why in words."""
    request = locked(request)
    require_may(by, request, "answer")
    require_state_for(request, "answer", by)
    if not answers.valid(answer_type, reason or ""):
        raise refuse_on("answer_reason" if answer_type in answers.REASONS else "answer_type", errors.ANSWER_REASON)
    text = (text or "").strip()
    if answer_type in answers.NEEDS_EXPLANATION and not text:
        refusal = refuse_on("text", errors.REASON_REQUIRED)
        kind, detail = Violation.Kind.REFUSAL_WITHOUT_REASON, "答复未说明理由"
        raise guards.reported(refusal, REQUEST, request, kind=kind, department=request.department, detail=detail)
    clock = open_clock(request, "answer")
    if clock:
        clock_stop(clock=clock)
    close_window(request, used=False)
    request.state, request.answer_type, request.answer_reason, request.answer_text = (
        RequestState.ANSWERED,
        answer_type,
        reason or "",
        text,
    )
    request.answered_at, request.answered_by = timezone.now(), by
    request.save()
    audit_record(action="disclosure.request.answer", obj=request, changes={"answer": [None, request.answer_label]})
    notices.tell(REQUEST, request, "已答复", f"您的申请（{request.receipt_no}）已答复：{request.answer_label}。")
    return request


@case_service
def request_deliver(*, request: Request, by, method: str) -> Request:
    request = locked(request)
    require_may(by, request, "deliver")
    require_state_for(request, "deliver", by)
    if not (method or "").strip():
        raise refuse_on("method", errors.DELIVERY_METHOD)
    request.state, request.delivered_at, request.delivery_method = (
        RequestState.DELIVERED,
        timezone.now(),
        method.strip()[:50],
    )
    request.save()
    audit_record(action="disclosure.request.deliver", obj=request, changes={"method": [None, request.delivery_method]})
    return request


@case_service
def request_withdraw(*, request: Request, by) -> Request:
    """The applicant withdraws; in the annual report it is 其他处理 — 其他."""
    request = locked(request)
    require_may(by, request, "withdraw")
    require_state_for(request, "withdraw", by)
    for clock in Clock.objects.filter(subject_type=SUBJECT, subject_id=str(request.pk), stopped_at__isnull=True):
        clock_stop(clock=clock, cancelled=True)
    request.state, request.answer_type, request.answer_reason = (
        RequestState.WITHDRAWN,
        answers.AnswerType.OTHER,
        "other",
    )
    request.answered_at = timezone.now()
    request.save()
    audit_record(action="disclosure.request.withdraw", obj=request)
    return request

"""Requests for disclosure (依申请公开, 条例 Art. 27–45), each step one audited service on the deadline clock:
register → (one correction notice within 7 working days; the limit restarts on the corrected request; abandoned
if not corrected in time) → (third-party consultation: the clock pauses, the third party has 15 working days) →
(one extension of 20 working days, approved by the head) → answer of one Art. 36 type with its reason → delivery.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from zhengtong.audit.services import audit_record
from zhengtong.cases import guards, lookup, transitions
from zhengtong.cases.guards import case_service
from zhengtong.core.crypto import blind_indexes
from zhengtong.core.errors import InvalidInput, InvalidTransition, PermissionDenied, refuse
from zhengtong.core.ids import IdentifierError, parse_id_number, parse_uscc
from zhengtong.core.models import SiteSettings
from zhengtong.core.reverse import reverse_once
from zhengtong.core.sql import next_key
from zhengtong.notifications.services import notify, sms_to
from zhengtong.org.access import is_head_of
from zhengtong.supervision.extensions import extension_decide, extension_request, pending_extension
from zhengtong.supervision.models import Clock, ClockPause, Violation
from zhengtong.supervision.services import clock_pause, clock_resume, clock_start, clock_stop
from zhengtong.workdays.calendar import add_working_days

from . import answers, errors
from .case import OPEN, REQUEST
from .models import ApplicantKind, Channel, Request, RequestState

SUBJECT = REQUEST.subject
ANSWER_LIMIT = 20  # Art. 33
EXTENSION = 20  # Art. 33
CORRECTION_NOTICE_WITHIN = 7  # Art. 30
WINDOW = "correction_notice"
CONSULTATION_LIMIT = 15  # Art. 32
FREE_PER_MONTH = 10  # 国办函〔2020〕109号
OPEN_STATES = OPEN


def fee_for(position_in_month: int) -> int:
    """国办函〔2020〕109号: per applicant per month the first 10 are free, the 11th–30th cost 100 元 each, and each
    further block of 10 adds 100 元 per request (31st–40th 200 元, 41st–50th 300 元 ...)."""
    if position_in_month <= FREE_PER_MONTH:
        return 0
    if position_in_month <= 30:
        return 100
    return 100 * (1 + -(-(position_in_month - 30) // 10))


def _start_of_day(day: dt.date) -> dt.datetime:
    return min(timezone.make_aware(dt.datetime.combine(day, dt.time(9))), timezone.now())


def _answer_clock(request: Request, day: dt.date, by) -> Clock:
    return clock_start(
        subject_type=SUBJECT,
        subject_id=str(request.pk),
        stage="answer",
        stage_label="答复",
        subject_label=f"政府信息公开申请（{request.receipt_no}）",
        department=request.department,
        assignee=by if getattr(by, "kind", "") == "staff" else None,
        limit=ANSWER_LIMIT,
        started_at=_start_of_day(day),
        whole=True,  # the statutory limit of the whole request (条例 Art. 33): what the applicant is told
    )


def _correction_window(request: Request, by) -> Clock:
    """Art. 30's seven working days to ask for a correction: a window that warns before it closes, not a limit."""
    return clock_start(
        subject_type=SUBJECT,
        subject_id=str(request.pk),
        stage=WINDOW,
        stage_label="补正告知期限",
        subject_label=f"政府信息公开申请（{request.receipt_no}）",
        department=request.department,
        assignee=by if getattr(by, "kind", "") == "staff" else None,
        limit=CORRECTION_NOTICE_WITHIN,
        started_at=_start_of_day(request.received_on),
        window=True,
    )


def _close_window(request: Request, *, used: bool) -> None:
    clock = _open_clock(request, WINDOW)
    if clock:
        clock_stop(clock=clock, cancelled=not used)


def _open_clock(request: Request, stage: str) -> Clock | None:
    return Clock.objects.filter(
        subject_type=SUBJECT, subject_id=str(request.pk), stage=stage, stopped_at__isnull=True
    ).first()


def _check_identifier(kind: str, identifier: str) -> str:
    try:
        return parse_id_number(identifier).value if kind == ApplicantKind.PERSON else parse_uscc(identifier)
    except IdentifierError as exc:
        raise InvalidInput(
            str(exc.message), code=exc.code, fields={"identifier": [{"code": exc.code, "message": str(exc.message)}]}
        ) from None


@case_service
def request_register(
    *,
    department,
    by,
    applicant_kind: str,
    applicant_name: str,
    identifier: str,
    contact_phone: str,
    content: str,
    channel: str = Channel.ONLINE,
    received_on: dt.date | None = None,
    contact_address: str = "",
    submission_key: str = "",
) -> Request:
    """Online by the applicant (received today: the platform confirms at once), or by staff from paper, post, fax
    or e-mail with the receipt date Art. 31 gives for that channel. The same applicant's `submission_key` (his
    form's) again gets the request it made, and registers nothing."""
    content, applicant_name = (content or "").strip(), (applicant_name or "").strip()
    if not content:
        raise refuse(errors.REQUEST_CONTENT)
    if not applicant_name or not (contact_phone or "").strip():
        raise refuse(errors.REQUEST_CONTACT)
    if applicant_kind not in ApplicantKind.values or channel not in Channel.values:
        raise refuse(errors.REQUEST_CONTENT)
    identifier = _check_identifier(applicant_kind, (identifier or "").strip().upper())
    today = timezone.localdate()
    staff = getattr(by, "kind", "") == "staff"
    sent_as = f"{department.pk}\n{content}\n{contact_phone}\n{contact_address}"
    digest = lookup.submission_digest(REQUEST, f"u{by.pk}", submission_key[:64], sent_as) if submission_key else ""
    if digest:
        made = lookup.made_before(REQUEST, Request, digest)
        if made is not None:
            return made
    received_on = received_on if staff and received_on else today
    if received_on > today:
        raise refuse(errors.RECEIVED_IN_FUTURE)
    month = received_on.replace(day=1)
    earlier = Request.objects.filter(
        identifier_index__in=blind_indexes(identifier), received_on__gte=month, received_on__lte=received_on
    ).count()
    key = next_key(Request)  # the receipt number is written with the row: a placeholder made registrations wait in turn
    request = Request.objects.create(
        pk=key,
        receipt_no=f"GK{received_on:%Y}-{key:06d}",
        submission_key=digest,
        department=department,
        applicant=None if staff else by,
        applicant_kind=applicant_kind,
        applicant_name=applicant_name,
        identifier=identifier,
        contact_phone=contact_phone.strip(),
        contact_address=contact_address,
        channel=channel if staff else Channel.ONLINE,
        received_on=received_on,
        content=content,
        fee=fee_for(earlier + 1),
        created_by=by,
        updated_by=by,
    )
    _answer_clock(request, received_on, by)
    _correction_window(request, by)
    audit_record(
        action="disclosure.request.register",
        obj=request,
        changes={"channel": [None, request.get_channel_display()], "received_on": [None, str(received_on)]},
    )
    if request.applicant is not None:
        # Issue 22 item 5: the application number to the applicant's account mobile. A request has no query code
        # (no public status lookup): he follows it under 我的申请. A request staff register from paper has no
        # account behind it, and the contact phone on it was never proved: no SMS.
        sms_to(
            mobile=request.applicant.mobile or "",
            recipient=request.applicant,
            title=f"您的政府信息公开申请已收到，申请编号 {request.receipt_no}。登录"
            f"{SiteSettings.current().site_name}网站可在“我的申请”中查看办理进度。",
        )
    return request


def _locked(request: Request) -> Request:
    return guards.locked(Request.objects.select_related("department", "applicant"), request)


def _require_may(by, request: Request, action: str) -> None:
    """Who may take `action` (disclosure/case.py), refused and audited."""
    error = errors.NOT_APPLICANT if action == "withdraw" else errors.NOT_OFFICE
    transitions.require_may(REQUEST, request, by, action, error)


def _require_state_for(request: Request, action: str, by) -> None:
    """The states `action` is taken from (disclosure/case.py), refused (409, the state named) and audited."""
    transitions.require_state_for(REQUEST, request, action, errors.REQUEST_WRONG_STATE, by)


def _tell(request: Request, title: str, body: str) -> None:
    if request.applicant_id:
        notify(recipients=[request.applicant], title=title, body=body)


@case_service
def request_correction(*, request: Request, by, items: list[str]) -> Request:
    """One notice listing everything to correct, within 7 working days of receipt (Art. 30); the answer limit
    stops and restarts from the corrected request."""
    request = _locked(request)
    _require_may(by, request, "correction")
    _require_state_for(request, "correction", by)
    items = [i.strip() for i in items if i and i.strip()]
    if not items:
        raise refuse(errors.CORRECTION_ITEMS)
    today = timezone.localdate()
    # Closed at the end of the seventh working day, as the window's clock is: a weekend after it is no extra time.
    if today > add_working_days(request.received_on, CORRECTION_NOTICE_WITHIN):
        raise refuse(errors.CORRECTION_TOO_LATE, InvalidTransition)
    clock = _open_clock(request, "answer")
    if clock:
        clock_stop(clock=clock, cancelled=True)
    _close_window(request, used=True)
    request.state, request.correction_items = RequestState.CORRECTION, "\n".join(items)
    request.correction_due = add_working_days(today, settings.DISCLOSURE_CORRECTION_DAYS)
    request.save()
    audit_record(
        action="disclosure.request.correction", obj=request, changes={"items": [None, request.correction_items]}
    )
    _tell(request, "政府信息公开申请需要补正", f"请于{request.correction_due:%Y年%m月%d日}前补正：{'；'.join(items)}")
    return request


@case_service
def request_correct(*, request: Request, by, content: str) -> Request:
    """The corrected request: the 20 working days start again from the day it arrives."""
    request = _locked(request)
    _require_may(by, request, "correct")
    _require_state_for(request, "correct", by)
    if not (content or "").strip():
        raise refuse(errors.REQUEST_CONTENT)
    today = timezone.localdate()
    request.content = f"{request.content}\n【补正 {today:%Y-%m-%d}】{content.strip()}"
    request.state, request.corrected_on = RequestState.REGISTERED, today
    request.save()
    _answer_clock(request, today, by)
    audit_record(action="disclosure.request.correct", obj=request)
    return request


@case_service
def requests_abandon_overdue(*, today: dt.date | None = None) -> int:
    """A correction not made by its due date (Art. 30), or a fee not paid by its (国办函〔2020〕109号): the request
    is treated as abandoned, and the annual report counts it on its row."""
    today = today or timezone.localdate()
    abandoned = 0
    overdue = Q(state=RequestState.CORRECTION, correction_due__lt=today) | Q(state=RequestState.FEE, fee_due__lt=today)
    for request in Request.objects.select_for_update().filter(overdue):
        reason = "fee_unpaid" if request.state == RequestState.FEE else "not_corrected"
        clock = _open_clock(request, "answer")
        if clock:
            clock_stop(clock=clock, cancelled=True)
        _close_window(request, used=False)
        request.state = RequestState.ABANDONED
        request.answer_type, request.answer_reason = answers.AnswerType.OTHER, reason
        request.answered_at = timezone.now()
        request.save()
        audit_record(action="disclosure.request.abandon", obj=request, changes={"reason": [None, reason]})
        abandoned += 1
    return abandoned


@case_service
def request_fee_notice(*, request: Request, by) -> Request:
    """收费通知 (国办函〔2020〕109号): the amount, how to pay and the deadline, 20 working days; the answer limit
    pauses until payment."""
    request = _locked(request)
    _require_may(by, request, "fee_notice")
    _require_state_for(request, "fee_notice", by)
    today = timezone.localdate()
    request.state, request.fee_notice_at = RequestState.FEE, timezone.now()
    request.fee_due = add_working_days(today, settings.DISCLOSURE_FEE_DAYS)
    request.save(update_fields=["state", "fee_notice_at", "fee_due", "updated_at"])
    clock = _open_clock(request, "answer")
    if clock and clock.paused_since is None:
        clock_pause(clock=clock, reason=ClockPause.Reason.FEE, note=f"收费通知 {request.fee}元")
    _close_window(request, used=False)  # a request being charged for is not sent back for correction
    audit_record(
        action="disclosure.request.fee_notice",
        obj=request,
        changes={"fee": [None, request.fee], "due": [None, str(request.fee_due)]},
    )
    _tell(
        request,
        f"政府信息公开申请收费通知：信息处理费{request.fee}元",
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
    request = _locked(request)
    _require_may(by, request, "fee_paid")
    _require_state_for(request, "fee_paid", by)
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
    clock = _open_clock(request, "answer")
    if clock and clock.paused_since is not None:
        clock_resume(clock=clock)
    audit_record(action="disclosure.request.fee_paid", obj=request, changes={"paid": [None, amount]})
    _tell(request, "信息处理费已缴纳", f"已收到您缴纳的信息处理费{amount}元，申请（{request.receipt_no}）继续办理。")
    return request


@case_service
def request_consult(*, request: Request, by, third_party: str) -> Request:
    """征求第三方意见: the answer limit pauses; the third party has 15 working days (Art. 32)."""
    request = _locked(request)
    _require_may(by, request, "consult")
    _require_state_for(request, "consult", by)
    if not (third_party or "").strip():
        raise refuse(errors.REASON_REQUIRED)
    clock_pause(clock=_open_clock(request, "answer"), reason=ClockPause.Reason.THIRD_PARTY, note=third_party[:300])
    _close_window(request, used=False)  # a request put to a third party is understood: no correction follows
    clock_start(
        subject_type=SUBJECT,
        subject_id=str(request.pk),
        stage="consult",
        stage_label="第三方意见",
        subject_label=f"征求意见：{third_party}"[:200],
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
    request = _locked(request)
    _require_may(by, request, "consulted")
    _require_state_for(request, "consulted", by)
    consult = _open_clock(request, "consult")
    if consult:
        clock_stop(clock=consult)
    clock_resume(clock=_open_clock(request, "answer"))
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
    request = _locked(request)
    _require_may(by, request, "extend")
    _require_state_for(request, "extend", by)
    if not is_head_of(approver, request.department_id):
        raise refuse(errors.EXTENSION_APPROVER, PermissionDenied)
    if not (reason or "").strip():
        raise refuse(errors.REASON_REQUIRED)
    asked = extension_request(
        clock=_open_clock(request, "answer"),
        amount=EXTENSION,
        reason=reason,
        by=by,
        approver=approver,
        link=_link(request),
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
    request = _locked(request)
    _require_may(by, request, "extend_decide")
    _require_state_for(request, "extend_decide", by)
    if not is_head_of(by, request.department_id):  # named while head; no longer the head, no decision
        raise refuse(errors.EXTENSION_APPROVER, PermissionDenied)
    decided = extension_decide(
        request=pending_extension(SUBJECT, request.pk),
        by=by,
        approve=approve,
        note=note,
        link=_link(request),
    )
    return _extended(request, decided) if decided.approved else request


def _extended(request: Request, extension) -> Request:
    request.extended = True
    request.save(update_fields=["extended", "updated_at"])
    _tell(
        request,
        "政府信息公开申请延期答复",
        f"您的申请（{request.receipt_no}）答复期限延长{EXTENSION}个工作日。理由：{extension.reason}",
    )
    return request


def _link(request: Request) -> str:
    return reverse_once("workbench_disclosure:request", request.pk)


@case_service
def request_answer(*, request: Request, by, answer_type: str, reason: str = "", text: str = "") -> Request:
    """The answer, one of the Art. 36 types with its structured reason; every refusal states why in words."""
    request = _locked(request)
    _require_may(by, request, "answer")
    _require_state_for(request, "answer", by)
    if not answers.valid(answer_type, reason or ""):
        raise refuse(errors.ANSWER_REASON)
    text = (text or "").strip()
    if answer_type in answers.NEEDS_EXPLANATION and not text:
        refusal = refuse(errors.REASON_REQUIRED)
        kind, detail = Violation.Kind.REFUSAL_WITHOUT_REASON, "答复未说明理由"
        raise guards.reported(refusal, REQUEST, request, kind=kind, department=request.department, detail=detail)
    clock = _open_clock(request, "answer")
    if clock:
        clock_stop(clock=clock)
    _close_window(request, used=False)
    request.state, request.answer_type, request.answer_reason, request.answer_text = (
        RequestState.ANSWERED,
        answer_type,
        reason or "",
        text,
    )
    request.answered_at, request.answered_by = timezone.now(), by
    request.save()
    audit_record(action="disclosure.request.answer", obj=request, changes={"answer": [None, request.answer_label]})
    _tell(request, "政府信息公开申请已答复", f"您的申请（{request.receipt_no}）已答复：{request.answer_label}。")
    return request


@case_service
def request_deliver(*, request: Request, by, method: str) -> Request:
    request = _locked(request)
    _require_may(by, request, "deliver")
    _require_state_for(request, "deliver", by)
    if not (method or "").strip():
        raise refuse(errors.REASON_REQUIRED)
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
    request = _locked(request)
    _require_may(by, request, "withdraw")
    _require_state_for(request, "withdraw", by)
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

"""A request received (online or from paper), corrected once if asked, abandoned when not corrected or paid in
time (条例 Art. 30, 31)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from zhengtong import privacy
from zhengtong.audit.services import audit_record
from zhengtong.cases import lookup, notices
from zhengtong.cases.guards import case_service
from zhengtong.core.crypto import blind_indexes
from zhengtong.core.errors import InvalidTransition, refuse, refuse_on
from zhengtong.core.models import SiteSettings
from zhengtong.core.sql import next_key
from zhengtong.notifications.services import sms_to
from zhengtong.supervision.services import clock_stop
from zhengtong.workdays.calendar import add_working_days

from .. import answers, errors
from ..case import REQUEST
from ..models import ApplicantKind, Channel, Request, RequestState
from .common import (
    CORRECTION_NOTICE_WITHIN,
    answer_clock,
    check_identifier,
    close_window,
    correction_window,
    locked,
    open_clock,
    require_may,
    require_state_for,
)
from .fees import fee_for


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
        raise refuse_on("content", errors.REQUEST_CONTENT)
    for name, value in (("applicant_name", applicant_name), ("contact_phone", contact_phone)):
        if not (value or "").strip():
            raise refuse_on(name, errors.REQUEST_CONTACT)
    if privacy.numbers_in(applicant_name):  # stored in clear and shown to staff: a name only
        raise refuse_on("applicant_name", errors.REQUEST_NAME_NOT_A_NAME)
    for name, value, values in (("applicant_kind", applicant_kind, ApplicantKind), ("channel", channel, Channel)):
        if value not in values.values:
            raise refuse_on(name, errors.REQUEST_CONTENT)
    identifier = check_identifier(applicant_kind, (identifier or "").strip().upper())
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
        raise refuse_on("received_on", errors.RECEIVED_IN_FUTURE)
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
    answer_clock(request, received_on, by)
    correction_window(request, by)
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


@case_service
def request_correction(*, request: Request, by, items: list[str]) -> Request:
    """One notice listing everything to correct, within 7 working days of receipt (Art. 30); the answer limit
    stops and restarts from the corrected request."""
    request = locked(request)
    require_may(by, request, "correction")
    require_state_for(request, "correction", by)
    items = [i.strip() for i in items if i and i.strip()]
    if not items:
        raise refuse_on("items", errors.CORRECTION_ITEMS)
    today = timezone.localdate()
    # Closed at the end of the seventh working day, as the window's clock is: a weekend after it is no extra time.
    if today > add_working_days(request.received_on, CORRECTION_NOTICE_WITHIN):
        raise refuse(errors.CORRECTION_TOO_LATE, InvalidTransition)
    clock = open_clock(request, "answer")
    if clock:
        clock_stop(clock=clock, cancelled=True)
    close_window(request, used=True)
    request.state, request.correction_items = RequestState.CORRECTION, "\n".join(items)
    request.correction_due = add_working_days(today, settings.DISCLOSURE_CORRECTION_DAYS)
    request.save()
    audit_record(
        action="disclosure.request.correction", obj=request, changes={"items": [None, request.correction_items]}
    )
    notices.tell(REQUEST, request, "需要补正", f"请于{request.correction_due:%Y年%m月%d日}前补正：{'；'.join(items)}")
    return request


@case_service
def request_correct(*, request: Request, by, content: str) -> Request:
    """The corrected request: the 20 working days start again from the day it arrives."""
    require_may(by, request, "correct")  # before the lock, as every step's: who may does not depend on the state
    request = locked(request)
    require_state_for(request, "correct", by)
    if not (content or "").strip():
        raise refuse_on("content", errors.REQUEST_CONTENT)
    today = timezone.localdate()
    request.content = f"{request.content}\n【补正 {today:%Y-%m-%d}】{content.strip()}"
    request.state, request.corrected_on = RequestState.REGISTERED, today
    request.save()
    answer_clock(request, today, by)
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
        clock = open_clock(request, "answer")
        if clock:
            clock_stop(clock=clock, cancelled=True)
        close_window(request, used=False)
        request.state = RequestState.ABANDONED
        request.answer_type, request.answer_reason = answers.AnswerType.OTHER, reason
        request.answered_at = timezone.now()
        request.save()
        audit_record(action="disclosure.request.abandon", obj=request, changes={"reason": [None, reason]})
        abandoned += 1
    return abandoned

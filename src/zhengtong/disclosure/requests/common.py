"""What every step of a request shares: the limits, the clocks, the row lock and the guards, the word to the
applicant."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhengtong.cases import guards, transitions
from zhengtong.core.errors import refuse_on
from zhengtong.core.ids import IdentifierError, parse_id_number, parse_uscc
from zhengtong.core.reverse import reverse_once
from zhengtong.supervision.models import Clock
from zhengtong.supervision.services import clock_start, clock_stop

from .. import errors
from ..case import OPEN, REQUEST
from ..models import ApplicantKind, Request

SUBJECT = REQUEST.subject
ANSWER_LIMIT = 20  # Art. 33
EXTENSION = 20  # Art. 33
CORRECTION_NOTICE_WITHIN = 7  # Art. 30
WINDOW = "correction_notice"
CONSULTATION_LIMIT = 15  # Art. 32
FREE_PER_MONTH = 10  # 国办函〔2020〕109号
OPEN_STATES = OPEN


def start_of_day(day: dt.date) -> dt.datetime:
    return min(timezone.make_aware(dt.datetime.combine(day, dt.time(9))), timezone.now())


def answer_clock(request: Request, day: dt.date, by) -> Clock:
    return clock_start(
        subject_type=SUBJECT,
        subject_id=str(request.pk),
        stage="answer",
        stage_label="答复",
        subject_label=f"政府信息公开申请（{request.receipt_no}）",
        department=request.department,
        assignee=by if getattr(by, "kind", "") == "staff" else None,
        limit=ANSWER_LIMIT,
        started_at=start_of_day(day),
        whole=True,  # the statutory limit of the whole request (条例 Art. 33): what the applicant is told
    )


def correction_window(request: Request, by) -> Clock:
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
        started_at=start_of_day(request.received_on),
        window=True,
    )


def close_window(request: Request, *, used: bool) -> None:
    clock = open_clock(request, WINDOW)
    if clock:
        clock_stop(clock=clock, cancelled=not used)


def open_clock(request: Request, stage: str) -> Clock | None:
    return Clock.objects.filter(
        subject_type=SUBJECT, subject_id=str(request.pk), stage=stage, stopped_at__isnull=True
    ).first()


def check_identifier(kind: str, identifier: str) -> str:
    try:
        return parse_id_number(identifier).value if kind == ApplicantKind.PERSON else parse_uscc(identifier)
    except IdentifierError as exc:
        raise refuse_on("identifier", (exc.code, exc.message)) from None


def locked(request: Request) -> Request:
    return guards.locked(Request.objects.select_related("department", "applicant"), request)


def require_may(by, request: Request, action: str) -> None:
    """Who may take `action` (disclosure/case.py), refused and audited."""
    error = errors.NOT_APPLICANT if action == "withdraw" else errors.NOT_OFFICE
    if action == "correct" and request.applicant_id is not None and by.pk != request.applicant_id:
        error = errors.CORRECT_BY_APPLICANT
    transitions.require_may(REQUEST, request, by, action, error)


def require_state_for(request: Request, action: str, by) -> None:
    """The states `action` is taken from (disclosure/case.py), refused (409, the state named) and audited."""
    transitions.require_state_for(REQUEST, request, action, errors.REQUEST_WRONG_STATE, by)


def link(request: Request) -> str:
    return reverse_once("workbench_disclosure:request", request.pk)

"""Every 差评 followed up (国办发〔2019〕51号: "实名差评回访整改率100%"): the rated department verifies it within one
working day and rectifies within five (settings), each on the deadline clock; the rater is told the outcome. A
department that finds the rating is not about its work appeals instead; the supervision role decides, and while it
decides the clock is paused, not stopped, and a department appeals a 差评 once.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from zhengtong.audit.services import audit_record
from zhengtong.core.errors import InvalidInput, InvalidTransition, PermissionDenied, refuse
from zhengtong.notifications.services import notify, sms_to
from zhengtong.org.access import heads, works_in
from zhengtong.supervision.access import may_supervise, supervisors
from zhengtong.supervision.models import Clock, ClockPause, Outcome
from zhengtong.supervision.services import clock_pause, clock_resume, clock_start, clock_stop

from . import errors
from .access import denied
from .models import FollowUp, Rating
from .publication import public_copy

SUBJECT = "evaluation.followup"
State = FollowUp.State
# The states each step is taken from: the services check them under the row lock, the page offers what they allow
STEP_STATES = {
    "verify": (State.VERIFYING,),
    "rectify": (State.RECTIFYING,),
    "appeal": (State.VERIFYING, State.RECTIFYING),
    "decide": (State.APPEALED,),
}


def may_decide(user, follow_up: FollowUp) -> bool:
    """Supervision decides an appeal; the rated department never judges its own, even where its head holds a
    supervising role."""
    return may_supervise(user) and not works_in(user, follow_up.rating.department_id)


def allowed_steps(follow_up: FollowUp, user) -> set[str]:
    """The steps `user` may take on the follow-up as it stands: what its page offers, by the services' own rules."""
    if works_in(user, follow_up.rating.department_id):
        steps = {step for step in ("verify", "rectify", "appeal") if follow_up.state in STEP_STATES[step]}
        return steps - {"appeal"} if follow_up.appeal_reason else steps  # one appeal (followup_appeal)
    return {"decide"} if may_decide(user, follow_up) and follow_up.state in STEP_STATES["decide"] else set()


def _clock(follow_up: FollowUp) -> Clock | None:
    return Clock.objects.filter(subject_type=SUBJECT, subject_id=str(follow_up.pk), stopped_at__isnull=True).first()


def running_clocks(follow_up_ids) -> dict[int, Clock]:
    """The running limit of each of these follow-ups (a list's page), in one read."""
    running = Clock.objects.filter(
        subject_type=SUBJECT, subject_id__in=[str(pk) for pk in follow_up_ids], stopped_at__isnull=True
    )
    return {int(clock.subject_id): clock for clock in running}


def _start(follow_up: FollowUp, stage: str, label: str, limit: int) -> Clock:
    rating = follow_up.rating
    return clock_start(
        subject_type=SUBJECT,
        subject_id=str(follow_up.pk),
        stage=stage,
        stage_label=label,
        subject_label=f"差评：{rating.invitation.item_name}",  # never the case number: it leads to the rater
        department=rating.department,
        limit=limit,
    )


def follow_up_open(rating: Rating) -> FollowUp:
    """In the rating's own transaction: the follow-up, its verification clock, and word to the department's heads
    and the supervisors (the rater is not named)."""
    follow_up = FollowUp.objects.create(rating=rating)
    _start(follow_up, "verify", "差评核实", settings.EVALUATION_VERIFY_DAYS)
    audit_record(action="evaluation.followup.open", obj=follow_up)
    notify(
        recipients=[*heads(rating.department_id), *supervisors()],
        title=f"收到差评，请在{settings.EVALUATION_VERIFY_DAYS}个工作日内核实：{rating.invitation.item_name}"[:200],
        link=reverse("workbench_evaluation:detail", args=[follow_up.pk]),
    )
    return follow_up


def _refusals_recorded(step: str):
    """Every refusal of the step is on the record (issue 19, bad input): one of who may is written where it is
    raised (`denied`, before the transaction); one for the state or the words, which the transaction's rollback
    would take with it, after it."""

    def wrap(service):
        @functools.wraps(service)
        def run(*, follow_up: FollowUp, by, **values):
            try:
                return service(follow_up=follow_up, by=by, **values)
            except (InvalidTransition, InvalidInput) as refusal:
                state = getattr(refusal, "state", follow_up.state)
                denied(f"evaluation.refused.{step}", by=by, obj=follow_up, code=refusal.code, state=state)
                raise

        return run

    return wrap


def _locked(follow_up: FollowUp) -> FollowUp:
    return FollowUp.objects.select_for_update().select_related("rating__invitation").get(pk=follow_up.pk)


def _require_department(follow_up: FollowUp, by, action: str) -> None:
    """Checked before the service's transaction opens (the rated department never changes), so the refusal's
    audit row is not rolled back with it."""
    if not works_in(by, follow_up.rating.department_id):
        denied(f"evaluation.denied.{action}", by=by, obj=follow_up)
        raise refuse(errors.NOT_DEPARTMENT, PermissionDenied)


def _require_state(follow_up: FollowUp, *states: str) -> None:
    if follow_up.state not in states:
        refusal = refuse(errors.WRONG_STATE, InvalidTransition, state=follow_up.get_state_display())
        refusal.state = follow_up.state  # as locked: the refusal's record names it, not the caller's copy's
        raise refusal


TEXT_MAX = 2000


def _required(text: str, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise refuse(errors.TEXT_REQUIRED, label=field)
    if len(text) > TEXT_MAX:
        raise refuse(errors.TOO_LONG, label=field, limit=TEXT_MAX)
    return text


@_refusals_recorded("verify")
def followup_verify(*, follow_up: FollowUp, by, verification: str) -> FollowUp:
    _require_department(follow_up, by, "verify")
    with transaction.atomic(durable=True):
        follow_up = _locked(follow_up)
        _require_state(follow_up, *STEP_STATES["verify"])
        follow_up.verification = _required(verification, "核实情况")
        follow_up.verified_by, follow_up.verified_at, follow_up.state = by, timezone.now(), State.RECTIFYING
        follow_up.save()
        clock_stop(clock=_clock(follow_up))
        _start(follow_up, "rectify", "差评整改", settings.EVALUATION_RECTIFY_DAYS)
        audit_record(action="evaluation.followup.verify", obj=follow_up)
    return follow_up


@_refusals_recorded("rectify")
def followup_rectify(*, follow_up: FollowUp, by, rectification: str) -> FollowUp:
    """The rectification, published (masked) and told to the rater."""
    _require_department(follow_up, by, "rectify")
    with transaction.atomic(durable=True):
        follow_up = _locked(follow_up)
        _require_state(follow_up, *STEP_STATES["rectify"])
        follow_up.rectification = _required(rectification, "整改情况")
        clock = clock_stop(clock=_clock(follow_up))
        follow_up.rectified_by, follow_up.rectified_at = by, timezone.now()
        follow_up.rectified_on_time = clock.outcome == Outcome.ON_TIME
        follow_up.state, follow_up.published = State.DONE, True
        follow_up.public_comment, follow_up.public_rectification = public_copy(
            follow_up.rating.comment, follow_up.rectification
        )
        follow_up.save()
        audit_record(action="evaluation.followup.rectify", obj=follow_up)
        _tell_rater(follow_up, "已核实整改", f"整改情况：{follow_up.public_rectification}")
    return follow_up


def _tell_rater(follow_up: FollowUp, outcome: str, body: str) -> None:
    """The rater is told how his 差评 ended: rectified, or taken out of the department's figures and why, in words
    masked as the public reads them (a message or an SMS may name a third party)."""
    invitation = follow_up.rating.invitation
    title = f"您对“{invitation.subject_label}”的评价{outcome}"
    if invitation.rater is not None:
        notify(recipients=[invitation.rater], title=title[:200], body=body)
    else:
        sms_to(mobile=invitation.rater_mobile, title=f"{title}。{body}"[:300])


@_refusals_recorded("appeal")
def followup_appeal(*, follow_up: FollowUp, by, reason: str) -> FollowUp:
    """申诉: the department says the rating is not about its work; the clock pauses until supervision decides."""
    _require_department(follow_up, by, "appeal")
    with transaction.atomic(durable=True):
        follow_up = _locked(follow_up)
        _require_state(follow_up, *STEP_STATES["appeal"])
        if follow_up.appeal_reason:  # once: a refused appeal is not appealed again (each would pause the clock)
            raise refuse(errors.APPEALED_ONCE, InvalidTransition)
        follow_up.appeal_reason = _required(reason, "申诉理由")
        follow_up.state = State.APPEALED
        follow_up.save()
        clock_pause(clock=_clock(follow_up), reason=ClockPause.Reason.APPEAL, note=follow_up.appeal_reason[:300])
        audit_record(action="evaluation.followup.appeal", obj=follow_up)
        notify(recipients=supervisors(), title=f"差评申诉待审核：{follow_up.rating.invitation.item_name}"[:200])
    return follow_up


@_refusals_recorded("appeal_decide")
def followup_appeal_decide(*, follow_up: FollowUp, by, upheld: bool, decision: str) -> FollowUp:
    """Upheld, the rating leaves the department's figures (it stays on record); refused, the follow-up goes on
    where it stood, its clock running again."""
    if not may_decide(by, follow_up):
        denied("evaluation.denied.appeal_decide", by=by, obj=follow_up)
        raise refuse(errors.NOT_SUPERVISOR, PermissionDenied)
    with transaction.atomic(durable=True):
        follow_up = _locked(follow_up)
        _require_state(follow_up, *STEP_STATES["decide"])
        follow_up.appeal_decision, follow_up.appeal_decided_by = _required(decision, "审核意见"), by
        clock = _clock(follow_up)
        if upheld:
            follow_up.state = State.EXCLUDED
            clock_stop(clock=clock, cancelled=True)
            Rating.objects.filter(pk=follow_up.rating_id).update(counted=False)
            _tell_rater(
                follow_up,
                "经电子监察审核，该评价反映的问题不属于被评价部门的工作，不计入该部门的评价统计",
                public_copy(follow_up.appeal_decision)[0],
            )
        else:
            follow_up.state = State.VERIFYING if follow_up.verified_at is None else State.RECTIFYING
            clock_resume(clock=clock)
        follow_up.save()
        audit_record(action="evaluation.followup.appeal_decide", obj=follow_up, changes={"upheld": [None, upheld]})
    return follow_up

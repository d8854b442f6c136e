"""The dispatch centre's side: accept (受理) or decline, dispatch to a main department and co-handlers (派单),
review a department's return (退单), merge duplicates. The departments' side: sign for (签收) or return."""

from __future__ import annotations

from django.utils import timezone

from zhengtong.audit.services import audit_record
from zhengtong.cases import notices
from zhengtong.cases.guards import case_service
from zhengtong.core.errors import InvalidTransition, refuse, refuse_on
from zhengtong.org.models import Department

from .. import errors, suggest
from ..case import LETTER
from ..models import Assignment, Letter, Responsibility, State
from .common import (
    centre_department,
    event,
    handling_limit,
    locked,
    require_centre,
    require_department,
    require_state_for,
    staff_link,
    start_clock,
    stop_clocks,
    tell_department,
)


def _accept(letter: Letter, by) -> None:
    letter.state, letter.accepted_at = State.ACCEPTED, timezone.now()
    stop_clocks(letter, stage="accept")
    event(letter, "accept", "受理", by=by, department=centre_department(), public=True)
    audit_record(action="letters.letter.accept", obj=letter)


@case_service
def letter_accept(*, letter: Letter, by) -> Letter:
    require_centre(by, letter, "accept")
    letter = locked(letter)
    require_state_for(letter, "accept", by)
    _accept(letter, by)
    letter.save()
    return letter


@case_service
def letter_decline(*, letter: Letter, by, reason: str) -> Letter:
    """不予受理 (abuse, no concern stated, outside any government duty): always with a reason the writer is told."""
    require_centre(by, letter, "decline")
    if not (reason or "").strip():
        raise refuse_on("reason", errors.REASON_REQUIRED)
    letter = locked(letter)
    require_state_for(letter, "decline", by)
    letter.state, letter.decline_reason, letter.closed_at = State.DECLINED, reason.strip()[:300], timezone.now()
    stop_clocks(letter, stage="accept")
    event(letter, "decline", "不予受理", by=by, department=centre_department(), note=reason, public=True)
    letter.save()
    audit_record(action="letters.letter.decline", obj=letter, changes={"reason": [None, letter.decline_reason]})
    notices.tell(LETTER, letter, "不予受理", reason)
    return letter


def _handles_letters(department) -> bool:
    """An active organ or office that staff work in: not the region itself, which no one signs for."""
    return department.is_active and department.kind != Department.Kind.REGION


@case_service
def letter_dispatch(
    *, letter: Letter, by, department, co_departments=(), category: Responsibility | None = None, note: str = ""
) -> Letter:
    """派单: one main department on the letter's handling clock, and any co-handlers who give opinions."""
    require_centre(by, letter, "dispatch")
    if department is None:
        raise refuse_on("department", errors.DEPARTMENT_REQUIRED)
    co = [d for d in dict.fromkeys(co_departments)]
    if any(not _handles_letters(d) for d in [department, *co]):
        raise refuse(errors.NOT_A_HANDLER)
    if any(d.pk == department.pk for d in co):
        raise refuse_on("co", errors.CO_SAME_AS_MAIN)
    letter = locked(letter)
    require_state_for(letter, "dispatch", by)
    if letter.state == State.SUBMITTED:
        _accept(letter, by)
    now = timezone.now()
    for target, role in [(department, Assignment.Role.MAIN), *((other, Assignment.Role.CO) for other in co)]:
        Assignment.objects.create(
            letter=letter, department=target, role=role, dispatched_at=now, letter_received_at=letter.received_at
        )
    letter.state, letter.department, letter.category = State.DISPATCHED, department, category or letter.category
    start_clock(letter, "handle", "办理", department, handling_limit(letter), whole=True)
    label = f"派单至{department.name}（主办）" + (f"，{'、'.join(d.name for d in co)}（协办）" if co else "")
    event(letter, "dispatch", label, by=by, department=department, note=note, public=True)
    letter.save()
    audit_record(
        action="letters.letter.dispatch",
        obj=letter,
        changes={"department": [None, department.name], "co": [None, [d.name for d in co]]},
    )
    link = staff_link(letter)
    for target in [department, *co]:
        tell_department(target, f"新派单：{letter.title}"[:200], link)
    return letter


def _assignment(letter: Letter, department, *states) -> Assignment:
    found = letter.assignments.filter(department=department, state__in=states).order_by("-pk").first()
    if found is None:
        raise refuse(errors.WRONG_STATE, InvalidTransition, state=letter.get_state_display())
    return found


@case_service
def letter_sign(*, letter: Letter, by, department) -> Letter:
    """签收: the department takes the case as its own; the suggestion learns from it."""
    require_department(by, department, letter, "sign")
    letter = locked(letter)
    require_state_for(letter, "sign", by)
    assignment = _assignment(letter, department, Assignment.State.PENDING)
    assignment.state, assignment.accepted_at = Assignment.State.ACCEPTED, timezone.now()
    assignment.save()
    if assignment.role == Assignment.Role.MAIN:
        letter.state = State.HANDLING
        letter.save()
        suggest.learn(letter, department.pk)
    event(letter, "sign", f"{department.name}签收办理", by=by, department=department, public=True)
    audit_record(action="letters.letter.sign", obj=letter, changes={"department": [None, department.name]})
    return letter


@case_service
def letter_return(*, letter: Letter, by, department, reason: str) -> Letter:
    """退单: the main department says the case is not its own, with a reason the centre reviews."""
    require_department(by, department, letter, "return")
    if not (reason or "").strip():
        raise refuse_on("reason", errors.REASON_REQUIRED)
    letter = locked(letter)
    require_state_for(letter, "return", by)
    assignment = _assignment(letter, department, Assignment.State.PENDING, Assignment.State.ACCEPTED)
    if assignment.role != Assignment.Role.MAIN:
        raise refuse(errors.WRONG_STATE, InvalidTransition, state="协办")
    assignment.state, assignment.return_reason = Assignment.State.RETURN_REQUESTED, reason.strip()[:300]
    assignment.save()
    letter.state = State.RETURNED
    letter.save()
    event(letter, "return", f"{department.name}申请退单", by=by, department=department, note=reason)
    audit_record(action="letters.letter.return", obj=letter, changes={"reason": [None, assignment.return_reason]})
    return letter


@case_service
def letter_review_return(*, letter: Letter, by, approve: bool, note: str = "") -> Letter:
    """The centre agrees (the dispatch is undone and the letter waits for a new one) or not (the department
    goes on, and its clock never stopped)."""
    require_centre(by, letter, "review_return")
    if not approve and not (note or "").strip():
        raise refuse_on("note", errors.REASON_REQUIRED)
    letter = locked(letter)
    require_state_for(letter, "review_return", by)
    assignment = _assignment(letter, letter.department, Assignment.State.RETURN_REQUESTED)
    if approve:
        assignment.state, assignment.finished_at = Assignment.State.RETURNED, timezone.now()
        letter.assignments.filter(
            role=Assignment.Role.CO, state__in=[Assignment.State.PENDING, Assignment.State.ACCEPTED]
        ).update(state=Assignment.State.CANCELLED, finished_at=timezone.now())
        stop_clocks(letter, cancelled=True, stage="handle")
        event(
            letter,
            "return_approved",
            f"同意{assignment.department.name}退单，重新派单",
            by=by,
            department=assignment.department,
            note=note,
        )
        letter.state, letter.department = State.ACCEPTED, None
    else:
        assignment.state = Assignment.State.ACCEPTED if assignment.accepted_at else Assignment.State.PENDING
        event(
            letter,
            "return_rejected",
            f"退单未获同意，由{assignment.department.name}继续办理",
            by=by,
            department=assignment.department,
            note=note,
        )
        letter.state = State.HANDLING if assignment.accepted_at else State.DISPATCHED
        tell_department(assignment.department, f"退单未获同意：{letter.title}"[:200], staff_link(letter))
    assignment.save()
    letter.save()
    audit_record(
        action="letters.letter.review_return",
        obj=letter,
        changes={"approved": [None, approve], "note": [None, note]},
    )
    return letter


@case_service
def letter_merge(*, letter: Letter, into: Letter, by) -> Letter:
    """A duplicate becomes part of another case: its clocks end, its writer is told the case number."""
    require_centre(by, letter, "merge")
    letter, into = locked(letter), locked(into)
    require_state_for(letter, "merge", by)
    if into.pk == letter.pk or into.state in (State.MERGED, State.DECLINED):
        raise refuse_on("into", errors.MERGE_TARGET)
    letter.state, letter.merged_into, letter.closed_at = State.MERGED, into, timezone.now()
    stop_clocks(letter, cancelled=True)
    letter.assignments.exclude(state__in=[Assignment.State.DONE, Assignment.State.RETURNED]).update(
        state=Assignment.State.CANCELLED, finished_at=timezone.now()
    )
    event(letter, "merge", f"与信件{into.number}反映同一事项，合并办理", by=by, public=True)
    event(into, "merged", f"合并信件{letter.number}", by=by)
    letter.save()
    audit_record(action="letters.letter.merge", obj=letter, changes={"into": [None, into.number]})
    notices.tell(LETTER, letter, "已合并办理", f"您反映的事项已与信件{into.number}合并办理。")
    return letter

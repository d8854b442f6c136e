"""Handling: co-handlers' opinions, the main department's reply draft and its head's review (答复), the centre's
callback (回访) and closing, reopening after a 不满意 answer, and 督办 when the clock is red."""

from __future__ import annotations

from django.utils import timezone

from zhengtong.audit.services import audit_record
from zhengtong.cases import guards, notices, transitions
from zhengtong.cases.guards import case_service
from zhengtong.core.errors import InvalidTransition, refuse, refuse_on
from zhengtong.evaluation.models import Channel, Score
from zhengtong.evaluation.services import rate_on_behalf
from zhengtong.supervision.models import Level

from .. import errors
from ..case import LETTER
from ..models import Assignment, Letter, Satisfaction, State
from .common import (
    centre_department,
    event,
    fresh,
    handling_limit,
    locked,
    open_clocks,
    require_centre,
    require_department,
    require_state_for,
    staff_link,
    start_clock,
    stop_clocks,
    tell_department,
)

SETTLED = (Satisfaction.SATISFIED, Satisfaction.BASICALLY, Satisfaction.UNREACHABLE)


@case_service
def letter_co_opinion(*, letter: Letter, by, department, opinion: str) -> Letter:
    require_department(by, department, letter, "co_opinion")
    if not (opinion or "").strip():
        raise refuse_on("opinion", errors.REPLY_REQUIRED)
    letter = locked(letter)
    require_state_for(letter, "co_opinion", by)
    found = letter.assignments.filter(
        department=department,
        role=Assignment.Role.CO,
        state__in=[Assignment.State.PENDING, Assignment.State.ACCEPTED],
    ).first()
    if found is None:  # his department is not a co-handler of this letter
        raise guards.denied(LETTER, by, letter, "co_opinion", errors.OTHER_DEPARTMENT, department=department.name)
    now = timezone.now()
    found.opinion, found.state, found.finished_at = opinion.strip(), Assignment.State.DONE, now
    found.accepted_at = found.accepted_at or now
    found.save()
    event(letter, "co_opinion", f"{department.name}提出协办意见", by=by, department=department, public=True)
    audit_record(action="letters.letter.co_opinion", obj=letter, changes={"department": [None, department.name]})
    return letter


@case_service
def letter_draft_reply(*, letter: Letter, by, text: str) -> Letter:
    """The main department's reply goes to its head for review; every co-handler must have given its opinion."""
    letter = fresh(letter)
    require_department(by, letter.department, letter, "draft_reply")
    if not (text or "").strip():
        raise refuse_on("text", errors.REPLY_REQUIRED)
    letter = locked(letter)
    require_state_for(letter, "draft", by)
    missing = [
        a.department.name
        for a in letter.assignments.filter(role=Assignment.Role.CO).select_related("department")
        if a.state in (Assignment.State.PENDING, Assignment.State.ACCEPTED)
    ]
    if missing:
        raise refuse(errors.CO_OPINIONS_MISSING, InvalidTransition, names="、".join(missing))
    letter.reply_draft, letter.reply_by, letter.state = text.strip(), by, State.REVIEW
    letter.save()
    event(letter, "draft", "答复意见报审", by=by, department=letter.department)
    audit_record(action="letters.letter.draft_reply", obj=letter)
    return letter


def _require_reviewer(by, letter: Letter) -> None:
    """The transition table's reply reviewer (letters/case.py): a head of the main department, not the drafter."""
    transitions.require_may(LETTER, fresh(letter), by, "review_reply", errors.NOT_REVIEWER)


@case_service
def letter_review_reply(*, letter: Letter, by, approve: bool, note: str = "") -> Letter:
    letter = fresh(letter)
    require_department(by, letter.department, letter, "review_reply")
    _require_reviewer(by, letter)
    if not approve and not (note or "").strip():
        raise refuse_on("note", errors.REASON_REQUIRED)
    letter = locked(letter)
    require_state_for(letter, "review_reply", by)
    if not approve:
        letter.state = State.HANDLING
        event(letter, "draft_rejected", "答复审核退回修改", by=by, department=letter.department, note=note)
        letter.save()
        audit_record(
            action="letters.letter.review_reply",
            obj=letter,
            changes={"approved": [None, False], "note": [None, note]},
        )
        return letter
    now = timezone.now()
    letter.reply, letter.replied_at, letter.state = letter.reply_draft, now, State.REPLIED
    stop_clocks(letter, stage="handle")
    letter.assignments.filter(role=Assignment.Role.MAIN, state=Assignment.State.ACCEPTED).update(
        state=Assignment.State.DONE, finished_at=now
    )
    event(letter, "reply", f"{letter.department.name}答复", by=by, department=letter.department, public=True)
    letter.save()
    audit_record(action="letters.letter.reply", obj=letter, changes={"approved": [None, True]})
    notices.tell(LETTER, letter, "已答复", letter.reply[:200])
    return letter


# 回访 on the five levels of 好差评 (GB/T 39734-2020), or 未能联系; the letter keeps the three-way answer its
# handling and its monthly 满意率 turn on.
CALLBACK_RESULTS = {
    "5": Satisfaction.SATISFIED,
    "4": Satisfaction.SATISFIED,
    "3": Satisfaction.BASICALLY,
    "2": Satisfaction.DISSATISFIED,
    "1": Satisfaction.DISSATISFIED,
    "unreachable": Satisfaction.UNREACHABLE,
}


@case_service
def letter_callback(*, letter: Letter, by, result: str, note: str = "") -> Letter:
    """回访: the writer's answer is his rating of the case (channel 电话回访) unless he rated it himself already,
    so the letters' 满意率 and the 好差评 page read the same answers; a 不满意 answer needs its reason (the note) and
    opens the 差评 follow-up. A settled answer closes the case; 不满意 waits for the centre to reopen or close it."""
    require_centre(by, letter, "callback")
    result = str(result or "").strip()
    if result not in CALLBACK_RESULTS:
        raise refuse_on("result", errors.SATISFACTION_INVALID)
    letter = locked(letter)
    require_state_for(letter, "callback", by)
    letter.satisfaction = CALLBACK_RESULTS[result]
    reached = result != "unreachable"
    label = Score(int(result)).label if reached else Satisfaction.UNREACHABLE.label
    if reached:
        rate_on_behalf(LETTER, letter.pk, score=int(result), comment=note, channel=Channel.CALLBACK)
    event(letter, "callback", f"回访：{label}", by=by, department=centre_department(), note=note, public=True)
    if letter.satisfaction in SETTLED:
        _close(letter, by)
    letter.save()
    audit_record(action="letters.letter.callback", obj=letter, changes={"result": [None, label]})
    return letter


def _close(letter: Letter, by) -> None:
    letter.state, letter.closed_at = State.CLOSED, timezone.now()
    event(letter, "close", "办结", by=by, department=centre_department(), public=True)


def _locked_dissatisfied(letter: Letter, action: str, by) -> Letter:
    """Closing and reopening both answer a 不满意 callback on a replied letter."""
    letter = locked(letter)
    require_state_for(letter, action, by)  # a replied letter whose callback was 不满意 (letters/case.py)
    return letter


@case_service
def letter_close(*, letter: Letter, by, note: str) -> Letter:
    """After a 不满意 answer the centre finds the reply lawful and sufficient: closed, with its reason."""
    require_centre(by, letter, "close")
    if not (note or "").strip():
        raise refuse_on("note", errors.REASON_REQUIRED)
    letter = _locked_dissatisfied(letter, "close", by)
    event(letter, "close_review", "经审核，答复合法合理，予以办结", by=by, department=centre_department(), note=note)
    _close(letter, by)
    letter.save()
    audit_record(action="letters.letter.close", obj=letter, changes={"note": [None, note]})
    return letter


@case_service
def letter_reopen(*, letter: Letter, by, reason: str) -> Letter:
    """重办: the same main department handles again, on a new clock."""
    require_centre(by, letter, "reopen")
    if not (reason or "").strip():
        raise refuse_on("reason", errors.REASON_REQUIRED)
    letter = _locked_dissatisfied(letter, "reopen", by)
    letter.state, letter.reopened, letter.satisfaction = State.HANDLING, letter.reopened + 1, ""
    letter.assignments.filter(role=Assignment.Role.MAIN, state=Assignment.State.DONE).update(
        state=Assignment.State.ACCEPTED, finished_at=None
    )
    start_clock(letter, "handle", "重新办理", letter.department, handling_limit(letter), whole=True)
    event(
        letter,
        "reopen",
        f"来信人不满意，{letter.department.name}重新办理",
        by=by,
        department=letter.department,
        note=reason,
        public=True,
    )
    letter.save()
    audit_record(action="letters.letter.reopen", obj=letter, changes={"reason": [None, reason]})
    tell_department(letter.department, f"重办：{letter.title}"[:200], staff_link(letter))
    return letter


@case_service
def letter_supervise(*, letter: Letter, by, note: str) -> Letter:
    """督办: only for a letter whose handling clock is red; the department is told."""
    require_centre(by, letter, "supervise")
    if not (note or "").strip():
        raise refuse_on("note", errors.REASON_REQUIRED)
    letter = locked(letter)
    require_state_for(letter, "supervise", by)
    if not open_clocks(letter, stage="handle", level=Level.RED).exists():
        raise refuse(errors.NOT_SUPERVISABLE, InvalidTransition)
    event(letter, "supervise", f"督办{letter.department.name}", by=by, department=letter.department, note=note)
    audit_record(action="letters.letter.supervise", obj=letter, changes={"note": [None, note]})
    tell_department(letter.department, f"督办：{letter.title}"[:200], staff_link(letter))
    return letter

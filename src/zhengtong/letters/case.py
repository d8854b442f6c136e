"""The letter as a case type of the engine (cases/): its states, its transition table and who may take each
action (信访工作条例 第二十二、三十一、三十六条; the 12345 hotline's 受理 → 派单 → 签收 → 办理 → 审核 → 答复 →
回访 → 办结), and its public status lookup.

The hotline centre accepts, dispatches, reviews returns, calls back, closes and publishes; the departments a
letter is assigned to sign it, the main department drafts the reply and its head reviews it, the co-handling
departments give their opinions. What a department may do with its own assignment is `assignment_actions`.
"""

from __future__ import annotations

from django.utils import timezone

from zhengtong.cases.transitions import Action
from zhengtong.cases.types import CaseType, Told
from zhengtong.evaluation.registry import Rated, Subject
from zhengtong.org.access import is_head_of, workplaces, works_in, works_in_any

from . import errors
from .models import Assignment, Centre, Satisfaction, State

OPEN_STATES = (State.SUBMITTED, State.ACCEPTED, State.DISPATCHED, State.RETURNED, State.HANDLING, State.REVIEW)


def is_centre(user, letter=None) -> bool:
    """Staff of the hotline centre (12345热线), who work on every letter."""
    return works_in_any(user, Centre.objects.values_list("department_id", flat=True))


def assignment_actions(letter, assignment) -> tuple[str, ...]:
    """What the department holding `assignment` may do with it as the letter stands."""
    actions = []
    main, state = assignment.role == Assignment.Role.MAIN, assignment.state
    if state == Assignment.State.PENDING and letter.state in (State.DISPATCHED, State.HANDLING, State.REVIEW):
        actions.append("sign")
    if main and (
        state == Assignment.State.PENDING
        and letter.state in (State.DISPATCHED, State.HANDLING)
        or state == Assignment.State.ACCEPTED
        and letter.state == State.HANDLING
    ):
        actions.append("return")
    if not main and state in (Assignment.State.PENDING, Assignment.State.ACCEPTED):
        actions.append("co_opinion")
    return tuple(actions)


def my_assignments(user, letter) -> list:
    """The letter's assignments held by departments the user works in."""
    places = workplaces(user)
    return [a for a in letter.assignments.select_related("department") if a.department_id in places]


def _by_assignment(action: str):
    def who(user, letter) -> bool:
        return any(action in assignment_actions(letter, a) for a in my_assignments(user, letter))

    return who


def _drafter(user, letter) -> bool:
    """The main department, once it has signed."""
    main = letter.assignments.filter(role=Assignment.Role.MAIN, state=Assignment.State.ACCEPTED)
    return main.exists() and works_in(user, letter.department_id)


def _reply_reviewer(user, letter) -> bool:
    """A head of exactly the main department, not the one who drafted the reply."""
    return is_head_of(user, letter.department_id) and getattr(user, "pk", None) != letter.reply_by_id


def _not_called_back(letter) -> bool:
    return not letter.satisfaction


def _dissatisfied(letter) -> bool:
    return letter.satisfaction == Satisfaction.DISSATISFIED


LETTER = CaseType(
    subject="letters.letter",
    steps=(
        ("submit", "来信登记"),
        ("import", "批量导入"),
        ("repeat", "重复来信"),
        ("draft_reply", "拟写答复"),
        ("reply", "答复"),
        ("remask", "重新遮蔽个人信息"),
    ),
    personal=(("writer_phone", "联系电话"),),
    personal_withheld=lambda letter: letter.anonymous,
    personal_texts=(("content", "来信内容"),),
    told=Told("writer", lambda letter: f"信件{letter.number}", ("letters:mine_detail", "number"), ("site", "sms")),
    query_purpose="zhengtong-letter-query:",
    lookup_throttled=errors.QUERY_THROTTLED,
    lookup_failed=errors.QUERY_FAILED,
    wrong_state=errors.WRONG_STATE,
    departments=("assignments__department",),
    handlers=("reply_by", "events__actor"),
    closed_states=(State.CLOSED, State.DECLINED, State.MERGED),
    works_on_all=is_centre,
    actions=(
        Action("accept", "受理", (State.SUBMITTED,), is_centre),
        Action("dispatch", "派单", (State.SUBMITTED, State.ACCEPTED), is_centre),
        Action("decline", "不予受理", (State.SUBMITTED,), is_centre),
        Action("merge", "合并", OPEN_STATES, is_centre),
        Action("review_return", "审核退单", (State.RETURNED,), is_centre),
        Action("sign", "签收", (State.DISPATCHED, State.HANDLING, State.REVIEW), _by_assignment("sign")),
        Action("return", "申请退单", (State.DISPATCHED, State.HANDLING), _by_assignment("return")),
        Action(
            "co_opinion",
            "提出协办意见",
            (State.DISPATCHED, State.HANDLING, State.RETURNED),
            _by_assignment("co_opinion"),
        ),
        Action("draft", "报负责人审核", (State.HANDLING,), _drafter),
        Action("review_reply", "审核答复", (State.REVIEW,), _reply_reviewer),
        # the handling clock runs through a return's review and the reply's review too
        Action("supervise", "督办", (State.DISPATCHED, State.HANDLING, State.RETURNED, State.REVIEW), is_centre),
        Action("callback", "回访", (State.REPLIED,), is_centre, once=_not_called_back),
        Action("reopen", "退回重办", (State.REPLIED,), is_centre, once=_dissatisfied, repeated=errors.CALLBACK_FIRST),
        Action("close", "审核办结", (State.REPLIED,), is_centre, once=_dissatisfied, repeated=errors.CALLBACK_FIRST),
        Action(
            "publish",
            "公开",
            (State.REPLIED, State.CLOSED),
            is_centre,
            once=lambda letter: letter.public_allowed and not letter.is_published,
        ),
        Action("unpublish", "撤销公开", tuple(State), is_centre, once=lambda letter: letter.is_published),
    ),
)


def _rated(letter) -> Subject:
    """A replied letter is rated by its writer: his account, or the mobile he proved with an SMS code. The main
    department answers for it, and the one who drafted the reply handled it."""
    return Subject(
        label=f"{letter.get_kind_display()}（{letter.number}）",
        department_id=letter.department_id,
        staff_id=letter.reply_by_id,
        item_code=f"letters.{letter.kind}",
        item_name=f"{letter.get_kind_display()}类诉求",
        online=False,
        rater_id=letter.writer_id,
        rater_mobile=letter.writer_phone if letter.writer_id is None and letter.phone_verified else "",
        concluded_at=letter.replied_at or timezone.now(),
    )


RATED = Rated(concluded=(State.REPLIED, State.CLOSED), describe=_rated)

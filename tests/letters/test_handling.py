"""The closed loop (DOMAIN §5; 国办发〔2020〕53号): 受理 → 派单 → 签收/退单 → 办理 (co-handlers' opinions) →
答复 reviewed by the head → 回访 → 办结, or 重办 after 不满意; 督办 on red; duplicates merged. Each step is audited,
and a department acting on a case not dispatched to it is refused and audited."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from zhengtong.audit.models import OperationLog
from zhengtong.core.errors import InvalidInput, InvalidTransition, PermissionDenied
from zhengtong.letters import services
from zhengtong.letters.models import Assignment, Kind, Satisfaction, State, Urgency
from zhengtong.supervision.models import Clock, Level, Outcome, Unit
from zhengtong.supervision.scan import scan

from .conftest import handled, submit


def _clocks(letter, stage):
    return Clock.objects.filter(subject_type="letters.letter", subject_id=str(letter.pk), stage=stage).order_by("pk")


def test_dispatch_accepts_stops_the_acceptance_clock_and_starts_the_handling_limit_of_the_kind(hotline, district):
    letter = submit(kind=Kind.CONSULTATION).letter
    services.letter_dispatch(letter=letter, by=hotline["operator"], department=district["A"])
    letter.refresh_from_db()
    assert letter.state == State.DISPATCHED and letter.accepted_at and letter.department == district["A"]
    assert _clocks(letter, "accept").get().outcome == Outcome.ON_TIME
    handle = _clocks(letter, "handle").get()
    assert (handle.limit, handle.unit, handle.department) == (
        3,
        Unit.WORKING_DAYS,
        district["A"],
    )  # 咨询: 3 working days


def test_urgency_overrides_the_kind_limit(hotline, district):
    letter = submit(by=hotline["operator"], channel="phone", urgency=Urgency.UTILITY).letter
    services.letter_dispatch(letter=letter, by=hotline["operator"], department=district["A"])
    handle = _clocks(letter, "handle").get()
    assert (handle.limit, handle.unit) == (24, Unit.HOURS)


def test_only_the_centre_dispatches(hotline, district, lisi):
    letter = submit().letter
    with pytest.raises(PermissionDenied) as refused:
        services.letter_dispatch(letter=letter, by=lisi, department=district["A"])
    assert refused.value.code == "LETTER_NOT_CENTRE"
    assert OperationLog.objects.filter(action="letters.denied.dispatch", object_id=str(letter.pk)).exists()


def test_the_full_loop_to_a_satisfied_close(hotline, district, lisi):
    letter = handled(hotline, district, lisi)
    assert letter.state == State.REPLIED and letter.reply.startswith("经现场检查")
    assert _clocks(letter, "handle").get().outcome == Outcome.ON_TIME
    services.letter_callback(letter=letter, by=hotline["operator"], result="5")
    letter.refresh_from_db()
    assert letter.state == State.CLOSED and letter.closed_at
    public = list(letter.events.filter(public=True).values_list("action", flat=True))
    assert public == ["submit", "accept", "dispatch", "sign", "reply", "callback", "close"]
    assert {
        "letters.letter.submit",
        "letters.letter.dispatch",
        "letters.letter.sign",
        "letters.letter.reply",
        "letters.letter.callback",
    } <= set(OperationLog.objects.filter(object_id=str(letter.pk)).values_list("action", flat=True))


def test_another_departments_staff_cannot_sign_or_reply_and_the_attempt_is_audited(hotline, district, wangwu):
    letter = submit().letter
    services.letter_dispatch(letter=letter, by=hotline["operator"], department=district["A"])
    with pytest.raises(PermissionDenied) as refused:
        services.letter_sign(letter=letter, by=wangwu, department=district["A"])
    assert refused.value.code == "LETTER_OTHER_DEPARTMENT"
    with pytest.raises(InvalidTransition):  # B has no dispatch on this letter
        services.letter_sign(letter=letter, by=wangwu, department=district["B"])
    assert OperationLog.objects.filter(action="letters.denied.sign", object_id=str(letter.pk)).count() == 1


def test_the_reply_needs_every_co_handlers_opinion_and_the_heads_review(hotline, district, lisi, wangwu):
    letter = submit().letter
    services.letter_dispatch(
        letter=letter, by=hotline["operator"], department=district["A"], co_departments=[district["B"]]
    )
    services.letter_sign(letter=letter, by=lisi, department=district["A"])
    with pytest.raises(InvalidTransition) as refused:
        services.letter_draft_reply(letter=letter, by=lisi, text="已处理。")
    assert refused.value.code == "LETTER_CO_OPINIONS_MISSING" and "区卫生健康局" in str(refused.value)
    services.letter_co_opinion(letter=letter, by=wangwu, department=district["B"], opinion="经查该餐馆卫生许可有效。")
    services.letter_draft_reply(letter=letter, by=lisi, text="已处理。")
    with pytest.raises(PermissionDenied) as refused:  # a clerk is not the head
        services.letter_review_reply(letter=letter, by=lisi, approve=True)
    assert refused.value.code == "LETTER_NOT_REVIEWER"
    with pytest.raises(PermissionDenied):  # B's head is not A's
        services.letter_review_reply(letter=letter, by=hotline["head_b"], approve=True)
    services.letter_review_reply(letter=letter, by=hotline["head_a"], approve=False, note="请写明整改期限。")
    letter.refresh_from_db()
    assert letter.state == State.HANDLING
    services.letter_draft_reply(letter=letter, by=lisi, text="已责令于3日内整改。")
    services.letter_review_reply(letter=letter, by=hotline["head_a"], approve=True)
    letter.refresh_from_db()
    assert letter.state == State.REPLIED and letter.reply == "已责令于3日内整改。"


def test_the_head_cannot_approve_his_own_draft(hotline, district):
    letter = submit().letter
    services.letter_dispatch(letter=letter, by=hotline["operator"], department=district["A"])
    services.letter_sign(letter=letter, by=hotline["head_a"], department=district["A"])
    services.letter_draft_reply(letter=letter, by=hotline["head_a"], text="已处理。")
    with pytest.raises(PermissionDenied):
        services.letter_review_reply(letter=letter, by=hotline["head_a"], approve=True)


def test_an_approved_return_cancels_the_dispatch_and_its_clock(hotline, district, lisi):
    letter = submit().letter
    services.letter_dispatch(letter=letter, by=hotline["operator"], department=district["A"])
    with pytest.raises(InvalidInput):
        services.letter_return(letter=letter, by=lisi, department=district["A"], reason=" ")
    services.letter_return(letter=letter, by=lisi, department=district["A"], reason="属于卫生健康部门职责。")
    services.letter_review_return(letter=letter, by=hotline["operator"], approve=True)
    letter.refresh_from_db()
    assert letter.state == State.ACCEPTED and letter.department is None
    assert _clocks(letter, "handle").get().outcome == Outcome.CANCELLED
    services.letter_dispatch(letter=letter, by=hotline["operator"], department=district["B"])
    assert _clocks(letter, "handle").last().department == district["B"]


def test_a_rejected_return_leaves_the_department_on_its_running_clock(hotline, district, lisi):
    letter = submit().letter
    services.letter_dispatch(letter=letter, by=hotline["operator"], department=district["A"])
    services.letter_sign(letter=letter, by=lisi, department=district["A"])
    services.letter_return(letter=letter, by=lisi, department=district["A"], reason="不属于本部门。")
    with pytest.raises(InvalidInput):  # a refusal states why
        services.letter_review_return(letter=letter, by=hotline["operator"], approve=False)
    services.letter_review_return(letter=letter, by=hotline["operator"], approve=False, note="食品安全属市场监管职责。")
    letter.refresh_from_db()
    assert letter.state == State.HANDLING and letter.department == district["A"]
    assert _clocks(letter, "handle").get().stopped_at is None


def test_dissatisfied_reopens_on_a_new_clock_after_the_centres_review(hotline, district, lisi):
    letter = handled(hotline, district, lisi)
    with pytest.raises(InvalidTransition):  # nothing to review before the callback
        services.letter_reopen(letter=letter, by=hotline["operator"], reason="复查")
    services.letter_callback(letter=letter, by=hotline["operator"], result="2", note="油烟仍未解决")
    letter.refresh_from_db()
    assert letter.state == State.REPLIED
    services.letter_reopen(letter=letter, by=hotline["operator"], reason="油烟仍未解决。")
    letter.refresh_from_db()
    assert letter.state == State.HANDLING and letter.reopened == 1
    assert _clocks(letter, "handle").filter(stopped_at__isnull=True).count() == 1


def test_dissatisfied_may_be_closed_with_a_reason(hotline, district, lisi):
    letter = handled(hotline, district, lisi)
    services.letter_callback(letter=letter, by=hotline["operator"], result="2", note="油烟仍未解决")
    with pytest.raises(InvalidInput):
        services.letter_close(letter=letter, by=hotline["operator"], note="")
    services.letter_close(letter=letter, by=hotline["operator"], note="诉求超出法定职责，已解释。")
    letter.refresh_from_db()
    assert letter.state == State.CLOSED and letter.satisfaction == Satisfaction.DISSATISFIED


def test_supervision_only_when_the_clock_is_red(hotline, district):
    letter = submit(by=hotline["operator"], channel="phone", urgency=Urgency.URGENT).letter
    services.letter_dispatch(letter=letter, by=hotline["operator"], department=district["A"])
    with pytest.raises(InvalidTransition) as refused:
        services.letter_supervise(letter=letter, by=hotline["operator"], note="请尽快处理")
    assert refused.value.code == "LETTER_NOT_SUPERVISABLE"
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + dt.timedelta(hours=3)):
        scan()
        assert _clocks(letter, "handle").get().level == Level.RED
        services.letter_supervise(letter=letter, by=hotline["operator"], note="请尽快处理")
    assert letter.events.filter(action="supervise").exists()


def test_a_duplicate_is_merged_and_its_clocks_end(hotline, district):
    first = submit().letter
    other = submit(writer_name="李五", writer_phone="13905740002", content=first.content + "谢谢！").letter
    assert other.possible_duplicate == first
    services.letter_merge(letter=other, into=first, by=hotline["operator"])
    other.refresh_from_db()
    assert other.state == State.MERGED and other.merged_into == first
    assert not _clocks(other, "accept").filter(stopped_at__isnull=True).exists()
    with pytest.raises(InvalidInput):
        services.letter_merge(letter=first, into=other, by=hotline["operator"])


def test_declining_needs_a_reason_and_tells_why(hotline):
    letter = submit().letter
    with pytest.raises(InvalidInput):
        services.letter_decline(letter=letter, by=hotline["operator"], reason="")
    services.letter_decline(letter=letter, by=hotline["operator"], reason="内容与政府职责无关。")
    letter.refresh_from_db()
    assert letter.state == State.DECLINED and letter.events.filter(action="decline", public=True).exists()


def test_actions_out_of_order_are_refused(hotline, district, lisi):
    letter = submit().letter
    with pytest.raises(InvalidTransition):
        services.letter_callback(letter=letter, by=hotline["operator"], result="5")
    services.letter_dispatch(letter=letter, by=hotline["operator"], department=district["A"])
    with pytest.raises(InvalidTransition):
        services.letter_draft_reply(letter=letter, by=lisi, text="先答复")  # not signed yet
    assert letter.assignments.get().state == Assignment.State.PENDING

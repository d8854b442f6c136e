"""国办发〔2019〕51号 "实名差评回访整改率100%" and DOMAIN §4: every 差评 is verified (1 working day) and rectified (5
working days, a setting) on the deadline clock, the rater is told the outcome; a department may appeal a rating it
thinks is not about its work, decided by the supervision role; nobody edits or deletes a rating."""

from __future__ import annotations

import pytest

from zhengtong.audit.models import OperationLog
from zhengtong.core.errors import InvalidInput, InvalidTransition, PermissionDenied
from zhengtong.disclosure import requests as disclosure
from zhengtong.evaluation import followup, services
from zhengtong.evaluation.models import Channel, FollowUp, Invitation, Rating
from zhengtong.evaluation.selectors import published_rectifications
from zhengtong.org.models import DataScope, Membership, Role
from zhengtong.supervision.models import Clock

from .. import factories as f
from ..disclosure.test_requests import _register


@pytest.fixture
def bad(district, zhangsan, lisi):
    request = disclosure.request_answer(request=_register(district["A"], zhangsan), by=lisi, answer_type="granted")
    invitation = Invitation.objects.get(subject_type="disclosure.request", subject_id=str(request.pk))
    rating = services.rating_submit(
        invitation=invitation,
        score=1,
        comment="窗口态度差，我的电话13805740001打了三次没人接",
        channel=Channel.CASE_PAGE,
    )
    return rating.follow_up


@pytest.fixture
def supervisor(district):
    role = f.role("supervisor", DataScope.ALL)
    Role.objects.filter(pk=role.pk).update(supervises=True)
    return f.staff("jiancha", "钱监察", district["government"], role)


def _clock(follow_up, stage):
    return Clock.objects.get(subject_type="evaluation.followup", subject_id=str(follow_up.pk), stage=stage)


def test_51_hao_a_bad_rating_is_verified_in_one_working_day_then_rectified_in_five(bad, lisi, zhangsan, settings):
    assert _clock(bad, "verify").limit == settings.EVALUATION_VERIFY_DAYS == 1
    bad = followup.followup_verify(follow_up=bad, by=lisi, verification="属实，已约谈当事人")
    assert bad.state == FollowUp.State.RECTIFYING and _clock(bad, "verify").outcome == "on_time"
    assert _clock(bad, "rectify").limit == settings.EVALUATION_RECTIFY_DAYS == 5
    bad = followup.followup_rectify(follow_up=bad, by=lisi, rectification="已开通电话专线，安排专人接听")
    assert bad.state == FollowUp.State.DONE and bad.rectified_on_time
    told = zhangsan.messages.filter(title__contains="已核实整改").get()
    assert "已开通电话专线" in told.body


def test_51_hao_rectifications_are_published_with_personal_data_masked(bad, lisi):
    followup.followup_verify(follow_up=bad, by=lisi, verification="属实")
    followup.followup_rectify(follow_up=bad, by=lisi, rectification="已联系王小明，电话13805740001，当面致歉")
    [published] = published_rectifications()
    assert "13805740001" not in published["comment"] + published["rectification"]
    assert "王小明" not in published["comment"] + published["rectification"]
    assert "张三" not in str(published)


def test_51_hao_only_the_rated_department_follows_up_and_refusals_are_audited(bad, wangwu):
    with pytest.raises(PermissionDenied) as caught:
        followup.followup_verify(follow_up=bad, by=wangwu, verification="不是我们")
    assert caught.value.code == "EVALUATION_NOT_DEPARTMENT"
    assert OperationLog.objects.filter(action="evaluation.denied.verify", object_id=str(bad.pk)).exists()
    bad.refresh_from_db()
    assert bad.state == FollowUp.State.VERIFYING


def test_51_hao_steps_out_of_order_and_empty_words_are_refused(bad, lisi):
    with pytest.raises(InvalidTransition) as caught:
        followup.followup_rectify(follow_up=bad, by=lisi, rectification="先整改")
    assert caught.value.code == "EVALUATION_WRONG_STATE"
    with pytest.raises(InvalidInput) as caught:
        followup.followup_verify(follow_up=bad, by=lisi, verification="  ")
    assert caught.value.code == "EVALUATION_TEXT_REQUIRED" and "核实情况" in caught.value.message


def test_51_hao_a_rectification_keeps_the_departments_own_telephone_and_address(bad, lisi, district):
    """Outside attack (session 48): the department's own published telephone and office address in what it did were
    masked on /evaluation/ as if someone's, as no other publishing place masks them."""
    department = district["A"]
    department.phone, department.address = "0574-86781317", "北仑区明州路188号行政服务中心3号楼201室"
    department.save()
    followup.followup_verify(follow_up=bad, by=lisi, verification="属实")
    followup.followup_rectify(
        follow_up=bad,
        by=lisi,
        rectification=f"已在{department.address}增设引导台，咨询电话{department.phone}；已联系王小明，当面致歉。",
    )
    [published] = published_rectifications()
    assert department.phone in published["rectification"] and department.address in published["rectification"]
    assert "王小明" not in published["rectification"]


def test_51_hao_a_step_refused_for_its_state_or_its_words_is_audited_with_its_code(bad, lisi, supervisor):
    """Issue 19, bad input (outside attack, session 48): a follow-up's refusals left no row, the department's own
    steps in the wrong state and with empty words, and a supervisor's decision on an appeal never made."""
    for step, call in (
        ("rectify", lambda: followup.followup_rectify(follow_up=bad, by=lisi, rectification="先整改")),
        ("verify", lambda: followup.followup_verify(follow_up=bad, by=lisi, verification="  ")),
        (
            "appeal_decide",
            lambda: followup.followup_appeal_decide(follow_up=bad, by=supervisor, upheld=True, decision="准"),
        ),
    ):
        with pytest.raises((InvalidTransition, InvalidInput)) as caught:
            call()
        row = OperationLog.objects.get(action=f"evaluation.refused.{step}", object_id=str(bad.pk))
        assert row.changes["code"][1] == caught.value.code and row.changes["state"][1] == "verifying"
    bad.refresh_from_db()
    assert bad.state == FollowUp.State.VERIFYING


def test_51_hao_an_appeal_pauses_the_clock_and_supervision_decides(bad, lisi, supervisor, district):
    bad = followup.followup_appeal(follow_up=bad, by=lisi, reason="评价内容是对社保窗口的意见，不属于本部门")
    assert bad.state == FollowUp.State.APPEALED and _clock(bad, "verify").paused_since is not None
    with pytest.raises(PermissionDenied) as caught:
        followup.followup_appeal_decide(follow_up=bad, by=lisi, upheld=True, decision="自己批准")
    assert caught.value.code == "EVALUATION_NOT_SUPERVISOR"
    bad = followup.followup_appeal_decide(follow_up=bad, by=supervisor, upheld=True, decision="经核，确非本部门事项")
    assert bad.state == FollowUp.State.EXCLUDED and _clock(bad, "verify").outcome == "cancelled"
    rating = Rating.objects.get(pk=bad.rating_id)
    assert not rating.counted and rating.score == 1, "the rating stays, out of the figures"


def test_51_hao_the_rated_departments_own_head_does_not_judge_its_appeal(bad, lisi, district):
    head = f.staff("zhaoliu", "赵六", district["A"], f.role("dept_head", DataScope.DEPARTMENT_AND_BELOW))
    Role.objects.filter(code="dept_head").update(supervises=True)
    bad = followup.followup_appeal(follow_up=bad, by=lisi, reason="不属于本部门")
    with pytest.raises(PermissionDenied) as caught:
        followup.followup_appeal_decide(follow_up=bad, by=head, upheld=True, decision="同意")
    assert caught.value.code == "EVALUATION_NOT_SUPERVISOR"


def test_51_hao_a_refused_appeal_resumes_where_it_stood(bad, lisi, supervisor):
    bad = followup.followup_appeal(follow_up=bad, by=lisi, reason="不属于本部门")
    bad = followup.followup_appeal_decide(follow_up=bad, by=supervisor, upheld=False, decision="属于本部门职责")
    assert bad.state == FollowUp.State.VERIFYING and _clock(bad, "verify").paused_since is None
    assert Rating.objects.get(pk=bad.rating_id).counted


def test_51_hao_the_rated_department_never_sees_who_rated(bad, district, lisi):
    head = f.staff("head_a", "甲局长", district["A"])
    Membership.objects.filter(user=head).update(is_head=True)
    assert bad.rating.invitation.rater is not None
    told = [m.title + m.body for m in lisi.messages.all()] + [m.title + m.body for m in head.messages.all()]
    assert all("张三" not in text and "13805740001" not in text for text in told)


def test_51_hao_one_appeal_so_appeals_never_buy_time(bad, lisi, supervisor):
    bad = followup.followup_appeal(follow_up=bad, by=lisi, reason="不属于本部门")
    bad = followup.followup_appeal_decide(follow_up=bad, by=supervisor, upheld=False, decision="属于本部门职责")
    with pytest.raises(InvalidTransition) as caught:
        followup.followup_appeal(follow_up=bad, by=lisi, reason="再申诉一次")
    assert caught.value.code == "EVALUATION_APPEALED_ONCE"


def test_51_hao_the_page_offers_the_steps_the_services_take_and_no_other(bad, lisi, supervisor, verified_client):
    """Issue 19 (the page and the service guard from one rule): once a department's appeal was refused, its page
    still offered the appeal form, which the service then refused (an outside try)."""
    assert followup.allowed_steps(bad, lisi) == {"verify", "appeal"}
    assert followup.allowed_steps(bad, supervisor) == set()
    bad = followup.followup_appeal(follow_up=bad, by=lisi, reason="不属于本部门")
    assert followup.allowed_steps(bad, lisi) == set()
    assert followup.allowed_steps(bad, supervisor) == {"decide"}
    bad = followup.followup_appeal_decide(follow_up=bad, by=supervisor, upheld=False, decision="属于本部门职责")
    assert followup.allowed_steps(bad, lisi) == {"verify"}
    page = verified_client(lisi).get(f"/workbench/evaluation/followups/{bad.pk}/").content.decode()
    assert 'value="verify"' in page and 'value="appeal"' not in page
    bad = followup.followup_verify(follow_up=bad, by=lisi, verification="属实")
    assert followup.allowed_steps(bad, lisi) == {"rectify"}


def test_51_hao_the_department_is_not_given_the_case_number(bad, district):
    head = f.staff("head_a", "甲局长", district["A"])
    Membership.objects.filter(user=head).update(is_head=True)
    from zhengtong.evaluation.models import FollowUp as F

    number = bad.rating.invitation.subject_label.split("（")[1].rstrip("）")
    assert F.objects.count() == 1 and number.startswith("GK")
    clock = _clock(bad, "verify")
    assert number not in clock.subject_label


def test_51_hao_the_rater_is_told_what_was_done_as_the_public_reads_it(bad, lisi, supervisor, zhangsan):
    """个人信息保护法 Art. 28: the rater is told the rectification or the appeal's decision by message or SMS, as
    the public reads them (a third party they name masked); in full they named the neighbour's mobile."""
    bad = followup.followup_verify(follow_up=bad, by=lisi, verification="属实")
    followup.followup_rectify(follow_up=bad, by=lisi, rectification="已与邻居王建国（13912345678）协调，楼道杂物已清理")
    told = zhangsan.messages.filter(title__contains="已核实整改").get()
    assert "楼道杂物已清理" in told.body and "13912345678" not in told.body and "王建国" not in told.body


def test_51_hao_the_rater_is_told_when_an_appeal_takes_his_rating_out(bad, lisi, supervisor, zhangsan):
    bad = followup.followup_appeal(follow_up=bad, by=lisi, reason="评价的是社保窗口")
    followup.followup_appeal_decide(follow_up=bad, by=supervisor, upheld=True, decision="确属区人力社保局事项")
    told = zhangsan.messages.filter(title__contains="不计入该部门的评价统计").get()
    assert "确属区人力社保局事项" in told.body


def test_51_hao_the_department_reads_the_comment_masked(bad, lisi, verified_client):
    page = verified_client(lisi).get(f"/workbench/evaluation/followups/{bad.pk}/").content.decode()
    assert "13805740001" not in page and "138****0001" in page
    long = "很长" * 1001
    with pytest.raises(InvalidInput) as caught:
        followup.followup_verify(follow_up=bad, by=lisi, verification=long)
    assert caught.value.code == "EVALUATION_TEXT_TOO_LONG"


def test_51_hao_a_refusal_records_the_state_the_follow_up_stood_in_when_locked(bad, lisi):
    """Review (session 48): the record named the caller's copy's state; another clerk may have moved it since."""
    stale = FollowUp.objects.get(pk=bad.pk)
    followup.followup_verify(follow_up=bad, by=lisi, verification="属实")
    with pytest.raises(InvalidTransition):
        followup.followup_verify(follow_up=stale, by=lisi, verification="再核实")
    row = OperationLog.objects.get(action="evaluation.refused.verify", object_id=str(bad.pk))
    assert row.changes["state"][1] == FollowUp.State.RECTIFYING


def test_51_hao_a_name_the_comment_gives_is_masked_in_the_rectification_too(bad, lisi):
    """A rating and its rectification are one publication (privacy.mask_together, as a letter's text and reply
    are): the comment named 工作人员王小明, the rectification 已对王小明进行批评教育 with nothing before it."""
    bad.rating.comment = "窗口工作人员王小明态度差"
    bad.rating.save(update_fields=["comment"])
    followup.followup_verify(follow_up=bad, by=lisi, verification="属实")
    followup.followup_rectify(follow_up=bad, by=lisi, rectification="已对王小明进行批评教育")
    [published] = published_rectifications()
    assert "王小明" not in published["comment"] and "王小明" not in published["rectification"]


def test_51_hao_a_name_in_the_comments_prose_is_masked_in_the_published_copy_made_at_rectification(bad, lisi):
    """A name no label announces (办事太慢了，王建国让我跑了三趟) is read by the model (privacy/prose.py) when the
    rectification is published: the public copy is made then and kept, as a letter's is, so the page reads it
    without decrypting the rating or masking on each view."""
    bad.rating.comment = "办事太慢了，王建国让我跑了三趟。"
    bad.rating.save(update_fields=["comment"])
    followup.followup_verify(follow_up=bad, by=lisi, verification="属实")
    followup.followup_rectify(follow_up=bad, by=lisi, rectification="已约谈窗口负责人，限期整改。")
    stored = FollowUp.objects.get(pk=bad.pk)
    assert stored.public_comment == "办事太慢了，王**让我跑了三趟。"
    assert stored.public_rectification == "已约谈窗口负责人，限期整改。"
    [published] = published_rectifications()
    assert published["comment"] == stored.public_comment


def test_51_hao_rectifications_published_before_the_public_copy_get_one_on_migration(bad, lisi):
    """evaluation 0010: a rectification published before the copy existed is given one, as publication makes it."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("zhengtong.evaluation.migrations.0010_public_copies_of_rectifications")
    bad.rating.comment = "办事太慢了，王建国让我跑了三趟。"
    bad.rating.save(update_fields=["comment"])
    followup.followup_verify(follow_up=bad, by=lisi, verification="属实")
    followup.followup_rectify(follow_up=bad, by=lisi, rectification="已联系王建国当面致歉。")
    FollowUp.objects.filter(pk=bad.pk).update(public_comment="", public_rectification="")
    migration.copy_published(apps, None)
    stored = FollowUp.objects.get(pk=bad.pk)
    assert stored.public_comment == "办事太慢了，王**让我跑了三趟。"
    assert stored.public_rectification == "已联系王**当面致歉。"

"""行政许可法 第四十五条 (issue 23 item 4): "行政机关作出行政许可决定，依法需要听证、招标、拍卖、检验、检测、
检疫、鉴定和专家评审的，所需时间不计算在本节规定的期限内。行政机关应当将所需时间书面告知申请人。" Each pause
names one of these procedures and the time it is expected to take, and the applicant is told both; a pause for
anything else, or without the time, is refused and changes nothing."""

from __future__ import annotations

import pytest

from zhengtong.approvals import services
from zhengtong.approvals.models import Application
from zhengtong.core.errors import InvalidInput
from zhengtong.notifications.models import Message
from zhengtong.supervision.models import ClockPause

from .test_workflow import clocks, submit

ARTICLE_45 = {"听证", "招标", "拍卖", "检验", "检测", "检疫", "鉴定", "专家评审"}


@pytest.fixture
def reviewing(item, zhangsan, uploads, form_data, lisi):
    return services.application_accept(application=submit(item, zhangsan, uploads, form_data), by=lisi)


def test_every_procedure_of_the_article_can_be_named():
    assert ARTICLE_45 <= {str(label) for _v, label in ClockPause.Reason.choices}


def test_the_pause_names_the_procedure_and_its_expected_time_and_tells_the_applicant(reviewing, lisi, zhangsan):
    services.application_special_pause(
        application=reviewing, by=lisi, reason="quarantine", note="进口食品原料检疫", expected_days=10
    )
    pause = ClockPause.objects.filter(clock__subject_id=str(reviewing.pk)).first()
    assert pause.reason == "quarantine" and pause.expected_days == 10
    event = reviewing.events.get(action="special")
    assert "检疫" in event.label and "10个工作日" in event.label
    told = Message.objects.filter(recipient=zhangsan, title__contains="检疫").get()
    assert "10个工作日" in told.title and "第四十五条" in told.title


@pytest.mark.parametrize(
    "reason,days,code",
    [
        ("quarantine", None, "SPECIAL_DURATION_REQUIRED"),
        ("quarantine", 0, "SPECIAL_DURATION_REQUIRED"),
        ("correction", 10, "SPECIAL_REASON_INVALID"),
        ("third_party", 10, "SPECIAL_REASON_INVALID"),
    ],
)
def test_a_pause_without_a_named_procedure_or_its_time_is_refused(reviewing, lisi, reason, days, code):
    with pytest.raises(InvalidInput) as refused:
        services.application_special_pause(application=reviewing, by=lisi, reason=reason, note="", expected_days=days)
    assert refused.value.code == code
    assert not clocks(reviewing, paused_since__isnull=False).exists()
    assert Application.objects.get(pk=reviewing.pk).events.filter(action="special").count() == 0


def test_no_decision_is_made_while_a_special_procedure_runs(item, zhangsan, lisi, wangwu, uploads, form_data):
    """第四十八条: the decision is made on the hearing's record, so not while the hearing runs. Outside try,
    session 53: a case was concluded 0.13 s after its hearing began, the procedure never closed, its resume then
    refused as the case had concluded. The decision waits for the procedure's end (409, its own code)."""
    from zhengtong.core.errors import InvalidTransition

    application = services.application_accept(application=submit(item, zhangsan, uploads, form_data), by=lisi)
    services.review_decide(branch=application.branches.get(department__code="A"), by=lisi, agree=True)
    services.review_decide(branch=application.branches.get(department__code="B"), by=wangwu, agree=True)
    application.refresh_from_db()
    services.application_special_pause(application=application, by=lisi, reason="hearing", note="", expected_days=5)
    with pytest.raises(InvalidTransition) as refused:
        services.application_conclude(application=application, by=lisi, granted=True, doc_no="仑许〔2026〕1号")
    assert refused.value.code == "SPECIAL_PROCEDURE_RUNNING" and refused.value.status == 409
    assert Application.objects.get(pk=application.pk).status == "joining"
    services.application_special_resume(application=application, by=lisi)
    done = services.application_conclude(application=application, by=lisi, granted=True, doc_no="仑许〔2026〕1号")
    assert done.status == "concluded"


def test_a_step_taken_once_or_with_nothing_to_act_on_says_so_not_that_the_state_forbids_it(reviewing, lisi, district):
    """Outside try, session 53: each of these answered 该办件当前为“审查中”，不能进行此操作 although the state allows
    the step: what stops it is a procedure already running, none running, or an extension already asked for."""
    from zhengtong.core.errors import InvalidTransition

    from .. import factories as f

    with pytest.raises(InvalidTransition) as refused:
        services.application_special_resume(application=reviewing, by=lisi)
    assert refused.value.code == "NO_SPECIAL_PROCEDURE"
    services.application_special_pause(application=reviewing, by=lisi, reason="hearing", note="", expected_days=5)
    with pytest.raises(InvalidTransition) as refused:
        services.application_special_pause(
            application=reviewing, by=lisi, reason="expert_review", note="", expected_days=5
        )
    assert refused.value.code == "SPECIAL_PROCEDURE_RUNNING"
    services.application_special_resume(application=reviewing, by=lisi)
    head = f.staff("sunba", "孙八", district["government"])
    head.memberships.update(is_head=True)
    services.application_extend(application=reviewing, by=lisi, approver=head, reason="情况复杂")
    with pytest.raises(InvalidTransition) as refused:
        services.application_extend(application=reviewing, by=lisi, approver=head, reason="再延")
    assert refused.value.code == "EXTENSION_PENDING"
    services.application_extend_decide(application=reviewing, by=head, approve=False)
    with pytest.raises(InvalidTransition) as refused:
        services.application_extend_decide(application=reviewing, by=head, approve=True)
    assert refused.value.code == "NO_EXTENSION_PENDING"

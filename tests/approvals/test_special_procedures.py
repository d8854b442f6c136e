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

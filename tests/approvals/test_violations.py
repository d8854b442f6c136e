"""电子监察 records the irregular acts the domains refuse (issue 23 item 7; DOMAIN §3: "refusal without reason ...
a step skipped" are flagged): 行政许可法 第三十八条 (不予行政许可 "应当说明理由") and 第三十二条 (不予受理 with its
reason), 政府信息公开条例 第三十六条 (a refusal states why), and a joint decision taken before every department gave
its opinion (并联审批, DOMAIN §3). The act itself is refused and changes nothing; the attempt stays on the record
for the supervisors, with the responsible department."""

from __future__ import annotations

import pytest

from zhengtong.approvals import services
from zhengtong.core.errors import InvalidInput, InvalidTransition
from zhengtong.supervision.models import Violation

from .test_workflow import submit


def test_a_refusal_without_reason_is_refused_and_recorded(item, zhangsan, uploads, form_data, lisi, district):
    application = submit(item, zhangsan, uploads, form_data)
    with pytest.raises(InvalidInput):
        services.application_refuse(application=application, by=lisi, reason=" ")
    violation = Violation.objects.get()
    assert violation.kind == Violation.Kind.REFUSAL_WITHOUT_REASON
    assert violation.subject_id == str(application.pk) and violation.department == district["A"]


def test_a_denial_without_reason_is_recorded(item, zhangsan, uploads, form_data, lisi, wangwu):
    application = services.application_accept(application=submit(item, zhangsan, uploads, form_data), by=lisi)
    for branch in application.branches.all():
        services.review_decide(branch=branch, by=lisi if branch.is_lead else wangwu, agree=True)
    with pytest.raises(InvalidInput):
        services.application_conclude(
            application=application, by=lisi, granted=False, reason="", doc_no="仑许〔2026〕1号"
        )
    assert Violation.objects.get().kind == Violation.Kind.REFUSAL_WITHOUT_REASON


def test_a_decision_before_every_branch_answered_is_refused_and_recorded(item, zhangsan, uploads, form_data, lisi):
    application = services.application_accept(application=submit(item, zhangsan, uploads, form_data), by=lisi)
    with pytest.raises(InvalidTransition):
        services.application_conclude(application=application, by=lisi, granted=True, doc_no="仑许〔2026〕1号")
    violation = Violation.objects.get()
    assert violation.kind == Violation.Kind.SKIPPED_STEP and "区卫生健康局" in violation.detail


def test_a_correct_refusal_records_nothing(item, zhangsan, uploads, form_data, lisi):
    services.application_refuse(
        application=submit(item, zhangsan, uploads, form_data), by=lisi, reason="不属于本机关职权"
    )
    assert not Violation.objects.exists()


def test_a_decision_before_every_branch_answered_is_recorded_through_the_api_and_the_page(
    client, verified_client, item, zhangsan, uploads, form_data, lisi
):
    """The engine checks a step's state before its parameters (cases.transitions.perform), but not for a step
    whose service records the irregular attempt itself: through the API and the page the early decision is
    still refused and kept for 电子监察 (the fresh-eyes review found it refused unrecorded)."""
    from .. import factories as f

    for attempt in range(2):
        application = services.application_accept(application=submit(item, zhangsan, uploads, form_data), by=lisi)
        if attempt == 0:
            answer = client.post(
                f"/api/v1/cases/applications/{application.pk}/actions/conclude/",
                {"granted": True, "doc_no": "仑许〔2026〕1号"},
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Token {f.api_key(lisi)}",
            )
            assert answer.status_code == 409
        else:
            verified_client(lisi).post(
                f"/workbench/approvals/{application.pk}/act/conclude/", {"granted": "1", "doc_no": "仑许〔2026〕2号"}
            )
        assert Violation.objects.filter(kind=Violation.Kind.SKIPPED_STEP, subject_id=str(application.pk)).exists()

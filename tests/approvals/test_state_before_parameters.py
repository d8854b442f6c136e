"""A step not taken from the case's state is refused 409 naming the state, before its parameters are read, and
leaves nothing behind (issue 19, bad input; outside attack, session 48): a reasonless 不予受理 of a delivered
application answered 400 and wrote a 电子监察 violation, so any clerk could fill the supervisors' list with
irregularities of closed cases. 行政许可法 第三十二条: 补正 is told once (一次告知), so a second notice is refused."""

from __future__ import annotations

import pytest

from zhengtong.approvals import services
from zhengtong.approvals.models import Status
from zhengtong.audit.models import OperationLog
from zhengtong.core.errors import InvalidTransition
from zhengtong.supervision.models import Violation

from .. import factories as f
from .test_workflow import submit

BASE = "/api/v1/cases/applications/"


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {f.api_key(user)}"}


def _post(client, application, action: str, user, body: dict):
    return client.post(
        f"{BASE}{application.pk}/actions/{action}/", body, content_type="application/json", **_auth(user)
    )


@pytest.fixture
def joining(item, zhangsan, uploads, form_data, lisi, wangwu):
    application = services.application_accept(application=submit(item, zhangsan, uploads, form_data), by=lisi)
    for branch in application.branches.all():
        services.review_decide(branch=branch, by=lisi if branch.is_lead else wangwu, agree=True)
    application.refresh_from_db()
    return application


@pytest.mark.parametrize(
    ("action", "body"),
    [
        ("refuse", {}),
        ("conclude", {"granted": "0", "doc_no": "X"}),
        ("conclude", {"granted": "1"}),
        ("conclude", {"granted": "maybe"}),  # review: the page's parameters were read before the state
        ("conclude", {"granted": "0", "reason": "长" * 5000}),
        # a step whose who-may depends on the case (a pending branch of his department): on a delivered case no
        # one may take it, and the state was not checked, so the missing branch answered 400 (outside try, 51)
        ("review", {}),
    ],
)
def test_a_step_on_a_delivered_application_is_409_naming_the_state_whatever_its_parameters(
    client, joining, lisi, action, body
):
    services.application_conclude(application=joining, by=lisi, granted=True, doc_no="仑许〔2026〕7号")
    delivered = services.application_deliver(application=joining, by=lisi, method="window")
    answer = _post(client, delivered, action, lisi, body)
    assert answer.status_code == 409, answer.json()
    assert answer.json()["code"] == "APPLICATION_WRONG_STATE" and "已送达" in answer.json()["message"]
    assert not Violation.objects.exists()
    refused = OperationLog.objects.get(action=f"approvals.refused.{action}", object_id=str(delivered.pk))
    assert refused.changes["state"][1] == Status.DELIVERED


def test_a_reasonless_refusal_in_its_own_state_is_still_refused_and_kept_for_supervision(
    client, item, zhangsan, uploads, form_data, lisi
):
    application = submit(item, zhangsan, uploads, form_data)
    answer = _post(client, application, "refuse", lisi, {})
    assert answer.status_code == 400 and answer.json()["code"] == "REASON_REQUIRED"
    assert list(answer.json()["fields"]) == ["reason"]  # the field named, for a program and a form alike
    assert Violation.objects.get().kind == Violation.Kind.REFUSAL_WITHOUT_REASON


def test_a_second_opinion_on_a_decided_branch_is_409_naming_the_branch(
    client, item, zhangsan, uploads, form_data, lisi
):
    application = services.application_accept(application=submit(item, zhangsan, uploads, form_data), by=lisi)
    lead = application.branches.get(is_lead=True)
    services.review_decide(branch=lead, by=lisi, agree=True)
    answer = _post(client, application, "review", lisi, {"branch": lead.pk, "agree": "0", "reason": "改主意"})
    assert answer.status_code == 409, answer.json()
    assert answer.json()["code"] == "BRANCH_DECIDED" and "同意" in answer.json()["message"]
    lead.refresh_from_db()
    assert lead.state == "agreed"


def test_a_malformed_opinion_on_a_decided_branch_is_409_too(client, item, zhangsan, uploads, form_data, lisi):
    """The branch's opinion is read before the new one's parameters, as the case's state is before a step's: an
    opinion that says neither yes nor no on a decided branch answered 400 for the parameter (review, session 48)."""
    application = services.application_accept(application=submit(item, zhangsan, uploads, form_data), by=lisi)
    lead = application.branches.get(is_lead=True)
    services.review_decide(branch=lead, by=lisi, agree=True)
    answer = _post(client, application, "review", lisi, {"branch": lead.pk, "agree": "perhaps"})
    assert answer.status_code == 409, answer.json()
    assert answer.json()["code"] == "BRANCH_DECIDED"
    # the approvals API too, whose serializer read the parameters first (fresh-eyes review, session 49)
    older = client.post(
        f"/api/v1/approvals/applications/{application.pk}/actions/review/",
        {"branch": lead.pk, "agree": "perhaps", "reason": "长" * 3000},
        content_type="application/json",
        **_auth(lisi),
    )
    assert older.status_code == 409 and older.json()["code"] == "BRANCH_DECIDED", older.json()


def test_the_correction_notice_is_given_once(item, zhangsan, uploads, form_data, lisi):
    """第三十二条（四）: 一次告知申请人需要补正的全部内容. After the applicant's resubmission, a second notice is
    refused 409 and nothing pauses again."""
    application = submit(item, zhangsan, uploads, form_data)
    services.application_request_correction(application=application, by=lisi, items=["营业执照复印件"])
    application.refresh_from_db()
    services.application_resubmit(application=application, by=zhangsan, uploads=uploads)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    with pytest.raises(InvalidTransition) as refused:
        services.application_request_correction(application=application, by=lisi, items=["第二次补正"])
    assert refused.value.code == "CORRECTION_ONCE"
    assert application.corrections.count() == 1


@pytest.mark.parametrize("body", [{}, {"agree": None}, {"agree": [True]}])
def test_an_opinion_that_gives_no_decision_is_refused_not_recorded_as_disagreeing(
    client, item, zhangsan, uploads, form_data, lisi, body
):
    """A review sent without `agree`, or with null, was recorded as 不同意 and moved the case on (outside try,
    session 51): the decision is the opinion, so it is refused naming the field and nothing changes."""
    application = services.application_accept(application=submit(item, zhangsan, uploads, form_data), by=lisi)
    lead = application.branches.get(is_lead=True)
    answer = _post(client, application, "review", lisi, {"branch": lead.pk, "reason": "材料已审核", **body})
    assert answer.status_code == 400 and answer.json()["code"] == "INVALID_PARAMETER", answer.json()
    assert list(answer.json()["fields"]) == ["agree"]
    lead.refresh_from_db()
    assert lead.state == "pending"

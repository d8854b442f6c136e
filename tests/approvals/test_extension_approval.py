"""Approvals by the approver (issue 21, item 3; 行政许可法 第四十二条: the limit may be extended by 10 days "经本行政
机关负责人批准", and for joint or unified handling by 15 days "经本级人民政府负责人批准", issue 23 item 1): the clerk
asks, naming the head; the head is told and decides in his own session; the clerk can no longer record the head's
approval himself, through the page or the API. The fixture's item is handled jointly (并联审批), so its head is the
district government's."""

from __future__ import annotations

import pytest

from zhengtong.approvals import services
from zhengtong.approvals.case import APPLICATION
from zhengtong.audit.context import Actor, acting_as
from zhengtong.audit.models import OperationLog
from zhengtong.cases.transitions import allowed_actions
from zhengtong.core.errors import PermissionDenied
from zhengtong.notifications.models import Message
from zhengtong.supervision.models import Clock

from .. import factories as f

BASE = "/api/v1/cases/applications/"


def _whole(application) -> Clock:
    return Clock.objects.get(subject_type="approvals.application", subject_id=str(application.pk), stage="whole")


@pytest.fixture
def head(district):
    """A head of the people's government (区长), whose own role covers only his own department: he sees the
    case he is asked to decide all the same (cases/visibility.py)."""
    head = f.staff("sunba", "孙八", district["government"], f.role("leader", "department"))
    head.memberships.update(is_head=True)
    return head


@pytest.fixture
def department_head(district):
    head = f.staff("head_a", "赵六", district["A"])
    head.memberships.update(is_head=True)
    return head


@pytest.fixture
def accepted(item, zhangsan, lisi, uploads, form_data):
    application = services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)
    return services.application_accept(application=application, by=lisi)


def test_the_clerk_asks_and_only_the_head_decides_in_his_own_session(accepted, lisi, head):
    services.application_extend(application=accepted, by=lisi, approver=head, reason="需现场核查")
    assert _whole(accepted).extension_total == 0
    assert Message.objects.filter(recipient=head, title__contains="延长时限待您审批").exists()
    assert "extend_decide" in allowed_actions(APPLICATION, accepted, head)
    assert "extend_decide" not in allowed_actions(APPLICATION, accepted, lisi)
    assert "extend" not in allowed_actions(APPLICATION, accepted, lisi)  # one request at a time

    with pytest.raises(PermissionDenied):
        services.application_extend_decide(application=accepted, by=lisi, approve=True)
    assert _whole(accepted).extension_total == 0

    with acting_as(Actor(user_id=head.pk, name=head.real_name)):
        services.application_extend_decide(application=accepted, by=head, approve=True, note="同意")
    whole = _whole(accepted)
    assert whole.extension_total == 15 and whole.extensions.get().approver == head
    assert OperationLog.objects.get(action="supervision.extension.approve").actor_id == head.pk
    assert Message.objects.filter(recipient=lisi, title__contains="同意延长时限").exists()


def test_a_refusal_extends_nothing_and_the_clerk_may_ask_again(accepted, lisi, head):
    services.application_extend(application=accepted, by=lisi, approver=head, reason="需现场核查")
    services.application_extend_decide(application=accepted, by=head, approve=False, note="期限内可以办结")
    assert _whole(accepted).extension_total == 0
    assert "extend" in allowed_actions(APPLICATION, accepted, lisi)


def test_joint_handling_is_extended_by_the_government_head_not_the_departments(accepted, lisi, department_head):
    from zhengtong.core.errors import InvalidInput
    from zhengtong.supervision.models import ExtensionRequest

    with pytest.raises(InvalidInput) as refused:
        services.application_extend(application=accepted, by=lisi, approver=department_head, reason="需现场核查")
    assert refused.value.code == "EXTENSION_GOVERNMENT_HEAD" and not ExtensionRequest.objects.exists()


def test_one_department_s_item_is_extended_by_ten_days_by_its_own_head(
    district, zhangsan, lisi, department_head, head, form_data
):
    from zhengtong.core.errors import InvalidInput

    from ..approvals.conftest import make_item
    from ..files import samples

    item = make_item(district, code="330206-XK-0009", parallel=False)
    uploads = {item.materials.get(name="营业执照").pk: [("营业执照.pdf", samples.pdf())]}
    application = services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)
    application = services.application_accept(application=application, by=lisi)
    with pytest.raises(InvalidInput) as refused:
        services.application_extend(application=application, by=lisi, approver=head, reason="需现场核查")
    assert refused.value.code == "EXTENSION_APPROVER"
    services.application_extend(
        application=application, by=department_head, approver=department_head, reason="需现场核查"
    )
    assert _whole(application).extension_total == 10  # the head extending himself decides at once


def test_the_api_no_longer_records_the_heads_approval_for_him(client, accepted, lisi, head):
    auth = {"HTTP_AUTHORIZATION": f"Token {f.api_key(lisi)}"}
    body = {"approver": head.pk, "reason": "情况复杂"}
    response = client.post(f"{BASE}{accepted.pk}/actions/extend/", body, content_type="application/json", **auth)
    assert response.status_code == 200, response.json()
    assert _whole(accepted).extension_total == 0
    decided = client.post(
        f"{BASE}{accepted.pk}/actions/extend_decide/", {"approve": True}, content_type="application/json", **auth
    )
    assert decided.status_code == 403 and _whole(accepted).extension_total == 0
    head_auth = {"HTTP_AUTHORIZATION": f"Token {f.api_key(head)}"}
    decided = client.post(
        f"{BASE}{accepted.pk}/actions/extend_decide/", {"approve": True}, content_type="application/json", **head_auth
    )
    assert decided.status_code == 200 and _whole(accepted).extension_total == 15


def test_on_the_workbench_the_head_sees_the_request_and_decides_it(verified_client, accepted, lisi, head):
    from django.urls import reverse

    clerk = verified_client(lisi)
    clerk.post(
        reverse("workbench_approvals:act", args=[accepted.pk, "extend"]), {"approver": head.pk, "reason": "需现场核查"}
    )
    page = clerk.get(reverse("workbench_approvals:detail", args=[accepted.pk])).content.decode()
    assert "待孙八审批" in page and "同意延长" not in page
    page = verified_client(head).get(reverse("workbench_approvals:detail", args=[accepted.pk])).content.decode()
    assert "同意延长" in page  # (the fixture's one client, now signed in as the head)
    verified_client(head).post(
        reverse("workbench_approvals:act", args=[accepted.pk, "extend_decide"]), {"approve": "1"}
    )
    assert _whole(accepted).extension_total == 15


def test_a_head_who_has_left_the_post_cannot_decide_what_he_was_asked(accepted, lisi, head):
    from zhengtong.core.errors import InvalidInput

    services.application_extend(application=accepted, by=lisi, approver=head, reason="需现场核查")
    head.memberships.update(is_head=False)
    with pytest.raises(InvalidInput) as refused:
        services.application_extend_decide(application=accepted, by=head, approve=True)
    assert refused.value.code == "EXTENSION_GOVERNMENT_HEAD" and _whole(accepted).extension_total == 0

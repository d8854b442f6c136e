"""Staff see a person's identifiers unmasked only where their role needs them, and each such view is audited
(issue 20, item 7; 等保2.0 GB/T 22239-2019 8.1.4.2 访问控制: 授予管理用户所需的最小权限, down to the field).

The clerk who may act on a case reads the contact phone or ID number masked and asks for it whole, one field at a
time, each time written to the audit log; a supervisor whose data scope shows him the case reads it masked and is
refused (403, audited) if he asks."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhengtong.audit.models import OperationLog
from zhengtong.org.models import DataScope

from .. import factories as f
from .conftest import registered_request

PHONE = "13805740001"


@pytest.fixture
def request_case(district):
    return registered_request(district, "2025年老旧小区改造资金使用明细", phone=PHONE)


@pytest.fixture
def supervisor(district):
    return f.staff("p_all", "全部", district["B"], f.role("r_all", DataScope.ALL))


def test_the_page_shows_the_phone_and_id_number_masked_and_the_handling_clerk_reveals_one_audited(
    verified_client, request_case
):
    clerk, case = request_case
    client = verified_client(clerk)
    page = client.get(reverse("workbench_disclosure:request", args=[case.pk])).content.decode()
    assert PHONE not in page and case.identifier not in page and "138****0001" in page
    url = reverse("workbench_cases:reveal", args=["disclosure-requests", case.pk, "identifier"])
    assert url in page

    response = client.post(url, HTTP_HX_REQUEST="true")
    answer = response.content.decode()
    assert case.identifier in answer and PHONE not in answer
    assert "no-store" in response["Cache-Control"]  # kept by no browser or proxy cache
    row = OperationLog.objects.get(action="disclosure.reveal")
    assert row.actor_id == clerk.pk and row.object_id == str(case.pk) and "证件号码" in str(row.changes)


def test_a_supervisor_who_sees_the_case_reads_it_masked_and_is_refused_audited(
    verified_client, request_case, supervisor
):
    _clerk, case = request_case
    client = verified_client(supervisor)
    page = client.get(reverse("workbench_disclosure:request", args=[case.pk]))
    assert page.status_code == 200 and "138****0001" in page.content.decode()
    url = reverse("workbench_cases:reveal", args=["disclosure-requests", case.pk, "contact_phone"])
    assert url not in page.content.decode()

    refused = client.post(url)
    assert refused.status_code == 403 and PHONE not in refused.content.decode()
    assert OperationLog.objects.filter(action="disclosure.denied.reveal", actor_id=supervisor.pk).exists()
    assert not OperationLog.objects.filter(action="disclosure.reveal").exists()


def test_a_clerk_outside_the_case_gets_404_and_a_get_reveals_nothing(verified_client, district, request_case):
    _clerk, case = request_case
    url = reverse("workbench_cases:reveal", args=["disclosure-requests", case.pk, "contact_phone"])
    outsider = verified_client(f.staff("clerk_b", "丙", district["B"]))
    assert outsider.post(url).status_code == 404
    assert verified_client(request_case[0]).get(url).status_code == 405


def test_the_api_gives_the_same_masked_values_and_reveal(verified_client, request_case, supervisor):
    clerk, case = request_case
    client = verified_client(clerk)
    detail = client.get(f"/api/v1/cases/disclosure-requests/{case.pk}/").json()
    fields = {p["field"]: p for p in detail["personal"]}
    assert fields["contact_phone"]["masked"] == "138****0001" and fields["contact_phone"]["may_reveal"] is True
    assert PHONE not in str(detail)

    answer = client.post(f"/api/v1/cases/disclosure-requests/{case.pk}/reveal/contact_phone/")
    assert answer.json() == {"field": "contact_phone", "label": "联系电话", "value": PHONE}
    assert "no-store" in answer["Cache-Control"]
    steps = client.get(f"/api/v1/cases/disclosure-requests/{case.pk}/").json()["timeline"]
    assert {"action": "reveal", "label": "查看完整个人信息"}.items() <= steps[-1].items()
    client.logout()

    other = verified_client(supervisor)
    answer = other.post(f"/api/v1/cases/disclosure-requests/{case.pk}/reveal/contact_phone/")
    assert answer.status_code == 403 and answer.json()["code"] == "REVEAL_NOT_ALLOWED"
    assert other.post(f"/api/v1/cases/disclosure-requests/{case.pk}/reveal/applicant_name/").status_code == 404


def test_a_closed_case_shows_masked_to_everyone_and_a_key_of_the_wrong_type_is_404(verified_client, request_case):
    """Review: "may act" alone let the hotline centre reveal phones on letters closed long ago (unpublishing
    stays open on them); and a non-numeric key answered 500."""
    from zhengtong.cases.reveal import may_reveal
    from zhengtong.disclosure.case import REQUEST
    from zhengtong.disclosure.models import RequestState

    clerk, case = request_case
    case.state = RequestState.DELIVERED
    assert not may_reveal(REQUEST, case, clerk, ("answer",))
    url = reverse("workbench_cases:reveal", args=["disclosure-requests", "abc", "contact_phone"])
    assert verified_client(clerk).post(url).status_code == 404


def test_an_anonymous_writer_s_phone_is_shown_whole_to_no_one():
    """Review of issue 20: the hotline keeps the number an anonymous caller rang from; the writer asked not to be
    known, so no one who may act on the letter reads it whole."""
    from zhengtong.cases.reveal import may_reveal
    from zhengtong.letters.case import LETTER
    from zhengtong.letters.models import Letter, State

    named = Letter(state=State.HANDLING, anonymous=False, writer_phone=PHONE)
    anonymous = Letter(state=State.HANDLING, anonymous=True, writer_phone=PHONE)
    assert may_reveal(LETTER, named, None, ("reply",))
    assert not may_reveal(LETTER, anonymous, None, ("reply",))

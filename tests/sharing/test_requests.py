"""Share requests (政务数据共享条例; DOMAIN.md §6): a conditional resource is decided by its provider within 10
working days on the clock; an unconditional one is granted at once; 不予共享 names its basis; a grant never
exceeds what was asked."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from zhengtong.audit.models import OperationLog
from zhengtong.core.errors import InvalidInput, PermissionDenied
from zhengtong.sharing.models import Grant, ShareClass, ShareRequest
from zhengtong.sharing.services.requests import (
    grant_revoke,
    share_request_grant,
    share_request_refuse,
    share_request_submit,
    share_request_withdraw,
)
from zhengtong.supervision.models import Clock, Outcome

from .. import factories as f
from .conftest import a_year, make_resource

State = ShareRequest.State


def ask(resource, by, consumer, **kw):
    values = {"purpose": "办理食品经营许可时核验申请单位登记信息", "fields": ["uscc", "name"], "period_until": a_year()}
    values.update(kw)
    return share_request_submit(resource=resource, consumer=consumer, by=by, **values)


def test_a_conditional_request_waits_on_the_providers_ten_working_day_clock(legal_resource, wangwu, registers):
    request = ask(legal_resource, wangwu, registers["B"])
    assert request.state == State.SUBMITTED and request.number.startswith("GX")
    clock = Clock.objects.get(subject_type="sharing.sharerequest", subject_id=str(request.pk))
    assert (clock.limit, clock.department_id, clock.stage) == (10, registers["A"].pk, "decision")
    assert not Grant.objects.exists()


def test_an_unconditional_resource_is_granted_at_once(economy_resource, lisi, registers):
    request = ask(economy_resource, lisi, registers["A"], fields=["code", "value"])
    assert request.state == State.GRANTED
    grant = request.grant
    assert grant.fields == ["code", "value"] and grant.current()
    assert not Clock.objects.filter(subject_type="sharing.sharerequest").exists()


def test_a_resource_not_shared_names_its_basis_and_cannot_be_asked_for(registers, lisi):
    with pytest.raises(IntegrityError):
        make_resource("B-9", "涉密资源", registers["B"], "", [("x", "x", "C")], share=ShareClass.NONE)


def test_a_not_shared_resource_refuses_the_request_with_the_basis(registers, lisi):
    resource = make_resource(
        "B-9",
        "病历资料",
        registers["B"],
        "",
        [("x", "x", "C")],
        share=ShareClass.NONE,
        share_basis="《医疗机构管理条例》",
    )
    with pytest.raises(PermissionDenied) as info:
        ask(resource, lisi, registers["A"], fields=["x"])
    assert info.value.code == "SHARING_NOT_SHARED" and "医疗机构管理条例" in info.value.message


def test_only_the_consumers_staff_ask_and_only_the_providers_decide(legal_resource, lisi, wangwu, registers):
    with pytest.raises(PermissionDenied):
        ask(legal_resource, lisi, registers["B"])  # 李四 works in A, not B
    request = ask(legal_resource, wangwu, registers["B"])
    with pytest.raises(PermissionDenied) as info:
        share_request_grant(request=request, by=wangwu)
    assert info.value.code == "SHARING_NOT_PROVIDER"
    assert OperationLog.objects.filter(action="sharing.denied.grant").exists()


def test_no_one_decides_a_request_he_made_himself(legal_resource, lisi, registers, district, verified_client):
    """An office's clerk works in its bureau too (org.access.workplaces), so he is staff of both sides of his
    office's request for the bureau's data: another of the bureau's staff decides it (the two-person rule of
    等保2.0 8.1.4.2 访问控制 and of every approval here), found by an outside attack in session 45."""
    from zhengtong.cases.transitions import allowed_actions
    from zhengtong.sharing.case import SHARE_REQUEST

    office_clerk = f.staff("ks_office", "科员", district["A1"], f.role("clerk_a1"))
    request = ask(legal_resource, office_clerk, district["A1"])
    assert set(allowed_actions(SHARE_REQUEST, request, office_clerk)) == {"withdraw"}
    for decide in (share_request_grant, lambda **kw: share_request_refuse(reason="不予共享", **kw)):
        with pytest.raises(PermissionDenied) as info:
            decide(request=request, by=office_clerk)
        assert info.value.code == "SHARING_OWN_REQUEST"
    home = verified_client(office_clerk).get("/workbench/sharing/").content.decode()
    assert "待本部门审核的共享申请" not in home, "his own request waits on his colleagues, not on him"
    assert share_request_grant(request=request, by=lisi).state == State.GRANTED


def test_the_grant_may_narrow_but_never_widen_what_was_asked(legal_resource, lisi, wangwu, registers):
    request = ask(legal_resource, wangwu, registers["B"], row_filter={"district": "北仑区"})
    with pytest.raises(InvalidInput) as info:
        share_request_grant(request=request, by=lisi, fields=["uscc", "name", "address"])
    assert info.value.code == "SHARING_NARROWER_ONLY" and "fields" in info.value.fields
    with pytest.raises(InvalidInput):
        share_request_grant(request=request, by=lisi, row_filter={"district": "镇海区"})
    request = share_request_grant(request=request, by=lisi, fields=["uscc"], rate_per_minute=60)
    grant = Grant.objects.get(request=request)
    assert (grant.fields, grant.row_filter, grant.rate_per_minute) == (["uscc"], {"district": "北仑区"}, 60)
    clock = Clock.objects.get(subject_type="sharing.sharerequest", subject_id=str(request.pk))
    assert clock.outcome == Outcome.ON_TIME


def test_a_refusal_needs_its_reason_and_a_withdrawal_stops_the_clock(legal_resource, lisi, wangwu, registers):
    request = ask(legal_resource, wangwu, registers["B"])
    with pytest.raises(InvalidInput) as info:
        share_request_refuse(request=request, by=lisi, reason=" ")
    assert info.value.code == "SHARING_REASON_REQUIRED"
    refused = share_request_refuse(request=request, by=lisi, reason="用途与职责不符")
    assert refused.state == State.REFUSED
    other = ask(legal_resource, wangwu, registers["B"])
    assert share_request_withdraw(request=other, by=wangwu).state == State.WITHDRAWN
    clock = Clock.objects.get(subject_type="sharing.sharerequest", subject_id=str(other.pk))
    assert clock.outcome == Outcome.CANCELLED


def test_fields_and_row_range_must_be_the_resources(legal_resource, wangwu, registers):
    with pytest.raises(InvalidInput) as info:
        ask(legal_resource, wangwu, registers["B"], fields=["salary"])
    assert info.value.code == "SHARING_FIELD_UNKNOWN"
    with pytest.raises(InvalidInput) as info:
        ask(legal_resource, wangwu, registers["B"], row_filter={"address": "x"})
    assert info.value.code == "SHARING_FILTER_INVALID"


def test_the_provider_revokes_a_grant_with_a_reason(economy_resource, lisi, wangwu, registers):
    grant = ask(economy_resource, lisi, registers["A"], fields=["code"]).grant
    with pytest.raises(PermissionDenied):
        grant_revoke(grant=grant, by=lisi, reason="x")
    grant = grant_revoke(grant=grant, by=wangwu, reason="用途已结束")
    assert grant.state == Grant.State.REVOKED and not grant.current()


def test_a_clerk_of_neither_department_is_told_nothing(verified_client, legal_resource, lisi, wangwu, registers):
    request = ask(legal_resource, wangwu, registers["B"])
    outsider = f.staff("zhaoliu", "赵六", f.department("C", "区教育局", registers["government"]), f.role("clerk"))
    assert verified_client(outsider).get(f"/workbench/sharing/requests/{request.pk}/").status_code == 404
    page = verified_client(lisi).get(f"/workbench/sharing/requests/{request.pk}/")
    assert page.status_code == 200 and "同意并授权" in page.content.decode()


def test_a_row_range_never_names_personal_data(population_resource, lisi, registers):
    """The range is stored in clear on the request and the grant: an ID number there would be personal data."""
    with pytest.raises(InvalidInput) as info:
        ask(population_resource, lisi, registers["A"], fields=["name"], row_filter={"id_number": "330206198503120074"})
    assert info.value.code == "SHARING_FILTER_PERSONAL"


def test_a_step_posted_in_the_wrong_state_is_refused_naming_it_and_audited(
    verified_client, legal_resource, lisi, wangwu, registers
):
    """Issue 19, bad input: the request's page runs its steps through the case engine as the API does. A grant
    posted to a request already answered re-drew the page without a word and without a record."""
    request = ask(legal_resource, wangwu, registers["B"])
    share_request_refuse(request=request, by=lisi, reason="依据《政务数据共享条例》第十五条，不予共享")
    request.refresh_from_db()
    page = verified_client(lisi).post(
        f"/workbench/sharing/requests/{request.pk}/",
        {"action": "grant", "fields": ["uscc"], "expires_on": a_year().isoformat(), "rate_per_minute": "60"},
        follow=True,
    )
    assert f"“{request.get_state_display()}”" in page.content.decode()
    assert OperationLog.objects.filter(action="sharing.refused.grant", object_id=str(request.pk)).exists()
    assert not Grant.objects.filter(request=request).exists()
    # the consumer posting the provider's step is refused by the service's own guard, with its code, and recorded
    other = ask(legal_resource, wangwu, registers["B"], purpose="核验申请单位的登记信息（第二件）")
    verified_client(wangwu).post(f"/workbench/sharing/requests/{other.pk}/", {"action": "refuse"})
    assert OperationLog.objects.filter(action="sharing.denied.refuse", object_id=str(other.pk)).exists()
    other.refresh_from_db()
    assert other.state == State.SUBMITTED
    # a form refused on the page (no reason) is recorded as the API's 400 is
    page = verified_client(lisi).post(
        f"/workbench/sharing/requests/{other.pk}/", {"action": "refuse", "refuse-reason": ""}
    )
    assert page.status_code == 200 and "理由" in page.content.decode()
    refused = OperationLog.objects.get(action="sharing.refused.refuse", object_id=str(other.pk))
    assert refused.changes["code"][1] == "INVALID_INPUT"


def test_a_persons_number_in_a_refusals_reason_is_refused_on_the_page_too(
    legal_resource, wangwu, lisi, registers, verified_client
):
    """The review of session 63: the request's page took the step's first check itself and then its step, without
    the engine's reading of what staff send (cases/transitions.written_numbers_refused): a mobile in the reason was
    stored and the request refused, where the API answered 400."""
    request = ask(legal_resource, wangwu, registers["B"])
    page = verified_client(lisi).post(
        f"/workbench/sharing/requests/{request.pk}/",
        {"action": "refuse", "refuse-reason": "经办人陈志强13957412366核实后不予共享"},
    )
    assert "CASE_TEXT_HOLDS_PERSONAL_NUMBERS" in page.content.decode()
    request.refresh_from_db()
    assert request.state == State.SUBMITTED and "13957412366" not in (request.reason or "")

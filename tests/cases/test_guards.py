"""The case engine's guards (cases/guards.py): every refusal keeps its code, changes nothing, and an attempt by
someone outside the case's departments is audited, even when the refusal rolls its service's transaction back.

等保2.0 (GB/T 22239-2019) 8.1.4.3 安全审计: the audit covers every user's important security events.
"""

from __future__ import annotations

import pytest

from zhengtong.audit.models import OperationLog
from zhengtong.core.errors import InvalidTransition, PermissionDenied
from zhengtong.disclosure import requests as svc
from zhengtong.disclosure.models import ApplicantKind, RequestState

from .. import factories as f


def _register(department, by):
    return svc.request_register(
        department=department,
        by=by,
        applicant_kind=ApplicantKind.PERSON,
        applicant_name="张三",
        identifier=f.valid_id_number(),
        contact_phone="13805740001",
        content="2024年北仑区老旧小区改造资金使用明细",
    )


def test_an_action_by_another_department_is_refused_audited_and_changes_nothing(district, zhangsan, wangwu):
    request = _register(district["A"], zhangsan)
    with pytest.raises(PermissionDenied) as refused:
        svc.request_answer(request=request, by=wangwu, answer_type="granted")
    assert refused.value.code == "NOT_REVIEWER"
    request.refresh_from_db()
    assert request.state == RequestState.REGISTERED
    attempt = OperationLog.objects.filter(action="disclosure.denied.answer").get()
    assert attempt.object_id == str(request.pk) and attempt.changes["user"] == [None, "wangwu"]


def test_an_action_not_allowed_in_the_state_is_409_naming_the_state(district, zhangsan, lisi):
    request = svc.request_withdraw(request=_register(district["A"], zhangsan), by=zhangsan)
    with pytest.raises(InvalidTransition) as refused:
        svc.request_answer(request=request, by=lisi, answer_type="granted")
    assert refused.value.status == 409 and refused.value.code == "REQUEST_WRONG_STATE"
    assert f"“{request.get_state_display()}”" in str(refused.value.message)


def test_a_staff_step_asked_by_a_citizen_or_an_administrator_is_refused_as_such(district, zhangsan, lisi, admins):
    """Outside try, session 53: the applicant asking to accept his own request was told it was another
    department's (`NOT_REVIEWER`: "not made to the office you work in"), as if he were a clerk. Each domain's
    code is a clerk's refusal; one who handles no cases is told what he is: a citizen that staff take the step,
    an administrator that the 三员 handle no cases (DOMAIN.md §8). The applicant's own steps keep their code."""
    request = _register(district["A"], zhangsan)
    told = {"STAFF_STEP": "工作人员", "ADMINISTRATOR_HANDLES_NO_CASES": "三员"}
    for who, code in ((zhangsan, "STAFF_STEP"), (admins["system"], "ADMINISTRATOR_HANDLES_NO_CASES")):
        with pytest.raises(PermissionDenied) as refused:
            svc.request_answer(request=request, by=who, answer_type="granted")
        assert refused.value.code == code and told[code] in str(refused.value.message)
    with pytest.raises(PermissionDenied) as refused:
        svc.request_withdraw(request=request, by=lisi)
    assert refused.value.code == "NOT_APPLICANT"
    request.refresh_from_db()
    assert request.state == RequestState.REGISTERED
    assert OperationLog.objects.filter(action="disclosure.denied.answer").count() == 2

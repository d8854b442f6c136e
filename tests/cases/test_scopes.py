"""Which cases a member of staff sees: his roles' data scope (数据权限), and whatever waits on a department he
works in. The same five personas against every case type.

等保2.0 (GB/T 22239-2019) 8.1.4.2 访问控制 c): 授予管理用户所需的最小权限; d) 访问控制的粒度应达到主体为用户级,
客体为文件、数据库表级 — here down to the row. A case outside what he may see does not exist for him: 404, the
same answer as a number that was never issued.

Each persona but 全部 is a member of department A:

| case                    | 本人 | 本部门 | 本部门及以下 | 全部 | 自定义 (B) |
| A, waiting on A         |  ✓   |   ✓    |      ✓       |  ✓   |     ✓      |
| A, closed by another    |      |   ✓    |      ✓       |  ✓   |            |
| A, closed, handled by 本人 | ✓  |   ✓    |      ✓       |  ✓   |            |
| A1 (A's office), closed |      |        |      ✓       |  ✓   |            |
| B, waiting on B         |      |        |              |  ✓   |     ✓      |
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhengtong.org.models import DataScope

from .. import factories as f

CASES = ("a_open", "a_closed", "a_mine", "a1_closed", "b_open")
SEES = {
    "本人": {"a_open", "a_mine"},
    "本部门": {"a_open", "a_closed", "a_mine"},
    "本部门及以下": {"a_open", "a_closed", "a_mine", "a1_closed"},
    "全部": set(CASES),
    "自定义": {"a_open", "b_open"},
}


@pytest.fixture
def personas(district):
    custom = f.role("r_custom", DataScope.CUSTOM)
    custom.custom_departments.set([district["B"]])
    return {
        "本人": f.staff("p_self", "本人", district["A"], f.role("r_self", DataScope.SELF)),
        "本部门": f.staff("p_dept", "本部门", district["A"], f.role("r_dept", DataScope.DEPARTMENT)),
        "本部门及以下": f.staff("p_below", "及以下", district["A"], f.role("r_below", DataScope.DEPARTMENT_AND_BELOW)),
        "全部": f.staff("p_all", "全部", district["B"], f.role("r_all", DataScope.ALL)),
        "自定义": f.staff("p_custom", "自定义", district["A"], custom),
    }


def _check(verified_client, personas, urls: dict[str, str]) -> None:
    for persona, user in personas.items():
        client = verified_client(user)
        seen = {case for case, url in urls.items() if client.get(url).status_code == 200}
        assert seen == SEES[persona], persona
        client.logout()


# -- the service hall ------------------------------------------------------------------------------------------


def _hall_cases(district, personas):
    from zhengtong.approvals import services

    from ..approvals.conftest import make_item
    from ..files import samples

    def item(department, code):
        made = make_item(district, code=code, parallel=False)
        made.lead_department = department
        made.save(update_fields=["lead_department"])
        return made

    def submit(item, **extra):
        licence = item.materials.get(name="营业执照")
        return services.application_submit(
            item=item,
            applicant=None,
            data={"shop_name": "港城小吃", "area": "45"},
            uploads={licence.pk: [("a.pdf", samples.pdf())]},
            channel="window",
            applicant_name="张三",
            **extra,
        )

    in_a, in_a1, in_b = item(district["A"], "A-1"), item(district["A1"], "A1-1"), item(district["B"], "B-1")
    clerk_a, clerk_a1 = f.staff("clerk_a", "甲", district["A"]), f.staff("clerk_a1", "乙", district["A1"])
    a_closed = services.application_refuse(application=submit(in_a), by=clerk_a, reason="不属于本机关职权范围")
    a_mine = services.application_refuse(
        application=submit(in_a, registered_by=personas["本人"]), by=clerk_a, reason="不属于本机关职权范围"
    )
    a1_closed = services.application_refuse(application=submit(in_a1), by=clerk_a1, reason="不属于本机关职权范围")
    cases = {
        "a_open": submit(in_a),
        "a_closed": a_closed,
        "a_mine": a_mine,
        "a1_closed": a1_closed,
        "b_open": submit(in_b),
    }
    return {name: reverse("workbench_approvals:detail", args=[case.pk]) for name, case in cases.items()}


def test_the_hall_shows_each_persona_what_his_scope_and_his_work_cover(verified_client, district, personas):
    _check(verified_client, personas, _hall_cases(district, personas))


# -- disclosure requests ---------------------------------------------------------------------------------------


def _request_cases(district, personas):
    from zhengtong.disclosure import requests as svc
    from zhengtong.disclosure.answers import AnswerType

    def register(department, by):
        return svc.request_register(
            department=department,
            by=by,
            applicant_kind="person",
            applicant_name="张三",
            identifier=f.valid_id_number(),
            contact_phone="13805740001",
            channel="in_person",
            content="2025年老旧小区改造资金使用明细",
        )

    def closed(department, registrar, answerer):
        answered = svc.request_answer(
            request=register(department, registrar),
            by=answerer,
            answer_type=AnswerType.GRANTED,
            reason="",
            text="予以公开。",
        )
        return svc.request_deliver(request=answered, by=answerer, method="网上送达")

    clerk_a, clerk_a1 = f.staff("clerk_a", "甲", district["A"]), f.staff("clerk_a1", "乙", district["A1"])
    clerk_b = f.staff("clerk_b", "丙", district["B"])
    cases = {
        "a_open": register(district["A"], clerk_a),
        "a_closed": closed(district["A"], clerk_a, clerk_a),
        "a_mine": closed(district["A"], clerk_a, personas["本人"]),
        "a1_closed": closed(district["A1"], clerk_a1, clerk_a1),
        "b_open": register(district["B"], clerk_b),
    }
    return cases, {name: reverse("workbench_disclosure:request", args=[case.pk]) for name, case in cases.items()}


def test_disclosure_requests_show_each_persona_what_his_scope_and_his_work_cover(verified_client, district, personas):
    _cases, urls = _request_cases(district, personas)
    _check(verified_client, personas, urls)


def test_the_disclosure_request_list_is_scoped_alike(verified_client, district, personas):
    cases, _urls = _request_cases(district, personas)
    for persona, user in personas.items():
        client = verified_client(user)
        listed = client.get(reverse("workbench_disclosure:requests"), {"state": "all"}).content.decode()
        assert {name for name, case in cases.items() if case.receipt_no in listed} == SEES[persona], persona
        client.logout()


# -- letters ---------------------------------------------------------------------------------------------------


def _letter_cases(district, personas, hotline):
    from zhengtong.letters import services
    from zhengtong.org.models import Membership

    from ..letters.conftest import submit

    operator = hotline["operator"]
    made = []
    clerk_a, clerk_a1 = f.staff("clerk_a", "甲", district["A"]), f.staff("clerk_a1", "乙", district["A1"])

    def dispatched(department):
        # each from another writer: the same writer's same complaint within 30 days joins the first letter
        letter = submit(
            writer_name=f"写信人{department.code}{len(made)}", writer_phone=f"1380574{len(made):04d}"
        ).letter
        made.append(letter)
        return services.letter_dispatch(letter=letter, by=operator, department=department)

    def closed(department, drafter, head):
        letter = dispatched(department)
        services.letter_sign(letter=letter, by=drafter, department=department)
        services.letter_draft_reply(letter=letter, by=drafter, text="经现场检查，该餐馆已安装油烟净化设施。")
        services.letter_review_reply(letter=letter, by=head, approve=True)
        services.letter_callback(letter=letter, by=operator, result="5")
        letter.refresh_from_db()
        return letter

    head_a1 = f.staff("head_a1", "科长", district["A1"])
    Membership.objects.filter(user=head_a1).update(is_head=True)
    cases = {
        "a_open": dispatched(district["A"]),
        "a_closed": closed(district["A"], clerk_a, hotline["head_a"]),
        "a_mine": closed(district["A"], personas["本人"], hotline["head_a"]),
        "a1_closed": closed(district["A1"], clerk_a1, head_a1),
        "b_open": dispatched(district["B"]),
    }
    return {name: reverse("workbench_letters:detail", args=[case.number]) for name, case in cases.items()}


def test_letters_show_each_persona_what_his_scope_and_his_work_cover(verified_client, district, personas, hotline):
    _check(verified_client, personas, _letter_cases(district, personas, hotline))


def test_a_case_whose_departments_are_its_own_columns_is_filtered_as_it_is():
    """Issue 26: a staff list read in its index's order stops at its page; a subquery gathering every case in
    scope first is kept for case types reached through branches or assignments (one join row per branch)."""
    from zhengtong.approvals.case import APPLICATION
    from zhengtong.approvals.models import Application
    from zhengtong.cases.visibility import _one_row_each
    from zhengtong.disclosure.case import REQUEST
    from zhengtong.disclosure.models import Request
    from zhengtong.letters.case import LETTER
    from zhengtong.letters.models import Letter
    from zhengtong.sharing.case import SHARE_REQUEST
    from zhengtong.sharing.models import ShareRequest

    def direct(case_type, model):
        return _one_row_each(model, (*case_type.departments, *case_type.handlers))

    assert direct(SHARE_REQUEST, ShareRequest) and direct(REQUEST, Request)
    assert not direct(APPLICATION, Application) and not direct(LETTER, Letter)


@pytest.mark.parametrize("name", ["applications", "letters"])
def test_the_case_api_lists_each_persona_what_visible_holds_newest_first(client, district, personas, hotline, name):
    """Issue 26: the API's list is read range by range in its order (cases.visibility.visible_in_order); each
    persona's rows and their order are the engine's own condition's, filtered or not."""
    from zhengtong.approvals.case import APPLICATION
    from zhengtong.approvals.models import Application
    from zhengtong.cases.visibility import visible
    from zhengtong.letters.case import LETTER
    from zhengtong.letters.models import Letter

    if name == "applications":
        _hall_cases(district, personas)
        case_type, model, state = APPLICATION, Application, "status"
    else:
        _letter_cases(district, personas, hotline)
        case_type, model, state = LETTER, Letter, "state"
    for persona, user in personas.items():
        auth = {"HTTP_AUTHORIZATION": f"Token {f.api_key(user)}"}
        for query in ({}, {state: "rejected" if name == "applications" else "closed"}):
            listed = client.get(f"/api/v1/cases/{name}/", query, **auth).json()
            expected = visible(case_type, user, model.objects.filter(**query)).order_by("-pk")
            assert [row["id"] for row in listed["results"]] == list(expected.values_list("pk", flat=True))
            assert listed["count"] == expected.count(), (persona, query)

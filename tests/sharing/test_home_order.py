"""The data-sharing home's latest requests in each persona's scope (issue 26): the same requests, in the same order,
as walking every request newest first until twenty in scope turn up, but read as one index range per department
column (cases.visibility.newest_visible), so a department with few requests does not read the city's."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cases.test_scopes import personas  # noqa: F401 (fixture)
from tests.plans import arms_read_in_order, statement_plan
from zhengtong.cases.visibility import newest_visible, visible
from zhengtong.sharing.case import SHARE_REQUEST
from zhengtong.sharing.models import ShareRequest
from zhengtong.sharing.services.requests import share_request_grant, share_request_withdraw

from .. import factories as f
from .test_requests import ask

ORDER = ("-submitted_at", "-id")
PEOPLE = ["name", "district"]


def _requests(district, legal_resource, population_resource):
    """Requests each way between A, its office A1 and B, open and closed."""
    a_clerk, b_clerk = f.staff("sh_a", "甲", district["A"]), f.staff("sh_b", "乙", district["B"])
    a1_clerk = f.staff("sh_a1", "丙", district["A1"])
    made = [
        ask(legal_resource, b_clerk, district["B"]),
        ask(population_resource, a_clerk, district["A"], fields=PEOPLE),
        ask(population_resource, a1_clerk, district["A1"], fields=PEOPLE),
        ask(legal_resource, b_clerk, district["B"]),
        ask(population_resource, a_clerk, district["A"], fields=PEOPLE),
    ]
    share_request_grant(request=made[3], by=a_clerk)
    share_request_withdraw(request=made[4], by=a_clerk)
    return made


def test_each_persona_sees_the_latest_requests_of_his_scope_in_order(
    district,
    personas,  # noqa: F811
    legal_resource,
    population_resource,
):
    _requests(district, legal_resource, population_resource)
    rows = ShareRequest.objects.select_related("resource", "consumer", "provider")
    for persona, user in personas.items():
        walked = list(visible(SHARE_REQUEST, user, rows).order_by(*ORDER)[:3])
        assert newest_visible(SHARE_REQUEST, user, rows, ORDER, 3) == walked, persona
        assert newest_visible(SHARE_REQUEST, user, rows, ORDER, 20) == list(visible(SHARE_REQUEST, user, rows)), persona


_TABLE = ShareRequest._meta.db_table  # the list's statements, not the reader's standing (org/access.py)


def test_a_departments_latest_requests_are_read_from_its_columns_indexes(
    district,
    personas,  # noqa: F811
    legal_resource,
    population_resource,
):
    _requests(district, legal_resource, population_resource)
    with CaptureQueriesContext(connection) as sent:
        newest_visible(SHARE_REQUEST, personas["本部门"], ShareRequest.objects.all(), ORDER, 20)
    merged = next(q["sql"] for q in sent.captured_queries if " UNION " in q["sql"] and _TABLE in q["sql"])
    plan = statement_plan(merged)
    assert arms_read_in_order(plan, "share_request_consumer", "share_request_provider"), plan


def test_a_scope_over_many_departments_is_walked_in_order(district, legal_resource, population_resource):
    """Seventy custom departments would be a hundred and forty ranges (SQLite takes at most 500 SELECTs in one
    statement): a scope that wide covers much of the list, which is walked in order as before."""
    from zhengtong.core.paging import MOST_RANGES
    from zhengtong.org.models import DataScope

    _requests(district, legal_resource, population_resource)
    wide = f.role("r_wide", DataScope.CUSTOM)
    many = [f.department(f"W{n:02d}", f"部门{n}", district["government"]) for n in range(MOST_RANGES // 2 + 1)]
    wide.custom_departments.set([district["B"], *many])
    user = f.staff("p_wide", "宽", district["A"], wide)
    rows = ShareRequest.objects.all()
    with CaptureQueriesContext(connection) as sent:
        newest = newest_visible(SHARE_REQUEST, user, rows, ORDER, 20)
    assert newest == list(visible(SHARE_REQUEST, user, rows).order_by(*ORDER)[:20]) and newest
    assert not any(" UNION " in q["sql"] and _TABLE in q["sql"] for q in sent.captured_queries)

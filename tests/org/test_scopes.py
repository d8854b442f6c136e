"""The data-scope helper (数据权限): one queryset filter for the five scopes, tested on real models."""

from __future__ import annotations

from zhengtong.audit.models import OperationLog
from zhengtong.org.models import DataScope, Membership
from zhengtong.org.scopes import scope_queryset, user_scope
from zhengtong.org.services import role_grant

from .. import factories as f


def _departments_seen(user):
    rows = scope_queryset(user, Membership.objects.all())
    return set(rows.values_list("department__code", flat=True))


def _people(district):
    """One staff member in each unit, so every scope has rows to find and rows to miss."""
    for code in ("A", "A1", "B", "government"):
        dept = district[code] if code != "government" else district["government"]
        f.staff(f"member_{code}", f"成员{code}", dept)


def test_lisi_sees_his_department_and_wangwu_is_denied_it(district, lisi, wangwu):
    _people(district)
    assert _departments_seen(lisi) == {"A"}
    assert _departments_seen(wangwu) == {"B"}


def test_department_and_below_includes_offices_under_it(district):
    _people(district)
    head = f.staff("head_a", "赵六", district["A"], f.role("dept_head", DataScope.DEPARTMENT_AND_BELOW))
    assert _departments_seen(head) == {"A", "A1"}


def test_all_sees_everything(district):
    _people(district)
    supervisor = f.staff("jc", "钱七", district["B"], f.role("supervisor", DataScope.ALL))
    assert _departments_seen(supervisor) == {"A", "A1", "B", "330206000"}


def test_custom_sees_only_the_chosen_departments(district):
    _people(district)
    liaison_role = f.role("liaison", DataScope.CUSTOM)
    liaison_role.custom_departments.set([district["A1"], district["B"]])
    liaison = f.staff("ll", "联络员", district["government"], liaison_role)
    assert _departments_seen(liaison) == {"A1", "B"}


def test_self_sees_only_own_rows(district):
    _people(district)
    clerk = f.staff("self_only", "孙九", district["A"], f.role("self", DataScope.SELF))
    rows = scope_queryset(clerk, Membership.objects.all(), owner_field="user")
    assert list(rows.values_list("user__username", flat=True)) == ["self_only"]


def test_no_role_sees_nothing(district):
    _people(district)
    nobody = f.staff("norole", "无角色", district["A"])
    assert _departments_seen(nobody) == set()
    assert user_scope(nobody).nothing


def test_scopes_combine_across_roles(district, lisi):
    _people(district)
    extra = f.role("b_reader", DataScope.CUSTOM)
    extra.custom_departments.set([district["B"]])
    role_grant(user=lisi, role=extra)
    assert _departments_seen(lisi) == {"A", "B"}


def test_an_anonymous_user_sees_nothing(district, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    _people(district)
    assert not scope_queryset(AnonymousUser(), Membership.objects.all()).exists()


def test_three_officer_duties_carry_no_business_data(district, admins):
    _people(district)
    assert _departments_seen(admins["system"]) == set()


def test_it_works_on_a_plain_department_id_column(district, lisi, wangwu):
    """Any model with a department: the audit log keeps department ids as integers, not foreign keys."""
    from zhengtong.audit.context import Actor, acting_as
    from zhengtong.audit.services import audit_record

    for user in (lisi, wangwu):
        with acting_as(Actor(user_id=user.pk, name=user.username, department_id=user.primary_department_id)):
            audit_record(action="test.touch", object_type="test", object_id="1")
    seen = scope_queryset(lisi, OperationLog.objects.filter(action="test.touch"), department_field="department_id")
    assert list(seen.values_list("actor_name", flat=True)) == ["lisi"]
    head = f.staff("head_a", "赵六", district["government"], f.role("dept_head", DataScope.DEPARTMENT_AND_BELOW))
    below = scope_queryset(head, OperationLog.objects.filter(action="test.touch"), department_field="department_id")
    assert set(below.values_list("actor_name", flat=True)) == {"lisi", "wangwu"}


def test_a_request_reads_a_users_scope_once_and_again_after_a_change(district, django_assert_num_queries):
    """Issue 26: every scoped list asked for the viewer's roles again (the 好差评 workbench twice, two statements
    each); a request keeps his scope as it keeps his standing (core/request_memo.py) and forgets it when a role,
    a grant, a membership or a role's chosen departments (自定部门) change in it."""
    from zhengtong.core import request_memo

    liaison = f.role("liaison", DataScope.CUSTOM)
    liaison.custom_departments.set([district["A"]])
    user = f.staff("liaison_user", "联络员", district["B"], liaison)
    with request_memo.scope():
        assert user_scope(user).department_ids == {district["A"].pk}
        with django_assert_num_queries(0):
            user_scope(user)
        liaison.custom_departments.add(district["B"])
        assert user_scope(user).department_ids == {district["A"].pk, district["B"].pk}


def test_a_request_reads_his_rights_workplaces_and_scope_in_one_statement(district, django_assert_num_queries):
    """Issue 26: every workbench page read the reader's rights and workplaces in one statement (its navigation,
    `access._standing`) and then his data scope in three more (his roles, their chosen departments, his
    memberships), two of them over the same rows. One statement now answers all three; the scope is the one the
    three statements gave: a custom role's departments, a department scope's memberships, a subtree scope's
    paths, and nothing from an administrator duty (三员) he may also hold."""
    from zhengtong.core import request_memo
    from zhengtong.org.access import rights, workplaces

    liaison = f.role("liaison", DataScope.CUSTOM)
    liaison.custom_departments.set([district["A1"]])
    user = f.staff("three_scopes", "三范围", district["B"], liaison, f.role("head", DataScope.DEPARTMENT_AND_BELOW))
    Membership.objects.create(user=user, department=district["A"], is_primary=False)
    with request_memo.scope(), django_assert_num_queries(1):
        assert rights(user).handles_cases
        assert workplaces(user) == {district["A"].pk, district["B"].pk}
        scope = user_scope(user)
    assert scope.department_ids == {district["A1"].pk}
    assert scope.subtree_paths == {district["A"].path, district["B"].path}
    assert not scope.everything and not scope.own


def test_an_administrator_duty_adds_nothing_to_a_scope(district):
    """三员分立: a duty's role carries no data, whatever data scope it was saved with."""
    auditor = f.staff(
        "dual", "双角色", district["A"], f.role("self", DataScope.SELF), f.role("aud", DataScope.ALL, "audit")
    )
    scope = user_scope(auditor)
    assert scope.own and not scope.everything and not scope.department_ids

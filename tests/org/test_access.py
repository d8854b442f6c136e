"""Who works where (org/access.py): the one rule every domain asks before a clerk acts for a department.

等保2.0 (GB/T 22239-2019) 8.1.4.2 访问控制: access is granted per subject and object, checked on the server; a
disabled account or a citizen account holds no department's rights.
"""

from __future__ import annotations

import contextlib

import pytest

from zhengtong.core import request_memo
from zhengtong.org import access
from zhengtong.org.models import Department, Duty
from zhengtong.org.services import membership_add, role_grant, role_grant_approve

from .. import factories as f


def test_lisi_works_in_his_department_and_wangwu_does_not(district, lisi, wangwu):
    assert access.works_in(lisi, district["A"])
    assert not access.works_in(wangwu, district["A"])
    assert access.works_in(wangwu, district["B"].pk)  # a department's id answers the same


def test_the_staff_of_an_office_work_in_its_department_but_not_the_other_way(district):
    registrar = f.staff("a1clerk", "登记员", district["A1"])
    assert access.works_in(registrar, district["A"])
    assert not access.works_in(registrar, district["A"], subtree=False)
    chief = f.staff("achief", "局长", district["A"])
    assert not access.works_in(chief, district["A1"])


def test_a_citizen_never_works_in_a_department(district, zhangsan):
    membership_add(user=zhangsan, department=district["A"])  # even a stray membership gives a citizen nothing
    assert not access.works_in(zhangsan, district["A"])
    assert not access.departments_of(zhangsan).exists()


def _disable(user) -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])


def test_a_disabled_account_works_nowhere(district, lisi):
    chief = f.staff("achief", "局长", district["A"])
    membership_add(user=chief, department=district["A"], is_head=True)
    _disable(lisi)
    _disable(chief)
    assert not access.works_in(lisi, district["A"])
    assert not access.heads(district["A"]).exists()


def test_the_stored_path_is_read_not_the_callers_copy(district, wangwu):
    """An ordered insert of a sibling renumbers the paths after it, so a path read earlier can name another
    department; the worst case is a copy of B that carries A's path."""
    stale_b = Department.objects.get(pk=district["B"].pk)
    stale_b.path = district["A"].path
    assert access.works_in(wangwu, stale_b)
    assert not access.works_in(wangwu, district["A"])


def test_heads_are_those_marked_head_of_exactly_that_department(district, lisi):
    chief = f.staff("achief", "局长", district["A"])
    membership_add(user=chief, department=district["A"], is_head=True)
    office_head = f.staff("a1head", "科长", district["A1"])
    membership_add(user=office_head, department=district["A1"], is_head=True)
    assert list(access.heads(district["A"])) == [chief]
    assert access.is_head_of(chief, district["A"])
    assert not access.is_head_of(office_head, district["A"])
    assert not access.is_head_of(lisi, district["A"])
    assert access.is_head_anywhere(office_head) and not access.is_head_anywhere(lisi)


def test_department_staff_are_its_active_staff_only(district, lisi, wangwu, zhangsan):
    _disable(f.staff("zhou", "周", district["A"]))
    f.staff("a1clerk", "登记员", district["A1"])
    membership_add(user=zhangsan, department=district["A"])
    assert list(access.department_staff(district["A"])) == [lisi]


def test_a_departments_staff_do_not_work_in_the_government_above_it(district, lisi, wangwu):
    """Only offices (内设机构) count toward the unit above them: a bureau's clerk does not act for the people's
    government, whose requests and documents are its own (条例 Art. 4: each organ handles its own disclosure)."""
    assert not access.works_in(lisi, district["government"])
    assert not access.works_in(wangwu, district["region"])
    registrar = f.staff("a1clerk", "登记员", district["A1"])
    assert not access.works_in(registrar, district["government"])
    assert access.workplaces(registrar) == {district["A1"].pk, district["A"].pk}


def test_an_administrator_holds_no_business_rights(district, admins):
    """三员分立 (等保2.0 8.1.4.2 d, GB/T 22239-2019): the system, security and audit administrators administer the
    platform; none of them handles cases, even as a member of a department (DOMAIN.md §8)."""
    for admin in admins.values():
        department = district["A"] if admin.username != "aud" else district["B"]
        assert not access.works_in(admin, department)
        assert access.workplaces(admin) == set()
        assert not access.departments_of(admin).exists()
    membership_add(user=admins["system"], department=district["A"], is_head=True)
    assert admins["system"] not in access.heads(district["A"])
    assert admins["system"] not in access.department_staff(district["A"])


def test_a_grant_made_during_a_request_is_seen_by_the_rest_of_it(district, lisi):
    """What a request keeps of a user's standing is forgotten when a membership or role changes in it (an
    administrator's page grants and then draws its navigation)."""
    from zhengtong.org.models import Role
    from zhengtong.org.services import role_grant

    monitor = f.role("monitor")
    Role.objects.filter(pk=monitor.pk).update(supervises=True)
    with request_memo.scope():
        assert not access.rights(lisi).supervises
        role_grant(user=lisi, role=monitor)
        assert access.rights(lisi).supervises
        other = f.department("C", "区商务局", district["government"])
        assert other.pk not in access.workplaces(lisi)
        membership_add(user=lisi, department=other, is_primary=False)
        assert other.pk in access.workplaces(lisi)


def test_outside_a_request_each_ask_reads_the_tables(district, lisi):
    """A task, a command or a test calling a service keeps nothing: a change made by a bulk update, which tells
    no one, is read on the next ask."""
    from zhengtong.org.models import Role
    from zhengtong.org.services import role_grant

    role = f.role("monitor")
    role_grant(user=lisi, role=role)
    assert not access.rights(lisi).supervises
    Role.objects.filter(pk=role.pk).update(supervises=True)
    assert access.rights(lisi).supervises


def test_a_grant_rolled_back_in_a_request_is_not_kept(district, lisi):
    """Fresh-eyes review, session 56: a grant read inside a transaction that then rolled back was kept for the
    rest of the request (no signal tells of a rollback). A request that writes the org tables keeps nothing more."""
    from django.db import transaction

    from zhengtong.org.models import Role
    from zhengtong.org.services import grant_role

    monitor = f.role("monitor")
    Role.objects.filter(pk=monitor.pk).update(supervises=True)
    with request_memo.scope():
        assert not access.rights(lisi).supervises
        try:
            with transaction.atomic():
                grant_role(user=lisi, role=monitor)
                assert access.rights(lisi).supervises
                raise LookupError("a later step fails")
        except LookupError:
            pass
        assert not access.rights(lisi).supervises


def test_a_change_of_kind_in_a_request_is_seen(district, lisi):
    """Fresh-eyes review, session 56: his rights are read with his kind (only staff handle cases); a kind changed
    later in the request was not seen by what was kept."""
    from zhengtong.accounts.models import User

    with request_memo.scope():
        assert access.handles_cases(lisi)
        lisi.kind = User.Kind.CITIZEN
        lisi.save(update_fields=["kind"])
        assert not access.handles_cases(lisi)


@pytest.mark.parametrize("in_request", [False, True])
def test_a_pending_duty_works_nowhere_and_an_approved_one_too(district, lisi, admins, in_request):
    """三员分立 (DOMAIN.md §8): a duty awaiting its second administrator already works nowhere, as one approved,
    in a request and outside one (the fresh-eyes review of session 56, against the earlier statement's rule)."""
    role = f.role("auditor", duty=Duty.AUDIT)
    scope = request_memo.scope() if in_request else contextlib.nullcontext()
    with scope:
        assert access.workplaces(lisi) == {district["A"].pk}
        grant = role_grant(user=lisi, role=role, by=admins["security"])  # awaits a second administrator
        assert grant.approved_at is None
        assert access.workplaces(lisi) == set() and not access.handles_cases(lisi)
        assert access.rights(lisi).duties == frozenset()
        second = f.staff("sec2", "安全2", district["B"], f.role("security-admin", duty=Duty.SECURITY))
        role_grant_approve(grant=grant, by=second)
        assert access.rights(lisi).duties == {Duty.AUDIT}
        assert access.workplaces(lisi) == set()

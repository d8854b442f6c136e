"""三员分立 (等保2.0, DOMAIN §8): system, security and audit administrators are different people, and
none can do another's work. The admin pages are checked with each persona."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhengtong.core.errors import InvalidInput
from zhengtong.org.models import Duty
from zhengtong.org.services import role_grant

from .. import factories as f


def test_one_person_cannot_hold_two_administrator_duties(admins):
    with pytest.raises(InvalidInput) as info:
        role_grant(user=admins["system"], role=f.role("auditor", duty=Duty.AUDIT))
    assert info.value.code == "DUTY_CONFLICT"


def test_the_admin_form_refuses_the_conflict_too(verified_client, admins):
    client = verified_client(admins["security"])
    response = client.post(
        reverse("admin:org_rolegrant_add"),
        {"user": admins["system"].pk, "role": f.role("auditor", duty=Duty.AUDIT).pk},
    )
    assert "三员职责不得兼任" in response.content.decode()


ADMIN_PAGES = {
    "system": ["admin:org_department_changelist", "admin:org_post_changelist", "admin:core_sitesettings_changelist"],
    "security": [
        "admin:accounts_user_changelist",
        "admin:org_role_changelist",
        "admin:org_rolegrant_changelist",
        "admin:otp_totp_totpdevice_changelist",
        "admin:axes_accessattempt_changelist",
    ],
}


@pytest.mark.parametrize("duty", ["system", "security"])
def test_each_administrator_opens_his_own_pages_only(verified_client, admins, duty):
    client = verified_client(admins[duty])
    other = "security" if duty == "system" else "system"
    for name in ADMIN_PAGES[duty]:
        assert client.get(reverse(name)).status_code == 200, name
    for name in ADMIN_PAGES[other]:
        assert client.get(reverse(name)).status_code == 403, name
    assert client.get(reverse("workbench:audit_operations")).status_code == 403


def test_the_audit_administrator_reads_the_logs_and_nothing_else(verified_client, admins):
    client = verified_client(admins["audit"])
    assert client.get(reverse("workbench:audit_operations")).status_code == 200
    assert client.get(reverse("workbench:audit_logins")).status_code == 200
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302  # the admin site does not admit him at all
    for name in ADMIN_PAGES["system"] + ADMIN_PAGES["security"]:
        assert client.get(reverse(name)).status_code == 302, name


def test_clerks_open_no_admin_page(verified_client, lisi):
    client = verified_client(lisi)
    assert client.get(reverse("admin:index")).status_code == 302
    assert client.get(reverse("admin:org_department_changelist")).status_code == 302
    assert client.get(reverse("workbench:audit_operations")).status_code == 403


def test_a_duty_needs_the_second_factor(client, admins):
    client.force_login(admins["system"])  # password only
    assert client.get(reverse("admin:org_department_changelist")).status_code == 302


def test_an_admin_change_is_audited(verified_client, admins, district):
    from zhengtong.audit.models import OperationLog

    client = verified_client(admins["system"])
    dept = district["B"]
    response = client.post(
        reverse("admin:org_department_change", args=[dept.pk]),
        {
            "code": "B",
            "name": "区卫生健康局（改）",
            "kind": "department",
            "sort_order": 100,
            "is_active": "on",
            "treebeard_position": "sorted-child",
            "treebeard_ref_node": district["government"].pk,
        },
    )
    assert response.status_code == 302, [(k, v) for k, v in response.context["adminform"].form.errors.items()]
    entry = OperationLog.objects.get(action="admin.org.department.change")
    assert entry.changes["name"] == [None, "区卫生健康局（改）"]
    assert entry.actor_name == "sys"


@pytest.mark.parametrize("value", ["abc", "0001-01-01", "99999999999999999999999", "-inf"])
def test_an_add_form_prefilled_with_a_bad_value_opens_without_it(verified_client, admins, value):
    """Found by the fuzz (tests/security/test_fuzz.py): Django's admin pre-fills the add form from the query string
    and rendered `?department=abc` or an id past 64 bits as a 500. A value the field would not accept is dropped."""
    client = verified_client(admins["system"])
    client.raise_request_exception = False
    response = client.get(reverse("admin:org_membership_add"), {"department": value, "user": value, "is_head": value})
    assert response.status_code == 200


def _strict(client):
    client.raise_request_exception = False
    return client


def test_an_add_form_posted_with_a_bad_department_answers_the_form_again(verified_client, admins):
    """Found by the fuzz: the department's search box rendered `department=1e999999` as a 500."""
    client = _strict(verified_client(admins["system"]))
    response = client.post(reverse("admin:org_membership_add"), {"department": ["1", "1e999999"], "user": "x"})
    assert response.status_code == 200


def test_the_department_list_takes_a_post_without_an_action(verified_client, admins):
    """Found by the fuzz: the tree's list read a request attribute only its GET sets."""
    client = _strict(verified_client(admins["system"]))
    assert client.post(reverse("admin:org_department_changelist"), {}).status_code < 500


def test_a_department_whose_sub_department_has_staff_is_not_deleted(verified_client, admins, district):
    """Found by the fuzz: deleting a department deletes its sub-departments, whose staff and clocks protect them;
    Django's check saw the department alone and the delete answered 500. The page names what protects it now."""
    from zhengtong.org.models import Department

    client = _strict(verified_client(admins["system"]))
    parent = district["government"]
    response = client.post(reverse("admin:org_department_delete", args=[parent.pk]), {"post": "yes"})
    assert response.status_code == 200 and "区市场监督管理局" in response.content.decode()
    assert Department.objects.filter(pk=parent.pk).exists()


def test_the_delete_page_names_each_kind_of_record_once_and_an_empty_department_goes(verified_client, admins, district):
    """Issue 26: Django's page listed every record under a department (gigabytes for a district's root at a
    city's size); it names each kind once with its count, and a department nothing points at is deleted."""
    from zhengtong.org.models import Department
    from zhengtong.org.services import department_create

    client = _strict(verified_client(admins["system"]))
    page = client.get(reverse("admin:org_department_delete", args=[district["government"].pk]))
    held = page.context["protected"]
    assert held and all("条（" in line for line in held) and len(held) == len(set(held))
    empty = department_create(parent=district["government"], code="EMPTY", name="待撤销科", kind="office")
    client.post(reverse("admin:org_department_delete", args=[empty.pk]), {"post": "yes"})
    assert not Department.objects.filter(code="EMPTY").exists()

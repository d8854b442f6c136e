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

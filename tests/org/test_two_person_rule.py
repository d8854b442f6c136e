"""三员 that hold (等保2.0 8.1.4.2 三权分立; DOMAIN §8): no administrator grants a role or a duty to himself, and
an administrator duty granted in the admin takes effect only when a second, different security administrator
approves it. Each step is audited with its actor. The console (`zhengtong staff create`) is the root of trust
that makes the first administrators, and its grants take effect at once.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhengtong.audit.context import Actor, acting_as
from zhengtong.audit.models import OperationLog
from zhengtong.core.errors import InvalidInput, PermissionDenied
from zhengtong.org.duties import user_duties
from zhengtong.org.models import Duty, RoleGrant
from zhengtong.org.services import role_grant, role_grant_approve, role_revoke

from .. import factories as f


@pytest.fixture
def second_security(district):
    return f.staff("sec2", "钱安全", district["B"], f.role("secadmin", duty="security"))


def test_an_administrator_cannot_grant_a_role_to_himself(admins):
    leader = f.role("leader", scope="all")
    with pytest.raises(InvalidInput) as refused:
        role_grant(user=admins["security"], role=leader, by=admins["security"])
    assert refused.value.code == "SELF_GRANT"
    assert not RoleGrant.objects.filter(user=admins["security"], role=leader).exists()


def test_the_admin_form_refuses_a_grant_to_oneself(verified_client, admins):
    client = verified_client(admins["security"])
    leader = f.role("leader", scope="all")
    response = client.post(reverse("admin:org_rolegrant_add"), {"user": admins["security"].pk, "role": leader.pk})
    assert "不得给自己授予角色" in response.content.decode()
    assert not RoleGrant.objects.filter(user=admins["security"], role=leader).exists()


def test_a_duty_granted_by_one_administrator_waits_for_a_second(admins, second_security, lisi):
    grant = role_grant(user=lisi, role=f.role("auditor", duty=Duty.AUDIT), by=admins["security"])
    assert grant.approved_at is None and Duty.AUDIT not in user_duties(lisi)

    with pytest.raises(PermissionDenied) as refused:
        role_grant_approve(grant=grant, by=admins["security"])
    assert refused.value.code == "SECOND_ADMINISTRATOR_REQUIRED"

    with acting_as(Actor(user_id=second_security.pk, name=second_security.real_name)):
        role_grant_approve(grant=grant, by=second_security)
    grant.refresh_from_db()
    assert grant.approved_by == second_security and Duty.AUDIT in user_duties(lisi)
    entry = OperationLog.objects.get(action="org.role.approve")
    assert entry.actor_id == second_security.pk and entry.object_id == str(grant.pk)


def test_only_a_security_administrator_approves_and_never_the_grantee(admins, second_security, lisi):
    another_security_role = f.role("secadmin2", duty=Duty.SECURITY)
    grant = role_grant(user=second_security, role=another_security_role, by=admins["security"])
    for who in (second_security, admins["system"], lisi):
        with pytest.raises(PermissionDenied):
            role_grant_approve(grant=grant, by=who)


def test_a_business_role_granted_to_another_takes_effect_at_once(admins, lisi):
    grant = role_grant(user=lisi, role=f.role("leader", scope="all"), by=admins["security"])
    assert grant.approved_at is not None


def test_the_admin_shows_a_pending_duty_and_the_second_administrator_approves_it(
    verified_client, admins, second_security, lisi
):
    role = f.role("auditor", duty=Duty.AUDIT)
    first = verified_client(admins["security"])
    assert first.post(reverse("admin:org_rolegrant_add"), {"user": lisi.pk, "role": role.pk}).status_code == 302
    grant = RoleGrant.objects.get(user=lisi, role=role)
    assert "待复核" in first.get(reverse("admin:org_rolegrant_changelist")).content.decode()
    action = {"action": "approve", "_selected_action": [grant.pk]}
    first.post(reverse("admin:org_rolegrant_changelist"), action)
    grant.refresh_from_db()
    assert grant.approved_at is None  # the granter's own approval does not count

    second = verified_client(second_security)
    second.post(reverse("admin:org_rolegrant_changelist"), action)
    grant.refresh_from_db()
    assert grant.approved_by == second_security


def test_an_existing_grant_cannot_be_edited_into_another(verified_client, admins, lisi):
    grant = role_grant(user=lisi, role=f.role("clerk"), by=admins["security"])
    client = verified_client(admins["security"])
    response = client.post(
        reverse("admin:org_rolegrant_change", args=[grant.pk]), {"user": lisi.pk, "role": f.role("leader").pk}
    )
    grant.refresh_from_db()
    assert grant.role.code == "clerk" and response.status_code in (302, 403)


def test_a_roles_duty_does_not_change_while_someone_holds_it(verified_client, admins, lisi):
    """Outside review: giving the duty to a role already granted made an administrator with no second approval."""
    helper = f.role("helper")
    role_grant(user=lisi, role=helper)
    client = verified_client(admins["security"])
    client.post(
        reverse("admin:org_role_change", args=[helper.pk]),
        {"code": "helper", "name": "helper", "data_scope": "department", "duty": "system"},
    )
    helper.refresh_from_db()
    assert helper.duty == "" and Duty.SYSTEM not in user_duties(lisi)


def test_nobody_edits_a_role_he_holds(verified_client, admins):
    """Outside review: the security administrator turned a plain role he held into the audit duty."""
    mine = f.role("mine")
    role_grant(user=admins["security"], role=mine)
    client = verified_client(admins["security"])
    response = client.post(
        reverse("admin:org_role_change", args=[mine.pk]),
        {"code": "mine", "name": "mine", "data_scope": "all", "duty": "audit"},
    )
    mine.refresh_from_db()
    assert response.status_code == 403 and (mine.duty, mine.data_scope) == ("", "department")
    assert Duty.AUDIT not in user_duties(admins["security"])


def test_an_administrator_cannot_revoke_his_own_role_or_duty(admins):
    """Outside attack (issue 19): the security administrator deleted his own duty grant in the admin and, with his
    membership left, acted as a clerk. Revoking is granting's mirror: another security administrator does it."""
    mine = RoleGrant.objects.get(user=admins["security"], role__duty=Duty.SECURITY)
    with pytest.raises(InvalidInput) as refused:
        role_revoke(user=admins["security"], role=mine.role, by=admins["security"])
    assert refused.value.code == "SELF_REVOKE"
    assert RoleGrant.objects.filter(pk=mine.pk).exists()


def test_the_admin_refuses_to_delete_ones_own_grant_singly_or_in_bulk(verified_client, admins, lisi):
    mine = RoleGrant.objects.get(user=admins["security"], role__duty=Duty.SECURITY)
    other = role_grant(user=lisi, role=f.role("reader"), by=admins["security"])
    client = verified_client(admins["security"])
    single = client.post(reverse("admin:org_rolegrant_delete", args=[mine.pk]), {"post": "yes"})
    assert single.status_code == 403

    def bulk(*grants):
        selected = {"action": "delete_selected", "_selected_action": [g.pk for g in grants], "post": "yes"}
        return client.post(reverse("admin:org_rolegrant_changelist"), selected)

    assert bulk(mine, other).status_code == 403  # a selection holding his own is refused whole
    assert RoleGrant.objects.filter(pk__in=[mine.pk, other.pk]).count() == 2
    assert bulk(other).status_code == 302
    assert RoleGrant.objects.filter(pk=mine.pk).exists()
    assert not RoleGrant.objects.filter(pk=other.pk).exists()  # another's grant is revoked, and audited
    again = role_grant(user=lisi, role=f.role("writer"), by=admins["security"])
    assert client.post(reverse("admin:org_rolegrant_delete", args=[again.pk]), {"post": "yes"}).status_code == 302
    assert not RoleGrant.objects.filter(pk=again.pk).exists()
    assert OperationLog.objects.filter(action="org.role.revoke", object_id=str(lisi.pk)).exists()
    assert Duty.SECURITY in user_duties(admins["security"])

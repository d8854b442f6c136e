"""Writes on the organisation: departments, memberships, role grants. Each audited in its own transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from zhengtong.accounts.services import staff_create
from zhengtong.audit.services import audit_record
from zhengtong.core.errors import InvalidInput

from .duties import DUTY_CONFLICT
from .models import Department, Membership, Post, Role, RoleGrant


@transaction.atomic(durable=True)
def department_create(*, parent: Department | None, code: str, name: str, kind: str, **fields) -> Department:
    if Department.objects.filter(code=code).exists():
        raise InvalidInput(_("机构编码已存在。"), code="DEPARTMENT_CODE_DUPLICATE")
    values = {"code": code, "name": name, "kind": kind, **fields}
    if parent is None:
        department = Department.objects.add_root(values)
    else:
        department = Department.objects.add_child(parent, values)
    audit_record(action="org.department.create", obj=department, changes={k: [None, str(v)] for k, v in values.items()})
    return department


@transaction.atomic(durable=True)
def membership_add(**kwargs) -> Membership:
    return _membership_add(**kwargs)


def _membership_add(
    *,
    user,
    department: Department,
    post: Post | None = None,
    is_primary: bool = True,
    is_head: bool = False,
    duties: str = "",
) -> Membership:
    if is_primary:
        Membership.objects.filter(user=user, is_primary=True).exclude(department=department).update(is_primary=False)
    membership, _created = Membership.objects.update_or_create(
        user=user,
        department=department,
        defaults={"post": post, "is_primary": is_primary, "is_head": is_head, "duties": duties},
    )
    if is_primary and user.primary_department_id != department.pk:
        user.primary_department_id = department.pk
        user.save(update_fields=["primary_department_id"])
    audit_record(
        action="org.membership.add",
        obj=membership,
        changes={"department": [None, department.name], "post": [None, post.name if post else None]},
    )
    return membership


@transaction.atomic(durable=True)
def role_grant(*, user, role: Role) -> RoleGrant:
    return _role_grant(user=user, role=role)


def _role_grant(*, user, role: Role) -> RoleGrant:
    """Grant a role. The three administrator duties are mutually exclusive (三员分立)."""
    if role.duty:
        held = set(Role.objects.filter(grants__user=user).exclude(duty="").values_list("duty", flat=True))
        if held - {role.duty}:
            raise InvalidInput(DUTY_CONFLICT[1], code=DUTY_CONFLICT[0])
    grant, created = RoleGrant.objects.get_or_create(user=user, role=role)
    if created:
        audit_record(action="org.role.grant", obj=grant, changes={"role": [None, role.code]})
    return grant


@transaction.atomic(durable=True)
def role_revoke(*, user, role: Role) -> None:
    deleted, _rows = RoleGrant.objects.filter(user=user, role=role).delete()
    if deleted:
        audit_record(action="org.role.revoke", obj=user, changes={"role": [role.code, None]})


@transaction.atomic(durable=True)
def staff_onboard(
    *,
    username: str,
    real_name: str,
    department: Department,
    password: str | None = None,
    post: Post | None = None,
    roles: tuple[Role, ...] = (),
    duties: str = "",
    is_head: bool = False,
    mobile: str = "",
):
    """A new staff member with his department, post and roles: all of it or nothing."""
    user = staff_create(username=username, real_name=real_name, password=password, mobile=mobile)
    _membership_add(user=user, department=department, post=post, is_head=is_head, duties=duties)
    for role in roles:
        _role_grant(user=user, role=role)
    return user

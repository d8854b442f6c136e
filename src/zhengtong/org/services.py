"""Writes on the organisation: departments, memberships, role grants. Each audited in its own transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengtong.accounts.services import staff_create
from zhengtong.audit.services import audit_record
from zhengtong.core.errors import InvalidInput, PermissionDenied

from .duties import DUTY_CONFLICT, SECOND_ADMINISTRATOR, SELF_GRANT, SELF_REVOKE, user_duties
from .models import Department, Duty, Membership, Post, Role, RoleGrant, personal_data_problems


def _refuse_personal(instance, fields) -> None:
    """A department's telephone, address and functions, and a member's duties, are public (issue 20)."""
    if problems := personal_data_problems(instance, fields):
        refusal = InvalidInput(next(iter(problems.values())), code="PERSONAL_DATA")
        refusal.fields = {name: [{"code": "PERSONAL_DATA", "message": str(m)}] for name, m in problems.items()}
        raise refusal


@transaction.atomic(durable=True)
def department_create(*, parent: Department | None, code: str, name: str, kind: str, **fields) -> Department:
    if Department.objects.filter(code=code).exists():
        raise InvalidInput(_("机构编码已存在。"), code="DEPARTMENT_CODE_DUPLICATE")
    values = {"code": code, "name": name, "kind": kind, **fields}
    _refuse_personal(Department(**values), Department.PUBLIC_FIELDS)
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
    _refuse_personal(Membership(duties=duties), Membership.PUBLIC_FIELDS)
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
def role_grant(*, user, role: Role, by=None) -> RoleGrant:
    return grant_role(user=user, role=role, by=by)


def grant_role(*, user, role: Role, by=None) -> RoleGrant:
    """Grant a role, in the caller's transaction (the admin's change form holds one). `by` is the administrator
    granting it in the admin; None is the console (the operator who runs `zhengtong staff create`, the root of
    trust). Nobody grants himself anything; the three administrator
    duties are mutually exclusive (三员分立); a duty granted by an administrator waits for a second one."""
    check_grant(user=user, role=role, by=by)
    pending = bool(role.duty) and by is not None
    grant, created = RoleGrant.objects.get_or_create(
        user=user, role=role, defaults={"created_by": by, "approved_at": None if pending else timezone.now()}
    )
    if created:
        changes = {"role": [None, role.code], "pending": [None, pending]}
        audit_record(action="org.role.grant", obj=grant, changes=changes)
    return grant


def check_grant(*, user, role: Role, by=None) -> None:
    """What a grant must satisfy before it is made (the admin form asks the same)."""
    if by is not None and by.pk == user.pk:
        raise InvalidInput(SELF_GRANT[1], code=SELF_GRANT[0])
    if role.duty:
        held = set(Role.objects.filter(grants__user=user).exclude(duty="").values_list("duty", flat=True))
        if held - {role.duty}:
            raise InvalidInput(DUTY_CONFLICT[1], code=DUTY_CONFLICT[0])


@transaction.atomic(durable=True)
def role_grant_approve(*, grant: RoleGrant, by) -> RoleGrant:
    """The second administrator's approval of a pending duty: a security administrator who neither made the
    grant nor receives it."""
    grant = RoleGrant.objects.select_for_update().select_related("role").get(pk=grant.pk)
    if grant.approved_at is not None:
        return grant
    # the page that calls this has checked the second factor (org.duties.has_duty)
    if Duty.SECURITY not in user_duties(by) or by.pk in (grant.user_id, grant.created_by_id):
        raise PermissionDenied(SECOND_ADMINISTRATOR[1], code=SECOND_ADMINISTRATOR[0])
    grant.approved_at, grant.approved_by = timezone.now(), by
    grant.save(update_fields=["approved_at", "approved_by", "updated_at"])
    audit_record(action="org.role.approve", obj=grant, changes={"role": [None, grant.role.code]})
    return grant


@transaction.atomic(durable=True)
def role_revoke(*, user, role: Role, by=None) -> None:
    revoke_role(user=user, role=role, by=by)


def revoke_role(*, user, role: Role, by=None) -> None:
    """Granting's mirror, in the caller's transaction (the admin's delete view holds one): nobody revokes his own
    role or duty (an administrator who dropped his duty kept his department's membership and worked its cases as
    a clerk)."""
    if by is not None and by.pk == user.pk:
        raise InvalidInput(SELF_REVOKE[1], code=SELF_REVOKE[0])
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
        grant_role(user=user, role=role)
    return user

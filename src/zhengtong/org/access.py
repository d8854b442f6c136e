"""Who works where: the one answer to "does this user work in this department?" and "is he its head?".

Every domain asks these before a clerk acts on a case for a department; they were answered eight ways (some
skipped the staff/active check, some read the caller's stale copy of a tree path, some ignored offices). The
rule here is the strictest of those copies:

- only an active staff account works anywhere (a citizen or a disabled account never does), and none that
  holds an administrator duty (三员分立: they administer the platform, they handle no cases);
- the department's tree path is read as stored now: an ordered insert of a sibling renumbers the paths after
  it, so a caller's old copy of a path can name another department;
- with `subtree` (the default), the staff of a department's offices (内设机构) work in it too, as they handle
  its cases; nothing else counts upward: a bureau's clerk does not act for the people's government above it
  (an earlier copy let every bureau act for it). Staff who act for the government (its 办公室) hold a
  membership in it.

Which cases a member of staff may *see* is the case engine's `cases/visibility.visible` (his roles' data scope,
`scopes.scope_condition`, and what waits on a department he works in); what he may *do* on a case for a
department is `works_in`, asked by each case type's transition table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection
from django.db.models import QuerySet

from zhengtong.accounts.models import User
from zhengtong.core import request_memo
from zhengtong.core.sql import blanks

from .models import DataScope, Department, Membership, Role, RoleGrant


def _active_staff(user) -> bool:
    return bool(user and getattr(user, "is_authenticated", False) and user.is_active and user.kind == User.Kind.STAFF)


def handles_cases(user) -> bool:
    """An active staff account that holds no administrator duty: the 三员 administer the platform and handle no
    cases, even as members of a department (三员分立, DOMAIN.md §8)."""
    return rights(user).handles_cases


def _business_staff() -> QuerySet[User]:
    """Active staff accounts holding no administrator duty."""
    return User.objects.filter(is_active=True, kind=User.Kind.STAFF).exclude(role_grants__role__duty__gt="")


def _department_id(department) -> int | None:
    return getattr(department, "pk", department)


def workplaces(user) -> set[int]:
    """The ids of the departments he works in: those he is a member of and, for each office among them, the
    units it belongs to up to the first that is not an office (read from the stored tree, `standing`). An
    administrator duty works nowhere (handles_cases)."""
    if not _active_staff(user):
        return set()
    his = standing(user)
    return set(his.workplaces) if his.rights.handles_cases else set()


def works_in(user, department, *, subtree: bool = True) -> bool:
    """Active staff with a membership in `department` (a Department or its id) or, with `subtree`, in one of its
    offices."""
    department_id = _department_id(department)
    if department_id is None or not handles_cases(user):
        return False
    if not subtree:
        return Membership.objects.filter(user=user, department_id=department_id).exists()
    return department_id in workplaces(user)


def works_in_any(user, departments) -> bool:
    return any(works_in(user, department) for department in departments)


def heads(department) -> QuerySet[User]:
    """The active heads (负责人) of exactly this department: they approve extensions and review replies."""
    return (
        _business_staff()
        .filter(memberships__department_id=_department_id(department), memberships__is_head=True)
        .order_by("real_name", "pk")
    )


def is_head_of(user, department) -> bool:
    return handles_cases(user) and heads(department).filter(pk=user.pk).exists()


def government_of(department) -> Department | None:
    """The people's government a department belongs to (本级人民政府): itself if it is one, else the nearest one
    above it, read from the stored tree."""
    stored = Department.objects.filter(pk=_department_id(department)).first()
    if stored is None:
        return None
    if stored.kind == Department.Kind.GOVERNMENT:
        return stored
    step = Department.steplen
    above = [stored.path[:end] for end in range(step, len(stored.path), step)]
    return Department.objects.filter(path__in=above, kind=Department.Kind.GOVERNMENT).order_by("-depth").first()


def is_head_anywhere(user) -> bool:
    return handles_cases(user) and Membership.objects.filter(user=user, is_head=True).exists()


def departments_of(user) -> QuerySet[Department]:
    """The departments he is a member of, primary first (empty for anyone but active staff)."""
    if not handles_cases(user):
        return Department.objects.none()
    return Department.objects.filter(memberships__user=user).order_by("-memberships__is_primary", "path")


def department_staff(department) -> QuerySet[User]:
    """The active staff of exactly this department: they are told of its new work."""
    return _business_staff().filter(memberships__department_id=_department_id(department)).distinct()


@dataclass(frozen=True)
class Rights:
    """What a user's roles open, read together (the workbench's navigation asks all of it on every page):
    `handles_cases` (`handles_cases` below); `supervises` 电子监察; `edits_site` 网站编辑 (business staff only, as
    every other right here); `duties` the 三员 duties whose second administrator approved them (one awaiting
    approval opens nothing yet)."""

    handles_cases: bool = False
    supervises: bool = False
    edits_site: bool = False
    duties: frozenset[str] = frozenset()


def rights(user) -> Rights:
    if not (user and getattr(user, "is_authenticated", False) and user.is_active):
        return Rights()
    return standing(user).rights


class Standing(NamedTuple):
    rights: Rights
    workplaces: frozenset[int]  # the departments his memberships reach; workplaces() gives them to business staff
    # what his data scope is made of (scopes.user_scope): his business roles' scopes (an administrator duty's
    # role carries no data), the departments his 自定部门 roles chose, and his memberships (id, tree path)
    data_scopes: frozenset[str] = frozenset()
    chosen: frozenset[int] = frozenset()
    memberships: frozenset[tuple[int, str]] = frozenset()


def standing(user) -> Standing:
    """His rights, the departments he works in and what his data scope is made of, read together in one
    statement, once a request (core/request_memo.py): a workbench page asks the first for its navigation, the
    second for its queue and the third for each list it scopes, and a case's page the first two again for each
    action's guard (nine statements on the clerk's case page, four on every page that scoped a list)."""
    # his kind is in the key: his rights are read with it (only staff handle cases)
    return request_memo.once(("org.standing", user.pk, user.kind), lambda: _read_standing(user))


# The standing statement's three kinds of row (_read_standing reads them in order): a grant's, a department's on
# the way up from one of his memberships, and a department a 自定部门 role of his chose, in the second kind's
# department column with no membership path. Each leaves the other kinds' columns empty. (PostgreSQL types a
# column of the UNION from its first two arms: in each, one of them names it.)
_GRANT_ROW = ("r.supervises", "r.edits_site", "r.duty", "g.approved_at", "r.data_scope")
_PATH_ROW = ("mine.path", "d.id", "d.path", "d.kind")


def _standing_sql() -> str:
    """His role grants, every department on the way up from each of his memberships, and the departments his
    business roles of 自定部门 chose."""
    chosen = Role.custom_departments.through._meta
    tables = {
        "grant": RoleGrant._meta.db_table,
        "role": Role._meta.db_table,
        "member": Membership._meta.db_table,
        "dept": Department._meta.db_table,
        "chosen": chosen.db_table,
        "chosen_role": chosen.get_field("role").column,
        "chosen_department": chosen.get_field("department").column,
        "custom": DataScope.CUSTOM.value,
    }
    return (
        f"SELECT {', '.join(_GRANT_ROW)}, {blanks(_PATH_ROW)} "
        "FROM {grant} g JOIN {role} r ON r.id = g.role_id WHERE g.user_id = %s "
        f"UNION ALL SELECT {blanks(_GRANT_ROW)}, {', '.join(_PATH_ROW)} FROM {{member}} m "
        "JOIN {dept} mine ON mine.id = m.department_id JOIN {dept} d ON mine.path LIKE d.path || '%%' "
        "WHERE m.user_id = %s "
        f"UNION ALL SELECT {blanks(_GRANT_ROW)}, NULL, c.{{chosen_department}}, NULL, NULL "
        "FROM {grant} g JOIN {role} r ON r.id = g.role_id JOIN {chosen} c ON c.{chosen_role} = r.id "
        "WHERE g.user_id = %s AND r.duty = '' AND r.data_scope = '{custom}'"
    ).format(**tables)


def _read_standing(user) -> Standing:
    grants = []
    above: dict[str, dict[str, tuple[int, str]]] = {}  # membership path -> path on the way up -> (id, kind)
    chosen: set[int] = set()
    with connection.cursor() as cursor:  # plain SQL: every workbench page asks (decision 0023)
        cursor.execute(_standing_sql(), [user.pk] * 3)
        for supervises, edits, duty, approved, data_scope, mine, pk, path, kind in cursor.fetchall():
            if duty is not None:
                grants.append((supervises, edits, duty, approved, data_scope))
            elif mine is not None:
                above.setdefault(mine, {})[path] = (pk, kind)
            else:
                chosen.add(pk)
    administrator = any(duty for _s, _e, duty, _a, _d in grants)  # even one awaiting its second administrator
    business = user.kind == User.Kind.STAFF and not administrator
    rights = Rights(
        handles_cases=business,
        supervises=any(supervises for supervises, _e, _d, _a, _s in grants),
        edits_site=business and any(edits for _s, edits, _d, _a, _sc in grants),
        duties=frozenset(duty for _s, _e, duty, approved, _sc in grants if duty and approved is not None),
    )
    ids: set[int] = set()
    for path, chain in above.items():
        while path in chain:
            pk, kind = chain[path]
            ids.add(pk)
            if kind != Department.Kind.OFFICE:
                break
            path = path[: -Department.steplen]
    return Standing(
        rights,
        frozenset(ids),
        data_scopes=frozenset(scope for _s, _e, duty, _a, scope in grants if not duty),
        chosen=frozenset(chosen),
        memberships=frozenset((chain[path][0], path) for path, chain in above.items()),
    )


def edits_site(user) -> bool:
    """A site editor (网站编辑): sets the site's columns, which show on the home page and how often each must be
    updated."""
    return rights(user).edits_site


def site_editors() -> QuerySet[User]:
    """Told when the nightly website inspection finds a failure (DOMAIN §9)."""
    return _business_staff().filter(role_grants__role__edits_site=True).distinct()

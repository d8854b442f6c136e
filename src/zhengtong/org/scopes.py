"""The one helper that applies a user's data scope (数据权限) to any model with a department.

A user's scope is the union of the scopes of his roles. Business roles only: the 三员 duties carry no data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from .access import standing
from .models import DataScope, Department


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    department_ids: frozenset[int] = field(default_factory=frozenset)
    subtree_paths: frozenset[str] = field(default_factory=frozenset)
    own: bool = False

    @property
    def nothing(self) -> bool:
        return not (self.everything or self.department_ids or self.subtree_paths or self.own)

    def covers(self, department_ids) -> set[int]:
        """Those of `department_ids` whose rows the scope covers whole (its departments, its subtrees)."""
        if self.everything:
            return set(department_ids)
        covered = set(department_ids) & self.department_ids
        rest = set(department_ids) - covered
        if rest and self.subtree_paths:
            for pk, path in Department.objects.filter(pk__in=rest).values_list("pk", "path"):
                if any(path.startswith(top) for top in self.subtree_paths):
                    covered.add(pk)
        return covered

    def describe(self) -> list[str]:
        labels = []
        if self.everything:
            labels.append(str(DataScope.ALL.label))
        if self.department_ids:
            names = Department.objects.filter(pk__in=self.department_ids).values_list("name", flat=True)
            labels.append("、".join(sorted(names)))
        if self.subtree_paths:
            names = Department.objects.filter(path__in=self.subtree_paths).values_list("name", flat=True)
            labels.extend(f"{n}及下属机构" for n in sorted(names))
        if self.own:
            labels.append(str(DataScope.SELF.label))
        return labels


def user_scope(user) -> Scope:
    """His scope, from what `access.standing` read with his rights, once a request (core/request_memo.py)."""
    if not (user and user.is_authenticated and user.is_active):
        return Scope()
    his = standing(user)
    if DataScope.ALL in his.data_scopes:
        return Scope(everything=True)
    ids: set[int] = set()
    paths: set[str] = set()
    if DataScope.CUSTOM in his.data_scopes:
        ids.update(his.chosen)
    if DataScope.DEPARTMENT in his.data_scopes:
        ids.update(pk for pk, _path in his.memberships)
    if DataScope.DEPARTMENT_AND_BELOW in his.data_scopes:
        paths.update(path for _pk, path in his.memberships)
    return Scope(department_ids=frozenset(ids), subtree_paths=frozenset(paths), own=DataScope.SELF in his.data_scopes)


def scope_condition(
    user, *, department_fields=("department",), owner_fields=(), always_own: bool = False, scope: Scope | None = None
) -> Q | None:
    """The condition on rows the user's scope covers, or None when it covers everything. A row is covered when
    any of `department_fields` (FKs to Department or department-id columns, possibly across relations) falls in
    the scope, or, for 仅本人 (or `always_own`), any of `owner_fields` is the user. `scope`: his, when the caller
    has read it already."""
    scope = scope or user_scope(user)
    if scope.everything:
        return None
    condition = Q(pk__in=[])
    for department_field in department_fields:
        if scope.department_ids:
            condition |= Q(**{f"{department_field}__in": scope.department_ids})
        for path in scope.subtree_paths:
            # A subquery rather than a join on path: it works as well for a plain department-id column
            # (the audit log keeps integers, not foreign keys).
            below = Department.objects.filter(path__startswith=path).values("pk")
            condition |= Q(**{f"{department_field}__in": below})
    if scope.own or always_own:
        for owner_field in owner_fields:
            condition |= Q(**{owner_field: user})
    return condition


def scope_queryset(
    user,
    queryset: QuerySet,
    *,
    department_field: str = "department",
    owner_field: str | None = None,
    always_own: bool = False,
) -> QuerySet:
    """Rows of `queryset` the user may see. `department_field` names the FK to Department or a department-id
    column (may traverse relations, e.g. "application__department"); `owner_field` the FK to the user for
    仅本人. `always_own` adds the user's own rows whatever his scope (his to-do list is always his)."""
    condition = scope_condition(
        user,
        department_fields=(department_field,),
        owner_fields=(owner_field,) if owner_field else (),
        always_own=always_own,
    )
    return queryset if condition is None else queryset.filter(condition)


def scope_departments(user) -> set[int] | None:
    """The ids of the departments whose rows the user's scope covers, or None when it covers everything: for
    counts kept per department (a viewer's sum of his departments' parts equals a count over his rows). 仅本人
    names no department: rows are his by their owner, not their department."""
    condition = scope_condition(user, department_fields=("pk",))
    if condition is None:
        return None
    return set(Department.objects.filter(condition).values_list("pk", flat=True))

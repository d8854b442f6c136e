"""Which cases a member of staff sees: those his roles' data scope (数据权限, org/scopes.py) covers, and every
open case of a department he works in (org/access.workplaces), whatever his scope: what waits on him is his to
see, as is a case whose extension he is named to decide (a head of the people's government deciding a joint
case's extension works in neither department); and, where the case type names them (`works_on_all`), all of
its cases to the staff who work on every one (the hotline centre). Anyone else is told nothing: the pages and
the API answer 404, as for a number never issued.

A scope of 仅本人 covers the cases he handled (the case type's `handlers`); 本部门, 本部门及以下 and 自定部门 cover
the cases with any of its `departments` inside; 全部 covers all.
"""

from __future__ import annotations

from django.db.models import Model, Q, QuerySet

from zhengtong.core.paging import MOST_RANGES, MergedRanges, rows_of
from zhengtong.org.access import handles_cases, workplaces
from zhengtong.org.scopes import scope_condition, user_scope
from zhengtong.supervision.extensions import awaiting_decision

from .types import CaseType


def _condition(case_type: CaseType, user) -> Q | None:
    """The condition on the cases this user may see; None for all of them."""
    return _either(_parts(case_type, user))


def _either(parts: list[Q] | None) -> Q | None:
    if parts is None:
        return None
    condition = Q(pk__in=[])
    for part in parts:
        condition |= part
    return condition


def _parts(case_type: CaseType, user) -> list[Q] | None:
    """The condition as its alternatives, each a column's range where an index serves it (visible_in_order reads
    them so); None for all the cases. What waits on a department his scope covers anyway is not asked again."""
    if not handles_cases(user):
        return [Q(pk__in=[])]
    if case_type.works_on_all is not None and case_type.works_on_all(user):
        return None
    scope = user_scope(user)
    covered = scope_condition(
        user, department_fields=case_type.departments, owner_fields=case_type.handlers, scope=scope
    )
    if covered is None:
        return None
    parts = _alternatives(covered)
    places = workplaces(user)
    waiting_in = places - scope.covers(places)
    open_cases = ~Q(**{f"{case_type.state_field}__in": case_type.closed_states})
    parts += [Q(**{field: pk}) & open_cases for field in case_type.departments for pk in sorted(waiting_in)]
    asked = [int(i) for i in awaiting_decision(user, case_type.subject) if i.isdecimal()]
    return parts + ([Q(pk__in=asked)] if asked else [])


def visible(case_type: CaseType, user, queryset: QuerySet) -> QuerySet:
    return _within(case_type, queryset, _condition(case_type, user))


def _within(case_type: CaseType, queryset: QuerySet, condition: Q | None) -> QuerySet:
    if condition is None:
        return queryset
    if _one_row_each(queryset.model, (*case_type.departments, *case_type.handlers)):
        # Each lookup is a column of the case or of a row it points to: the condition is the case's own, and a
        # list read in its index's order stops at its page instead of first gathering every case in scope.
        return queryset.filter(condition)
    # A subquery, so that a case reached through several branches or assignments is listed once and the
    # caller's queryset keeps its own joins and order.
    matching = queryset.model._base_manager.filter(condition).values("pk")
    return queryset.filter(pk__in=matching)


def visible_in_order(case_type: CaseType, user, queryset: QuerySet, order: tuple[str, ...]):
    """The keys of the cases of `visible()` in `order`, sliced and counted as a list is paged (core.paging). Each
    part of the condition (a department of his scope in one column, a handler, what waits on a department of his)
    is read as its own index range in that order only as far as a page ends, and the ranges merged
    (core.paging.MergedRanges): walking the whole list in order until a page in scope turns up read every case
    of the city for a department with none, and sorting his department's cases read them all. A scope over
    subtrees (本部门及以下) or over more than MOST_RANGES ranges covers much of the list: walked, as before."""
    parts = _parts(case_type, user)
    ranges = [_ranges(part) for part in parts] if parts is not None else [None]
    arms = [] if any(r is None for r in ranges) else [arm for r in ranges for arm in r]
    if not 0 < len(arms) <= MOST_RANGES or not _one_row_each(
        queryset.model, (*case_type.departments, *case_type.handlers)
    ):  # the condition from the parts already read, not read again
        return _within(case_type, queryset, _either(parts)).order_by(*order).values_list("pk", flat=True)
    return MergedRanges([queryset.filter(arm) for arm in arms], order)


def newest_visible(case_type: CaseType, user, queryset: QuerySet, order: tuple[str, ...], n: int) -> list[Model]:
    """The first `n` cases of `visible()` in `order`, read as visible_in_order reads them."""
    return rows_of(queryset, visible_in_order(case_type, user, queryset, order)[0:n])


def _ranges(part: Q) -> list[Q] | None:
    """The part as conditions that are each one index range: a column in a list of departments, one condition
    per department; None for a column in anything else (a subtree's departments, a subquery)."""
    if len(part.children) == 1 and isinstance(part.children[0], tuple) and not part.negated:
        lookup, value = part.children[0]
        if lookup.endswith("__in") and lookup != "pk__in":
            if not isinstance(value, list | tuple | set | frozenset):
                return None
            return [Q(**{lookup.removesuffix("__in"): pk}) for pk in sorted(value)]
    return [part]


def _alternatives(condition: Q) -> list[Q]:
    """The parts of an OR, each as its own condition (nested ORs opened)."""
    if condition.connector != Q.OR or condition.negated:
        return [condition]
    found = []
    for child in condition.children:
        found += _alternatives(child) if isinstance(child, Q) else [Q(child)]
    return found


def _one_row_each(model, lookups) -> bool:
    """True when every lookup follows only foreign keys forward (one row for each case), none a reverse or
    many-to-many relation (a branch, an assignment) that joins a case once per related row."""
    for lookup in lookups:
        current = model
        for name in lookup.split("__"):
            field = current._meta.get_field(name)
            if field.many_to_many or field.one_to_many or (field.one_to_one and not field.concrete):
                return False
            current = field.related_model or current
    return True


def visible_case(case_type: CaseType, user, queryset: QuerySet, **lookup) -> Model | None:
    """The one case `lookup` names if the user may see it, else None (the caller answers 404). The condition
    is applied to that row directly, not through the list's subquery over every case."""
    condition = _condition(case_type, user)
    found = queryset.filter(**lookup)
    return (found if condition is None else found.filter(condition)).first()

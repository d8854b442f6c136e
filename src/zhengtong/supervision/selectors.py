from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from zhengtong.org.scopes import scope_queryset

from .deadline import Thresholds
from .models import OPEN, Clock, Level, Outcome, WarningRule


def thresholds_for(item_code: str, stage: str) -> Thresholds:
    """Most specific rule first: item+stage, item, stage, then the DOMAIN §3 defaults."""
    rules = {(r.item_code, r.stage): r for r in WarningRule.objects.filter(item_code__in={item_code, ""}, stage__in={stage, ""})}
    for key in ((item_code, stage), (item_code, ""), ("", stage), ("", "")):
        rule = rules.get(key)
        if rule is not None:
            return Thresholds(rule.yellow_units, float(rule.yellow_ratio))
    return Thresholds()


def visible_clocks(user) -> QuerySet[Clock]:
    return scope_queryset(user, Clock.objects.all(), owner_field="assignee")


def my_open_clocks(user, limit: int = 20) -> QuerySet[Clock]:
    """The user's to-do list across all domains: his open clocks, most urgent first."""
    return (Clock.objects.filter(OPEN, assignee=user).select_related("department")
            .order_by("due_at")[:limit])


def department_counts(clocks: QuerySet[Clock]) -> list[dict]:
    return list(
        clocks.values("department_id", "department__name", "department__path")
        .annotate(
            open=Count("id", filter=OPEN),
            yellow=Count("id", filter=OPEN & Q(level=Level.YELLOW)),
            red=Count("id", filter=OPEN & Q(level=Level.RED)),
            on_time=Count("id", filter=Q(outcome=Outcome.ON_TIME)),
            late=Count("id", filter=Q(outcome=Outcome.LATE)),
        )
        .order_by("department__path")
    )

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from zhengtong.core.paging import MOST_RANGES, MergedRanges
from zhengtong.core.sql import aware
from zhengtong.org.access import departments_of
from zhengtong.org.models import Department
from zhengtong.org.scopes import scope_departments, scope_queryset

from .deadline import Thresholds
from .models import OPEN, Clock, Level, Outcome, WarningRule


def thresholds_for(item_code: str, stage: str) -> Thresholds:
    """Most specific rule first: item+stage, item, stage, then the DOMAIN §3 defaults."""
    rules = {
        (r.item_code, r.stage): r
        for r in WarningRule.objects.filter(item_code__in={item_code, ""}, stage__in={stage, ""})
    }
    for key in ((item_code, stage), (item_code, ""), ("", stage), ("", "")):
        rule = rules.get(key)
        if rule is not None:
            return Thresholds(rule.yellow_units, float(rule.yellow_ratio))
    return Thresholds()


@dataclass(frozen=True)
class CaseDeadline:
    """What an applicant or a writer is told about his case's limit: when it is due, or that it is paused."""

    due_at: dt.datetime | None
    paused: bool


def running_limits_sql(subject_id: str) -> str:
    """A statement of one case's running limits that promise a date (windows promise nothing), as (due_at,
    paused_since, whole), for `deadline_of`. Its parameters: the case's subject type, then those of
    `subject_id` (an SQL expression: "%s" for the id itself, or a subquery of the caller's statement), then
    False (not a window). A page may read them in its own statement (the hall's status lookup)."""
    return (
        f"SELECT c.due_at, c.paused_since, c.whole FROM {Clock._meta.db_table} c WHERE c.subject_type = %s "
        f'AND c.subject_id = {subject_id} AND c.stopped_at IS NULL AND c."window" = %s'
    )


def case_deadline(subject_type: str, subject_id) -> CaseDeadline | None:
    """The case's running limit (deadline_of): one indexed read (clock_subject) in plain SQL, as every public status
    page of every domain makes it and building the ORM's query cost more than running it (decision 0023)."""
    with connection.cursor() as cursor:
        cursor.execute(running_limits_sql("%s"), [subject_type, str(subject_id), False])
        return deadline_of(cursor.fetchall())


def deadline_of(limits: list[tuple]) -> CaseDeadline | None:
    """What a case's running limits (running_limits_sql's rows) tell its applicant or writer: its whole-case clock
    when one runs (the 承诺时限 people are promised), otherwise the running stage clock due last; paused when every
    such clock is paused (补正, 征求意见); None once none runs."""
    chosen = [c for c in limits if c[2]] or limits
    if not chosen:
        return None
    running = [aware(due_at) for due_at, paused_since, _whole in chosen if paused_since is None]
    return CaseDeadline(max(running), False) if running else CaseDeadline(None, True)


def visible_clocks(user) -> QuerySet[Clock]:
    return scoped_clocks(user, Clock.objects.all())


def scoped_clocks(user, clocks: QuerySet[Clock]) -> QuerySet[Clock]:
    """Those of `clocks` his data scope covers, and his own whatever his scope."""
    return scope_queryset(user, clocks, owner_field="assignee", always_own=True)


def visible_clocks_in_order(user, clocks: QuerySet[Clock], order: tuple):
    """The keys of the limits of `clocks` (filtered, not yet scoped) the user sees, in `order`, as a list is
    paged (core.paging): each department of his scope and his own limits read as index ranges in that order, as
    far as a page ends, and merged. Walking the whole list in order until a page of his turned up read the
    city's limits for a head of a few departments. Everything, or more departments than MOST_RANGES: walked."""
    departments = scope_departments(user)
    if departments is None or len(departments) >= MOST_RANGES:
        return scoped_clocks(user, clocks).order_by(*order).values_list("pk", flat=True)
    # ended by the key: limits due the same day share one due time, and a merge of limited sorts is not stable
    # on PostgreSQL, so each page took another subset of the tied rows (the indexes end with it too)
    last = order[-1]
    descending = last.startswith("-") if isinstance(last, str) else last.descending
    arms = [clocks.filter(department_id=pk) for pk in sorted(departments)] + [clocks.filter(assignee=user)]
    return MergedRanges(arms, (*order, "-pk" if descending else "pk"))


def clock_departments(user) -> QuerySet[Department]:
    """The departments the user's list of limits may be narrowed to: those of his scope (and his own), not those
    read off the clocks, which meant a DISTINCT over every clock he may see on each view of the list."""
    scoped = scope_queryset(user, Department.objects.filter(is_active=True), department_field="pk")
    return (scoped | departments_of(user)).distinct().order_by("path")


def my_open_clocks(user, limit: int = 20) -> QuerySet[Clock]:
    """The user's to-do list across all domains: his open clocks, most urgent first."""
    return Clock.objects.filter(OPEN, assignee=user).select_related("department").order_by("due_at")[:limit]


TREND_DAYS = 30
DASHBOARD_TTL = 60


def dashboard_figures(clocks: QuerySet[Clock]) -> dict:
    """The dashboard's counts per department and its trend, for the limits `clocks` holds (a viewer's scope),
    kept DASHBOARD_TTL seconds in the shared cache under that scope's own query: a month of limits is counted
    once a minute, not on each view (decision 0020). Levels move with the scan, which runs every few minutes;
    a minute adds little to that."""
    key = "zt:supervision:dashboard:v1:" + hashlib.sha256(str(clocks.query).encode()).hexdigest()
    return cache.get_or_set(
        key, lambda: {"rows": department_counts(clocks), "trend": daily_trend(clocks)}, DASHBOARD_TTL
    )


def department_counts(clocks: QuerySet[Clock], *, today=None) -> list[dict]:
    """Per department: the limits open, warned and late now, whenever they started, and those finished on time
    or late in the last TREND_DAYS days (the trend's window). Counting every finished limit ever grew the
    dashboard with the table (decision 0020); each part is read by its own index (open limits by department and
    level, finished ones by stop time). Windows are no work that can be late: left out."""
    clocks = clocks.filter(window=False)
    by_department = ("department_id", "department__name", "department__path")
    rows: dict[int, dict] = {}
    for row in (
        clocks.filter(OPEN)
        .values(*by_department)
        .annotate(
            open=Count("id"),
            yellow=Count("id", filter=Q(level=Level.YELLOW)),
            red=Count("id", filter=Q(level=Level.RED)),
        )
    ):
        rows[row["department_id"]] = {**row, "on_time": 0, "late": 0}
    finished = clocks.filter(stopped_at__gte=_trend_start(today), outcome__in=[Outcome.ON_TIME, Outcome.LATE])
    for row in finished.values(*by_department).annotate(
        on_time=Count("id", filter=Q(outcome=Outcome.ON_TIME)), late=Count("id", filter=Q(outcome=Outcome.LATE))
    ):
        counted = rows.setdefault(row["department_id"], {**row, "open": 0, "yellow": 0, "red": 0})
        counted["on_time"], counted["late"] = row["on_time"], row["late"]
    return sorted(rows.values(), key=lambda r: r["department__path"])


def _trend_start(today=None) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(_first_day(today), dt.time.min))


def _first_day(today=None) -> dt.date:
    return (today or timezone.localdate()) - dt.timedelta(days=TREND_DAYS - 1)


def daily_trend(clocks: QuerySet[Clock], *, today=None) -> dict:
    """Per day over the last TREND_DAYS: clocks started, finished on time, finished late (the trend chart)."""
    clocks = clocks.filter(window=False)
    first, since = _first_day(today), _trend_start(today)
    labels = [(first + dt.timedelta(days=i)).isoformat() for i in range(TREND_DAYS)]

    def series(qs, field):
        rows = (
            qs.filter(**{f"{field}__gte": since}).annotate(day=TruncDate(field)).values("day").annotate(n=Count("id"))
        )
        counts = {r["day"].isoformat(): r["n"] for r in rows}
        return [counts.get(d, 0) for d in labels]

    return {
        "labels": labels,
        "started": series(clocks, "started_at"),
        "on_time": series(clocks.filter(outcome=Outcome.ON_TIME), "stopped_at"),
        "late": series(clocks.filter(outcome=Outcome.LATE), "stopped_at"),
    }


def clock_timeline(clock: Clock) -> list[dict]:
    """Every event of a clock in time order, for its page."""
    events = [{"at": clock.started_at, "label": "开始计时", "detail": f"{clock.limit}个{clock.get_unit_display()}"}]
    for p in clock.pauses.all():
        events.append({"at": p.started_at, "label": "暂停计时", "detail": f"{p.get_reason_display()} {p.note}".strip()})
        if p.ended_at:
            events.append({"at": p.ended_at, "label": "恢复计时", "detail": ""})
    for e in clock.extensions.select_related("approver"):
        events.append(
            {"at": e.at, "label": "延长时限", "detail": f"+{e.amount}，{e.approver.display_name}批准：{e.reason}"}
        )
    for a in clock.alerts.all():
        events.append(
            {"at": a.at, "label": "状态变化", "detail": f"{a.get_level_from_display()} → {a.get_level_to_display()}"}
        )
    for v in clock.violations.all():
        events.append({"at": v.at, "label": "违规记录", "detail": f"{v.get_kind_display()}：{v.detail}"})
    if clock.stopped_at:
        label = "结束" if clock.window else "办结"  # a window is closed, not finished
        events.append({"at": clock.stopped_at, "label": label, "detail": clock.get_outcome_display()})
    return sorted(events, key=lambda e: e["at"])

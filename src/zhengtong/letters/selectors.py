"""Reads: a department's queue and the monthly indicators (the public pages read through public_reads)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengtong.core.paging import MergedRanges
from zhengtong.org.models import Department
from zhengtong.supervision.models import OPEN, Clock, Level, Outcome
from zhengtong.supervision.rates import on_time_rate

from .case import LETTER
from .models import Assignment, Kind, Letter, Satisfaction, State


def department_queue(department_ids) -> MergedRanges:
    """The ids of the letters these departments hold and have not finished (待签收, 已签收, and 申请退单 until
    the centre decides: the letter is theirs till then), oldest first. Each department's unfinished dispatches are
    one range of their index in that order, read as far as the page ends; no letter is read, as a letter out of
    handling waits on no dispatch (tests/letters/test_department_queue.py). A condition on the dispatch's state
    beside the index's own made PostgreSQL expect a tenth of the rows and sort them all. A letter with two of the
    departments on it (an office as co-handler of its bureau) is one id."""
    return MergedRanges(
        [Assignment.objects.filter(department_id=pk, finished_at__isnull=True) for pk in sorted(department_ids)],
        ("letter_received_at", "letter_id"),
        key="letter_id",
    )


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = month.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    tz = timezone.get_current_timezone()
    return dt.datetime.combine(start, dt.time(), tz), dt.datetime.combine(end, dt.time(), tz)


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Row:
    department: str
    dispatched: int = 0
    responded: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0  # still open past the limit: counts against the on-time rate, as on the dashboard
    satisfied: int = 0
    rated: int = 0

    @property
    def response_rate(self):
        return _rate(self.responded, self.dispatched)

    @property
    def on_time_rate(self):
        return on_time_rate(on_time=self.on_time, late=self.late, overdue=self.overdue)

    @property
    def satisfaction_rate(self):
        return _rate(self.satisfied, self.rated)


@dataclass
class Monthly:
    month: dt.date
    received: int
    by_kind: list[tuple[str, int]]
    closed: int
    rows: list[Row]
    total: Row


PAST_MONTH_TTL = 3600
THIS_MONTH_TTL = 60


def monthly(month: dt.date) -> Monthly:
    """The month's report (`count_month`), kept in the shared cache: the staff's trend reads six months on every
    view, each a count over a month of letters, dispatches and clocks. A past month is kept an hour; this month a
    minute, so a letter just dispatched counts within it (counted on each view, the page grew with the month's
    letters: decision 0020)."""
    ttl = THIS_MONTH_TTL if month >= timezone.localdate().replace(day=1) else PAST_MONTH_TTL
    return cache.get_or_set(f"zt:letters:monthly:v1:{month:%Y-%m}", lambda: count_month(month), ttl)


def count_month(month: dt.date) -> Monthly:
    """响应率: dispatches the department signed for or returned, of those it received in the month.
    按期办结率: handling clocks started in the month and stopped on time, of those stopped or still open past their
    limit (supervision.rates; cancelled ones are not counted: a return the centre approved is not the
    department's delay).
    满意率: 满意 and 基本满意, of the callbacks that reached the writer, for letters received in the month."""
    start, end = month_bounds(month)
    letters = Letter.objects.filter(received_at__gte=start, received_at__lt=end)
    kinds = dict(Letter._meta.get_field("kind").choices)
    by_kind = [(kinds[k], n) for k, n in letters.values_list("kind").annotate(n=Count("pk")).order_by("kind")]
    rows: dict[int, Row] = {}
    names = dict(Department.objects.values_list("pk", "name"))

    def row(dept_id: int) -> Row:
        return rows.setdefault(dept_id, Row(names.get(dept_id, "")))

    assignments = (
        Assignment.objects.filter(dispatched_at__gte=start, dispatched_at__lt=end, role=Assignment.Role.MAIN)
        .values("department")
        .annotate(n=Count("pk"), answered=Count("pk", filter=~Q(state=Assignment.State.PENDING)))
    )
    for a in assignments:
        r = row(a["department"])
        r.dispatched, r.responded = a["n"], a["answered"]
    clocks = (
        Clock.objects.filter(subject_type=LETTER.subject, stage="handle", started_at__gte=start, started_at__lt=end)
        .values("department")
        .annotate(
            on_time=Count("pk", filter=Q(outcome=Outcome.ON_TIME)),
            late=Count("pk", filter=Q(outcome=Outcome.LATE)),
            overdue=Count("pk", filter=OPEN & Q(level=Level.RED)),
        )
    )
    for c in clocks:
        r = row(c["department"])
        r.on_time, r.late, r.overdue = c["on_time"], c["late"], c["overdue"]
    rated = (
        letters.filter(
            department__isnull=False,
            satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.BASICALLY, Satisfaction.DISSATISFIED],
        )
        .values("department")
        .annotate(n=Count("pk"), good=Count("pk", filter=~Q(satisfaction=Satisfaction.DISSATISFIED)))
    )
    for s in rated:
        r = row(s["department"])
        r.rated, r.satisfied = s["n"], s["good"]
    ordered = sorted(rows.values(), key=lambda r: (-r.dispatched, r.department))
    total = Row(
        "合计",
        *(
            sum(getattr(r, f) for r in ordered)
            for f in ("dispatched", "responded", "on_time", "late", "overdue", "satisfied", "rated")
        ),
    )
    return Monthly(
        month.replace(day=1), letters.count(), by_kind, letters.filter(state=State.CLOSED).count(), ordered, total
    )


def chosen_month(value: str | None, months: list[dt.date]) -> dt.date:
    """The month a page's ?month=YYYY-MM names if it is one of `months` (those the page offers), else the
    latest: a month outside them has no figures to show, and one near year 1 or 9999 has no bounds."""
    try:
        month = dt.date.fromisoformat(f"{value}-01") if value else months[0]
    except ValueError:
        return months[0]
    return month if month in months else months[0]


def months_back(n: int, today: dt.date | None = None) -> list[dt.date]:
    first = (today or timezone.localdate()).replace(day=1)
    out = []
    for _month in range(n):
        out.append(first)
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return out


def about_staff(membership, since) -> list[tuple[str, int]]:
    """表扬 and 投诉 letters written about a member of staff since `since` (for his public profile)."""
    counts = Letter.objects.filter(about=membership, received_at__gte=since).aggregate(
        praise=Count("pk", filter=Q(kind=Kind.PRAISE)), complaint=Count("pk", filter=Q(kind=Kind.COMPLAINT))
    )
    return [(str(_("表扬来信")), counts["praise"]), (str(_("投诉来信")), counts["complaint"])]

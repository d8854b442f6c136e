"""Reads: the public list, the status lookup by number and query code, and the monthly indicators."""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass
from typing import NamedTuple

from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property

from zhengtong.audit.services import audit_record
from zhengtong.core import throttle
from zhengtong.core.errors import PermissionDenied, refuse
from zhengtong.org.models import Department
from zhengtong.supervision.models import Clock, Outcome

from . import errors
from .models import Assignment, Event, Kind, Letter, Satisfaction, State
from .services.common import SUBJECT, query_hash

QUERY_ATTEMPTS_PER_HOUR = 10


def published(kind: str = "") -> QuerySet:
    """The public list's columns, newest first, read from its covering index (models: letter_public_list)."""
    letters = Letter.objects.filter(published_at__isnull=False)
    return ((letters.filter(kind=kind) if kind else letters).order_by("-published_at", "-pk")
            .values_list("number", "public_title", "kind", "department__name", "received_at", "replied_at"))


class PublicRow(NamedTuple):
    number: str
    title: str
    kind: str
    department: str
    received: str
    replied: str


def public_rows(values) -> list[PublicRow]:
    """The list's rows formatted once here: for 20 rows, model instances with display lookups and date filters in
    the template cost more than the page's query."""
    labels = dict(Kind.choices)
    return [PublicRow(number, title, labels.get(kind, kind), department or "—", _day(received), _day(replied))
            for number, title, kind, department, received, replied in values]


class CountedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


class PublicLetter(NamedTuple):
    pk: int
    number: str
    title: str
    kind: str
    received: str
    accepted: str
    department: str
    replied: str
    content: str
    reply: str


def _day(moment) -> str:
    return timezone.localtime(moment).date().isoformat() if moment else "—"


def public_letter(number: str) -> PublicLetter | None:
    """Only the masked copy and the dates the page shows: the writer's text and contact never leave the database."""
    row = (Letter.objects.filter(number=number, published_at__isnull=False)
           .values_list("pk", "number", "public_title", "kind", "received_at", "accepted_at", "department__name", "replied_at",
                        "public_content", "public_reply").first())
    if row is None:
        return None
    pk, number, title, kind, received, accepted, department, replied, content, reply = row
    return PublicLetter(pk, number, title, Kind(kind).label, _day(received), _day(accepted), department or "—", _day(replied),
                        content, reply)


class PublicEvent(NamedTuple):
    at: str  # local time, to the minute
    iso: str
    label: str
    department: str  # the name, or "" when the label already says it or there is none


def public_events(letter) -> list[PublicEvent]:
    """The public rows of the handling record, formatted once here (values, no model instances)."""
    rows = (Event.objects.filter(letter_id=letter.pk, public=True).order_by("at", "pk")
            .values_list("at", "label", "department__name"))
    events = []
    for at, label, department in rows:
        local = timezone.localtime(at)
        events.append(PublicEvent(local.strftime("%Y-%m-%d %H:%M"), local.isoformat(), label,
                                  department if department and department not in label else ""))
    return events


def status_lookup(*, number: str, code: str, ip: str | None) -> Letter:
    """The writer (or a caller told the number and code on the phone) follows the case without logging in."""
    number, code = (number or "").strip().upper(), (code or "").strip()
    keys = throttle.keys("letter", n=number, ip=ip)
    if throttle.exceeded(keys, QUERY_ATTEMPTS_PER_HOUR):
        raise refuse(errors.QUERY_THROTTLED, PermissionDenied)
    letter = Letter.objects.filter(number=number).select_related("department").first() if number else None
    if letter is None or not hmac.compare_digest(letter.query_hash, query_hash(number, code)):
        throttle.count_failure(keys)
        with transaction.atomic():
            audit_record(action="letters.status.denied", object_type="letters.letter", object_id=number[:64])
        raise refuse(errors.QUERY_FAILED)
    return letter


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
    satisfied: int = 0
    rated: int = 0

    @property
    def response_rate(self):
        return _rate(self.responded, self.dispatched)

    @property
    def on_time_rate(self):
        return _rate(self.on_time, self.on_time + self.late)

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


def monthly(month: dt.date) -> Monthly:
    """响应率: dispatches the department signed for or returned, of those it received in the month.
    按期办结率: handling clocks started in the month and stopped on time, of those stopped (cancelled ones are
    not counted: a return the centre approved is not the department's delay).
    满意率: 满意 and 基本满意, of the callbacks that reached the writer, for letters received in the month."""
    start, end = month_bounds(month)
    letters = Letter.objects.filter(received_at__gte=start, received_at__lt=end)
    kinds = dict(Letter._meta.get_field("kind").choices)
    by_kind = [(kinds[k], n) for k, n in letters.values_list("kind").annotate(n=Count("pk")).order_by("kind")]
    rows: dict[int, Row] = {}
    names = dict(Department.objects.values_list("pk", "name"))

    def row(dept_id: int) -> Row:
        return rows.setdefault(dept_id, Row(names.get(dept_id, "")))

    assignments = (Assignment.objects.filter(dispatched_at__gte=start, dispatched_at__lt=end, role=Assignment.Role.MAIN)
                   .values("department").annotate(n=Count("pk"), answered=Count("pk", filter=~Q(state=Assignment.State.PENDING))))
    for a in assignments:
        r = row(a["department"])
        r.dispatched, r.responded = a["n"], a["answered"]
    clocks = (Clock.objects.filter(subject_type=SUBJECT, stage="handle", started_at__gte=start, started_at__lt=end)
              .values("department").annotate(on_time=Count("pk", filter=Q(outcome=Outcome.ON_TIME)),
                                             late=Count("pk", filter=Q(outcome=Outcome.LATE))))
    for c in clocks:
        r = row(c["department"])
        r.on_time, r.late = c["on_time"], c["late"]
    rated = (letters.filter(department__isnull=False, satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.BASICALLY, Satisfaction.DISSATISFIED])
             .values("department").annotate(n=Count("pk"), good=Count("pk", filter=~Q(satisfaction=Satisfaction.DISSATISFIED))))
    for s in rated:
        r = row(s["department"])
        r.rated, r.satisfied = s["n"], s["good"]
    ordered = sorted(rows.values(), key=lambda r: (-r.dispatched, r.department))
    total = Row("合计", *(sum(getattr(r, f) for r in ordered) for f in ("dispatched", "responded", "on_time", "late", "satisfied", "rated")))
    return Monthly(month.replace(day=1), letters.count(), by_kind, letters.filter(state=State.CLOSED).count(), ordered, total)


def months_back(n: int, today: dt.date | None = None) -> list[dt.date]:
    first = (today or timezone.localdate()).replace(day=1)
    out = []
    for _ in range(n):
        out.append(first)
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return out

"""Writes on clocks. Each service is called inside the domain's own transaction (the case's state change and
its clock change commit together), audits itself, and refuses bad input with a coded error, changing nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from zhengtong import privacy
from zhengtong.audit.services import audit_record
from zhengtong.core.errors import InvalidInput, InvalidTransition, refuse_on
from zhengtong.workdays.calendar import CalendarRangeError

from . import deadline, errors
from .models import Alert, Clock, ClockExtension, ClockPause, Level, Outcome, Unit, Violation
from .selectors import thresholds_for

MAX_LIMIT = 3650


def _fail(error, cls=InvalidInput):
    code, message = error
    return cls(message, code=code)


def require_approver_and_reason(approver, reason: str) -> None:
    """An extension needs an approver and a reason (第四十二条: 经负责人批准, and why): refused with the one code
    either way, naming the one missing, so a form marks that field and an API client knows which."""
    if approver is None or not getattr(approver, "pk", None):
        raise refuse_on("approver", errors.EXTENSION_APPROVER)
    if not (reason or "").strip():
        raise refuse_on("reason", errors.EXTENSION_APPROVER)


def _pauses(clock: Clock) -> list[tuple[dt.datetime, dt.datetime]]:
    if clock.pk is None:
        return []
    return [(p.started_at, p.ended_at) for p in clock.pauses.all() if p.ended_at is not None]


def _refresh(clock: Clock, now: dt.datetime) -> None:
    """Recompute due and warning times after any change, and the level they give now."""
    try:
        d = deadline.compute(
            started_at=clock.started_at,
            limit=clock.limit,
            unit=clock.unit,
            extension=clock.extension_total,
            pauses=_pauses(clock),
            thresholds=thresholds_for(clock.item_code, clock.stage),
        )
    except CalendarRangeError:
        raise _fail(errors.START_OUT_OF_RANGE) from None
    clock.due_at, clock.yellow_at, clock.provisional = d.due_at, d.yellow_at, d.provisional
    if clock.paused_since is None and clock.stopped_at is None:
        level = deadline.level_at(now, due_at=d.due_at, yellow_at=d.yellow_at)
        # Lowering the level (an extension) is recorded; raising it is left to the scan, which records and
        # notifies every rise in one place.
        if _rank(level) < _rank(clock.level):
            _flip(clock, level, now)
        # Already past (a clock started late, or shortened)? Then next_check_at lies in the past and the next
        # scan picks the clock up at once.
        clock.next_check_at = deadline.next_check(clock.level, due_at=d.due_at, yellow_at=d.yellow_at)
    else:
        clock.next_check_at = None


def _rank(level: str) -> int:
    return {Level.GREEN: 0, Level.YELLOW: 1, Level.RED: 2}[level]


def _flip(clock: Clock, level: str, now: dt.datetime) -> None:
    if clock.pk:
        Alert.objects.create(clock=clock, level_from=clock.level, level_to=level, at=now)
    clock.level = level


def _check_time(clock: Clock, at: dt.datetime) -> None:
    latest = max(
        [clock.started_at, clock.paused_since or clock.started_at]
        + [p.ended_at for p in clock.pauses.all() if p.ended_at]
    )
    if at < latest:
        raise _fail(errors.TIME_BEFORE_START)


def clock_start(
    *,
    subject_type: str,
    subject_id: str,
    stage: str,
    department,
    limit: int,
    unit: str = Unit.WORKING_DAYS,
    assignee=None,
    started_at: dt.datetime | None = None,
    subject_label: str = "",
    stage_label: str = "",
    item_code: str = "",
    whole: bool = False,
    window: bool = False,
) -> Clock:
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
        raise _fail(errors.LIMIT_INVALID)
    if unit not in Unit.values:
        raise _fail(errors.UNIT_INVALID)
    now = timezone.now()
    clock = Clock(
        subject_type=subject_type,
        subject_id=str(subject_id),
        # Shown in every supervision list and ranking, and built by each domain from what it holds (a title, the
        # third party consulted): masked here, once, then cut (a number cut first would no longer read as one).
        subject_label=privacy.mask(subject_label)[:200],
        stage=stage,
        stage_label=stage_label,
        whole=whole,
        window=window,
        item_code=item_code,
        department=department,
        assignee=assignee,
        limit=limit,
        unit=unit,
        started_at=started_at or now,
    )
    _refresh(clock, now)
    # The refusals above come before any write, so the clock and its audit entry need no savepoint of their own
    # inside the caller's transaction (a case's intake starts one on every letter).
    with transaction.atomic(savepoint=False):
        clock.save()
        audit_record(
            action="supervision.clock.start",
            obj=clock,
            changes={"limit": [None, f"{limit} {Unit(unit).label}"], "due_at": [None, clock.due_at.isoformat()]},
        )
    return clock


def _open(clock: Clock) -> Clock:
    clock = Clock.objects.select_for_update().get(pk=clock.pk)
    if clock.stopped_at is not None:
        raise _fail(errors.STOPPED, InvalidTransition)
    return clock


@transaction.atomic
def clock_pause(
    *, clock: Clock, reason: str, note: str = "", at: dt.datetime | None = None, expected_days: int | None = None
) -> Clock:
    clock = _open(clock)
    if clock.paused_since is not None:
        raise _fail(errors.ALREADY_PAUSED, InvalidTransition)
    if reason not in ClockPause.Reason.values:
        raise _fail(errors.PAUSE_REASON)
    at = at or timezone.now()
    _check_time(clock, at)
    ClockPause.objects.create(clock=clock, reason=reason, note=note[:300], started_at=at, expected_days=expected_days)
    clock.paused_since = at
    clock.next_check_at = None
    clock.save(update_fields=["paused_since", "next_check_at"])
    audit_record(
        action="supervision.clock.pause", obj=clock, changes={"paused": [None, ClockPause.Reason(reason).label]}
    )
    return clock


@transaction.atomic
def clock_resume(*, clock: Clock, at: dt.datetime | None = None) -> Clock:
    clock = _open(clock)
    if clock.paused_since is None:
        raise _fail(errors.NOT_PAUSED, InvalidTransition)
    at = at or timezone.now()
    _check_time(clock, at)
    pause = clock.pauses.get(ended_at__isnull=True)
    pause.ended_at = at
    pause.save(update_fields=["ended_at"])
    old_due = clock.due_at
    clock.paused_since = None
    _refresh(clock, timezone.now())
    clock.save(update_fields=["paused_since", "due_at", "yellow_at", "provisional", "next_check_at", "level"])
    audit_record(
        action="supervision.clock.resume",
        obj=clock,
        changes={"due_at": [old_due.isoformat(), clock.due_at.isoformat()]},
    )
    return clock


@transaction.atomic
def clock_extend(*, clock: Clock, amount: int, reason: str, approver) -> Clock:
    """行政许可法 第四十二条: +10 days with the agency head's approval (+15 for joint handling); the limits of
    how much may be granted are the domain's rule; the clock only requires an approver and a reason."""
    clock = _open(clock)
    require_approver_and_reason(approver, reason)
    if not isinstance(amount, int) or isinstance(amount, bool) or not 1 <= amount <= 365:
        raise _fail(errors.EXTENSION_AMOUNT)
    now = timezone.now()
    ClockExtension.objects.create(clock=clock, amount=amount, reason=reason.strip()[:300], approver=approver, at=now)
    old_due = clock.due_at
    clock.extension_total += amount
    _refresh(clock, now)
    clock.save(update_fields=["extension_total", "due_at", "yellow_at", "provisional", "next_check_at", "level"])
    audit_record(
        action="supervision.clock.extend",
        obj=clock,
        changes={
            "extension": [clock.extension_total - amount, clock.extension_total],
            "due_at": [old_due.isoformat(), clock.due_at.isoformat()],
            "approver": [None, str(approver)],
        },
    )
    return clock


@transaction.atomic
def clock_stop(*, clock: Clock, cancelled: bool = False, at: dt.datetime | None = None) -> Clock:
    clock = _open(clock)
    at = at or timezone.now()
    _check_time(clock, at)
    if clock.paused_since is not None:  # stopping a paused clock ends its pause at the same moment
        clock.pauses.filter(ended_at__isnull=True).update(ended_at=at)
        clock.paused_since = None
        _refresh(clock, at)
    clock.stopped_at = at
    late = at >= clock.due_at
    if cancelled:
        clock.outcome = Outcome.CANCELLED
    elif late:
        clock.outcome = Outcome.LAPSED if clock.window else Outcome.LATE
    else:
        clock.outcome = Outcome.ON_TIME
    if late and not clock.window and clock.level != Level.RED:
        _flip(clock, Level.RED, at)
    clock.next_check_at = None
    clock.save(update_fields=["stopped_at", "outcome", "level", "next_check_at", "paused_since", "due_at", "yellow_at"])
    if clock.outcome == Outcome.LATE:
        record_overtime(clock, at)  # kept after the stop: a late finish stays on the record
    audit_record(action="supervision.clock.stop", obj=clock, changes={"outcome": [None, clock.outcome]})
    return clock


def record_overtime(clock: Clock, at: dt.datetime) -> None:
    kind = Violation.Kind.CASE_OVERTIME if clock.whole else Violation.Kind.STAGE_OVERTIME
    Violation.objects.get_or_create(
        clock=clock,
        kind=kind,
        defaults={
            "subject_type": clock.subject_type,
            "subject_id": clock.subject_id,
            "department_id": clock.department_id,
            "detail": f"{clock.stage_label or clock.stage}超过时限（{clock.due_at:%Y-%m-%d %H:%M}到期）",
            "at": at,
        },
    )


@transaction.atomic
def violation_report(
    *, kind: str, subject_type: str, subject_id: str, department, detail: str = "", clock: Clock | None = None
) -> Violation:
    """For domains: a skipped step, a refusal without reason, a fee outside the published standard."""
    if kind not in (
        Violation.Kind.SKIPPED_STEP,
        Violation.Kind.REFUSAL_WITHOUT_REASON,
        Violation.Kind.FEE_NOT_PUBLISHED,
    ):
        raise _fail(errors.VIOLATION_KIND)
    violation = Violation.objects.create(
        kind=kind,
        subject_type=subject_type,
        subject_id=str(subject_id),
        department=department,
        detail=detail[:300],
        clock=clock,
        at=timezone.now(),
    )
    audit_record(action="supervision.violation.report", obj=violation, changes={"kind": [None, kind]})
    return violation


@transaction.atomic
def clocks_recompute_provisional() -> int:
    """After a year's schedule is entered: recompute every open clock whose due date was provisional."""
    now = timezone.now()
    changed = 0
    for clock in (
        Clock.objects.select_for_update().filter(stopped_at__isnull=True, provisional=True).prefetch_related("pauses")
    ):
        if clock.paused_since is not None:
            continue
        before = clock.due_at
        _refresh(clock, now)
        clock.save(update_fields=["due_at", "yellow_at", "provisional", "next_check_at", "level"])
        changed += before != clock.due_at
    audit_record(action="supervision.clock.recompute", object_type="supervision.clock", changes={"changed": changed})
    return changed


@transaction.atomic
def clocks_record_finished(rows: list[dict]) -> int:
    """Clocks of cases handled before this platform (a migration of an earlier system's records): each row is
    clock_start's arguments plus `stopped_at`. Due times are computed as for a live clock, the outcome follows
    from them, a late finish is recorded as a violation; one audit row for the batch."""
    clocks = []
    for row in rows:
        row = dict(row)
        stopped_at = row.pop("stopped_at")
        clock = Clock(**{**row, "subject_id": str(row["subject_id"]), "unit": row.get("unit", Unit.WORKING_DAYS)})
        d = deadline.compute(
            started_at=clock.started_at,
            limit=clock.limit,
            unit=clock.unit,
            thresholds=thresholds_for(clock.item_code, clock.stage),
        )
        late = stopped_at >= d.due_at
        clock.due_at, clock.yellow_at, clock.provisional = d.due_at, d.yellow_at, d.provisional
        clock.stopped_at, clock.outcome = stopped_at, Outcome.LATE if late else Outcome.ON_TIME
        clock.level = Level.RED if late else Level.GREEN
        clocks.append(clock)
    Clock.objects.bulk_create(clocks, batch_size=500)
    for clock in clocks:
        if clock.outcome == Outcome.LATE and clock.pk:
            record_overtime(clock, clock.stopped_at)
    audit_record(
        action="supervision.clock.import", object_type="supervision.clock", changes={"count": [None, len(clocks)]}
    )
    return len(clocks)

"""Due time and warning time of a clock, from its start, limit, unit, pauses and extensions.

行政许可法 第四十二条 and 第八十二条 (working days, statutory holidays excluded), 第四十五条 (hearing, testing,
expert review … not counted), 政府信息公开条例 第三十三条 (consultation time not counted): a completed pause of
k working days moves the due date by exactly k working days; an approved extension adds its days.
A limit ends at the end of its last day (24:00 Beijing time).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.utils import timezone

from zhengtong.workdays import calendar

from .models import Unit


@dataclass(frozen=True)
class Thresholds:
    yellow_units: int = 1
    yellow_ratio: float = 0.20


@dataclass(frozen=True)
class Deadline:
    due_at: dt.datetime
    yellow_at: dt.datetime
    provisional: bool
    due_date: dt.date | None  # the last day, for day units
    paused_units: int  # working/natural days (or seconds, for hours) not counted because of pauses


def local_date(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def day_end(day: dt.date) -> dt.datetime:
    """24:00 of `day`, as the first instant of the next day; a clock is late once now >= due_at."""
    return day_start(day + dt.timedelta(days=1))


def paused_units(unit: str, pauses: list[tuple[dt.datetime, dt.datetime]]) -> int:
    if unit == Unit.WORKING_DAYS:
        return sum(calendar.working_days_between(local_date(a), local_date(b)) for a, b in pauses)
    if unit == Unit.NATURAL_DAYS:
        return sum((local_date(b) - local_date(a)).days for a, b in pauses)
    return int(sum((b - a).total_seconds() for a, b in pauses))


def compute(
    *,
    started_at: dt.datetime,
    limit: int,
    unit: str,
    extension: int = 0,
    pauses: list[tuple[dt.datetime, dt.datetime]] = (),
    thresholds: Thresholds = Thresholds(),
) -> Deadline:
    paused = paused_units(unit, list(pauses))
    total = limit + extension
    warn = max(thresholds.yellow_units, math.floor(thresholds.yellow_ratio * total + 1e-9))
    if unit == Unit.HOURS:
        due_at = started_at + dt.timedelta(hours=total, seconds=paused)
        # ≤ 1 unit or ≤ 20% remaining, whichever comes first (DOMAIN §3), as for days.
        yellow_at = due_at - dt.timedelta(hours=max(thresholds.yellow_units, thresholds.yellow_ratio * total))
        return Deadline(due_at, max(yellow_at, started_at), False, None, paused)
    start = local_date(started_at)
    if unit == Unit.WORKING_DAYS:
        due_date = calendar.add_working_days(start, total + paused)
        # Yellow from the first day on which at most `warn` working days remain, that day included.
        try:
            yellow_day = calendar.subtract_working_days(due_date, warn) + dt.timedelta(days=1)
        except calendar.CalendarRangeError:
            yellow_day = start
        provisional = calendar.is_provisional(start, due_date)
    else:
        due_date = start + dt.timedelta(days=total + paused)
        yellow_day = due_date - dt.timedelta(days=warn - 1)
        provisional = False
    yellow_at = max(day_start(yellow_day), started_at)
    return Deadline(day_end(due_date), yellow_at, provisional, due_date, paused)


def level_at(now: dt.datetime, *, due_at: dt.datetime, yellow_at: dt.datetime) -> str:
    if now >= due_at:
        return "red"
    if now >= yellow_at:
        return "yellow"
    return "green"


def next_check(level: str, *, due_at: dt.datetime, yellow_at: dt.datetime) -> dt.datetime | None:
    return {"green": yellow_at, "yellow": due_at}.get(level)

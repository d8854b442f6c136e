"""Working days (工作日) under the official schedule, in O(1) per call.

Counting rule of Chinese practice (DOMAIN.md §1; 行政许可法 第八十二条: 期限以工作日计算，不含法定节假日): the day of
receipt is day zero; day 1 is the next working day; a limit of N working days ends at the end of the N-th
working day after the start.

The index holds, for every date in the supported range, how many working days fall on or before it
(`_upto`), and the list of working days in order (`_work`). Then

    working_days_between(a, b) = upto[b] - upto[a]          working days in (a, b]
    add_working_days(d, n)     = work[upto[d] + n - 1]       the n-th working day after d

Both are two list look-ups, whatever n. Years without a published schedule count weekends only and are
flagged provisional.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from bisect import bisect_right
from dataclasses import dataclass, field

FIRST_DATE = dt.date(2004, 1, 1)  # the first year chinese-calendar and the State Council notices cover here
LAST_DATE = dt.date(2099, 12, 31)
RECHECK_SECONDS = 5.0


class CalendarRangeError(ValueError):
    code = "DATE_OUT_OF_RANGE"

    def __init__(self, value):
        self.message = f"日期 {value} 超出支持范围（{FIRST_DATE} 至 {LAST_DATE}）"
        super().__init__(self.message)


@dataclass
class Index:
    base: int  # FIRST_DATE.toordinal()
    upto: list[int]  # upto[i]: working days on or before base + i
    work: list[int]  # ordinals of working days, ascending
    last_published_year: int
    holidays: dict[int, str] = field(default_factory=dict)  # ordinal -> festival name, for explanations
    makeup: dict[int, str] = field(default_factory=dict)  # ordinal -> festival name of a 调休 working weekend day
    version: str = ""


def build_index(
    holidays: dict[dt.date, str], makeup: dict[dt.date, str], published_years: set[int], version: str = ""
) -> Index:
    base = FIRST_DATE.toordinal()
    span = LAST_DATE.toordinal() - base + 1
    hol = {d.toordinal(): n for d, n in holidays.items()}
    mk = {d.toordinal(): n for d, n in makeup.items()}
    upto = [0] * span
    work: list[int] = []
    count = 0
    for i in range(span):
        ordinal = base + i
        weekday = (ordinal + 6) % 7  # date.fromordinal(o).weekday() without building a date
        if ordinal in mk or (weekday < 5 and ordinal not in hol):
            count += 1
            work.append(ordinal)
        upto[i] = count
    last = max(published_years) if published_years else FIRST_DATE.year - 1
    # Only a contiguous run of published years counts: a gap year is not "published" by its successor.
    contiguous = FIRST_DATE.year - 1
    while contiguous + 1 in published_years:
        contiguous += 1
    return Index(base, upto, work, min(last, contiguous), hol, mk, version)


_lock = threading.Lock()
_state: dict = {"index": None, "checked": 0.0}


def _load_from_db() -> Index:
    from .models import CalendarDay, CalendarYear

    holidays, makeup = {}, {}
    for day in CalendarDay.objects.all().only("date", "kind", "name"):
        (holidays if day.kind == CalendarDay.Kind.HOLIDAY else makeup)[day.date] = day.name
    years = set(CalendarYear.objects.values_list("year", flat=True))
    return build_index(holidays, makeup, years, version=_db_version())


def _db_version() -> str:
    from django.db.models import Count, Max

    from .models import CalendarYear

    agg = CalendarYear.objects.aggregate(n=Count("days"), last=Max("published_at"), years=Count("id", distinct=True))
    return f"{agg['years']}:{agg['n']}:{agg['last']}"


def index() -> Index:
    """The current index. Other processes' edits are noticed within RECHECK_SECONDS (one small query)."""
    state = _state
    idx = state["index"]
    now = time.monotonic()
    if idx is not None and now - state["checked"] < RECHECK_SECONDS:
        return idx
    with _lock:
        if state["index"] is None or _db_version() != state["index"].version:
            state["index"] = _load_from_db()
        state["checked"] = now
        return state["index"]


def recheck() -> None:
    """Compare with the database on the next call (rebuilding only if the table changed)."""
    _state["checked"] = 0.0


def invalidate() -> None:
    _state["index"] = None
    _state["checked"] = 0.0


def _offset(idx: Index, day: dt.date) -> int:
    i = day.toordinal() - idx.base
    if i < 0 or i >= len(idx.upto):
        raise CalendarRangeError(day)
    return i


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The date on which a limit of `n` working days counted from `start` (day zero) ends. n >= 0."""
    idx = index()
    if n == 0:
        return start
    i = start.toordinal() - idx.base  # _offset inlined: this is the hot path of every deadline
    if i < 0 or i >= len(idx.upto) or n < 0:
        raise CalendarRangeError(start if n >= 0 else f"{start} + {n}")
    k = idx.upto[i] + n - 1
    if k >= len(idx.work):
        raise CalendarRangeError(f"{start} + {n}")
    return dt.date.fromordinal(idx.work[k])


def subtract_working_days(end: dt.date, n: int) -> dt.date:
    """The working day d with working_days_between(d, end) == n (n >= 1): add_working_days(d, n) == end when
    end is a working day. From the day after d, at most n working days remain up to end, that day included."""
    idx = index()
    k = idx.upto[_offset(idx, end)] - n - 1
    if k < 0:
        raise CalendarRangeError(f"{end} - {n}")
    return dt.date.fromordinal(idx.work[k])


def working_days_between(a: dt.date, b: dt.date) -> int:
    """Working days in (a, b]: after a, up to and including b. Negative when b is before a."""
    idx = index()
    upto, base = idx.upto, idx.base
    i, j = a.toordinal() - base, b.toordinal() - base
    if i < 0 or j < 0 or i >= len(upto) or j >= len(upto):
        raise CalendarRangeError(a if i < 0 or i >= len(upto) else b)
    return upto[j] - upto[i]


def is_working_day(day: dt.date) -> bool:
    idx = index()
    i = _offset(idx, day)
    return idx.upto[i] != (idx.upto[i - 1] if i else 0)


def is_provisional(*days: dt.date) -> bool:
    """True when any of the dates lies in a year whose schedule is not published yet."""
    return max(d.year for d in days) > index().last_published_year


def last_published_year() -> int:
    return index().last_published_year


def skipped_days(start: dt.date, end: dt.date) -> list[dict]:
    """Holidays and weekend days in (start, end] that were not counted, with the festival where there is one."""
    idx = index()
    out = []
    lo, hi = _offset(idx, start) + idx.base, _offset(idx, end) + idx.base
    first = bisect_right(idx.work, lo)
    expected = lo + 1
    for ordinal in idx.work[first:]:
        if ordinal > hi:
            break
        out.extend(_rest_day(idx, o) for o in range(expected, ordinal))
        expected = ordinal + 1
    out.extend(_rest_day(idx, o) for o in range(expected, hi + 1))
    return out


def _rest_day(idx: Index, ordinal: int) -> dict:
    day = dt.date.fromordinal(ordinal)
    name = idx.holidays.get(ordinal)
    return {"date": day.isoformat(), "kind": "holiday" if name else "weekend", "name": name or "周末"}


def makeup_days(start: dt.date, end: dt.date) -> list[dict]:
    """Weekend days in (start, end] that are working days by 调休 (they count)."""
    idx = index()
    lo, hi = _offset(idx, start) + idx.base, _offset(idx, end) + idx.base
    return [
        {"date": dt.date.fromordinal(o).isoformat(), "name": n} for o, n in sorted(idx.makeup.items()) if lo < o <= hi
    ]

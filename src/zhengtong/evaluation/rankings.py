"""Monthly rankings of departments, service items and approvers (电子监察 "对部门和审批人员进行排名").

The parts that sample the public's experience are taken at the lower bound of their Wilson score interval (95 %),
so a handful of perfect cases cannot outrank hundreds of nearly perfect ones: three of three is 43.9, while 290 of
300 is 94.0. They are

- 满意率: ratings 满意 or 非常满意, of the month's counted ratings (an appeal upheld takes a rating out);
- 按期办结率: limits finished on time, of those finished in the month plus those running past their due time
  (open overdue work counts against it, as on the dashboard; windows and the follow-ups' own clocks are left
  out);

and, as plain rates (duties, not opinions sampled),

- 时限节约率: the share of the committed time not used by the limits finished in the month (time used against the
  committed limit, the month's finished limits together: finishing in one day of five saves 80 %, using all five
  saves none);
- 差评按期整改率: 差评 rectified on time, of the month's 差评 whose follow-up is finished or overdue (100 when none
  is).

Weighted by `EVALUATION_WEIGHTS` (summing to 100) over the parts a row has data for, and banded by
`EVALUATION_BANDS`; the mean score (1–5) and the counts are shown beside it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone

from zhengtong.core.errors import refuse
from zhengtong.supervision.models import OPEN, Clock, Level, Outcome

from . import errors
from .followup import SUBJECT as FOLLOW_UP
from .models import BAD_SCORES, GOOD_SCORES, FollowUp, Rating

Z = 1.959964  # 95 %
PARTS = ("satisfaction", "on_time", "time_used", "rectified")
KEYS = {
    # dimension: (the rating's column, the clock's column)
    "department": ("department_id", "department_id"),
    "item": ("item_code", "item_code"),
    "staff": ("staff_id", "assignee_id"),
}


def wilson(successes: int, n: int) -> tuple[float, float] | None:
    """The 95 % Wilson score interval of successes/n, in percent (one decimal); None without cases."""
    if n <= 0:
        return None
    p = successes / n
    z2 = Z * Z
    centre = p + z2 / (2 * n)
    spread = Z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    denominator = 1 + z2 / n
    return round(100 * (centre - spread) / denominator, 1), round(100 * (centre + spread) / denominator, 1)


def weights() -> dict[str, int]:
    configured = dict(settings.EVALUATION_WEIGHTS)
    total = sum(configured.values())
    if total != 100 or set(configured) != set(PARTS):
        raise refuse(errors.WEIGHTS, total=total)
    return configured


def band(score: float | None) -> str:
    if score is None:
        return "—"
    for floor, name in settings.EVALUATION_BANDS:
        if score >= floor:
            return name
    return "不合格"


@dataclass
class Part:
    successes: int = 0
    n: int = 0

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson(self.successes, self.n)

    @property
    def rate(self) -> float | None:
        return round(100 * self.successes / self.n, 1) if self.n else None


@dataclass
class Share:
    """Time used of the time allowed, over a row's limits finished in the month (seconds, started to stopped and
    started to due)."""

    used: float = 0.0
    allowed: float = 0.0

    @property
    def ratio(self) -> float | None:
        return self.used / self.allowed if self.allowed > 0 else None

    @property
    def saved(self) -> float | None:
        """时限节约率, in percent: the committed time not used (none when more than all of it was)."""
        return None if self.ratio is None else round(100 * max(0.0, 1 - self.ratio), 1)

    @property
    def used_percent(self) -> float | None:
        return None if self.ratio is None else round(100 * self.ratio, 1)


@dataclass
class Row:
    key: object
    name: str = ""
    ratings: int = 0
    score_total: int = 0
    bad: int = 0
    satisfaction: Part = field(default_factory=Part)
    on_time: Part = field(default_factory=Part)
    time_used: Share = field(default_factory=Share)
    rectified: Part = field(default_factory=Part)
    score: float | None = None
    band: str = "—"
    rank: int | None = None

    @property
    def mean(self) -> float | None:
        return round(self.score_total / self.ratings, 2) if self.ratings else None

    @property
    def bad_rate(self) -> float | None:
        return round(100 * self.bad / self.ratings, 1) if self.ratings else None


def parse_month(value: str | None) -> dt.date | None:
    """ "2026-11" → 2026-11-01; None for anything else, or a year outside 2000–2099."""
    try:
        month = dt.datetime.strptime(value or "", "%Y-%m").date()
    except ValueError:
        return None
    return month if 2000 <= month.year <= 2099 else None


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    to_dt = lambda d: timezone.make_aware(dt.datetime.combine(d, dt.time.min))  # noqa: E731
    return to_dt(first), to_dt(following)


def counts(*, month: dt.date, by: str, ratings=None, clocks=None, now: dt.datetime | None = None) -> list[Row]:
    """The month's counts for one dimension (see `count_all`)."""
    return count_all(month=month, ratings=ratings, clocks=clocks, now=now)[by]


def count_all(*, month: dt.date, ratings=None, clocks=None, now: dt.datetime | None = None) -> dict[str, list[Row]]:
    """The month's counts for every dimension at once (see `count_parts`), each key's parts added up."""
    return {
        by: fold(parts.values())
        for by, parts in count_parts(month=month, ratings=ratings, clocks=clocks, now=now).items()
    }


def count_parts(
    *, month: dt.date, ratings=None, clocks=None, now: dt.datetime | None = None
) -> dict[str, dict[tuple[int | None, object], Row]]:
    """The month's counts for every dimension, each key's split by the department its ratings and clocks belong
    to (a viewer's data scope is a set of departments: the stored counts summed over his equal a count over
    them, tallies.stored_rankings). Read from the ratings, follow-ups and clocks: each source is read once,
    grouped by department, item and approver together, and folded here into the three tables (one pass over the
    month's clocks instead of one per dimension). `ratings` and `clocks` narrow what is read; by default
    everything. A row without a key (a case with no approver on record) ranks no one."""
    start, end = month_bounds(month)
    now = now or timezone.now()
    tables: dict[str, dict[tuple[int | None, object], Row]] = {by: {} for by in KEYS}
    department_column = KEYS["department"]

    def rows_for(group: dict, prefix: str = "", clock: bool = False):
        department = group[prefix + department_column[1 if clock else 0]]
        for by, (rating_key, clock_key) in KEYS.items():
            key = group[prefix + (clock_key if clock else rating_key)]
            if key not in (None, ""):
                yield tables[by].setdefault((department, key), Row(key=key))

    month_ratings = (ratings if ratings is not None else Rating.objects.all()).filter(
        at__gte=start, at__lt=end, counted=True
    )
    rating_keys = [rating_key for rating_key, _clock_key in KEYS.values()]
    for group in month_ratings.values(*rating_keys).annotate(
        n=Count("pk"),
        total=Sum("score"),
        good=Count("pk", filter=Q(score__in=GOOD_SCORES)),
        bad=Count("pk", filter=Q(score__in=BAD_SCORES)),
    ):
        for target in rows_for(group):
            target.ratings += group["n"]
            target.score_total += group["total"]
            target.bad += group["bad"]
            target.satisfaction = Part(target.satisfaction.successes + group["good"], target.ratings)

    # Open follow-ups past their time: few (each is a fault), so read as ids rather than joined as text.
    overdue_follow_ups = [
        int(i)
        for i in Clock.objects.filter(OPEN, subject_type=FOLLOW_UP, level=Level.RED).values_list(
            "subject_id", flat=True
        )
    ]
    for group in (
        FollowUp.objects.filter(rating__in=month_ratings.filter(score__in=BAD_SCORES))
        .filter(Q(state=FollowUp.State.DONE) | Q(pk__in=overdue_follow_ups))
        .values(*(f"rating__{k}" for k in rating_keys))
        .annotate(n=Count("pk"), ok=Count("pk", filter=Q(rectified_on_time=True)))
    ):
        for target in rows_for(group, prefix="rating__"):
            target.rectified = Part(target.rectified.successes + group["ok"], target.rectified.n + group["n"])

    month_clocks = (
        (clocks if clocks is not None else Clock.objects.all()).filter(window=False).exclude(subject_type=FOLLOW_UP)
    )
    finished = Q(stopped_at__gte=start, stopped_at__lt=end, outcome__in=(Outcome.ON_TIME, Outcome.LATE))
    # Past its due time and running: a paused clock (补正, 征求意见) keeps its old due time until it resumes.
    overdue = OPEN & Q(paused_since__isnull=True, due_at__gte=start, due_at__lt=min(end, now))
    span = lambda end_field: ExpressionWrapper(F(end_field) - F("started_at"), output_field=DurationField())  # noqa: E731
    for group in (
        month_clocks.filter(finished | overdue)
        .values(*(clock_key for _rating_key, clock_key in KEYS.values()))
        .annotate(
            n=Count("pk"),
            ok=Count("pk", filter=Q(outcome=Outcome.ON_TIME)),
            used=Sum(span("stopped_at"), filter=finished),
            allowed=Sum(span("due_at"), filter=finished),
        )
    ):
        used, allowed = _seconds(group["used"]), _seconds(group["allowed"])
        for target in rows_for(group, clock=True):
            target.on_time = Part(target.on_time.successes + group["ok"], target.on_time.n + group["n"])
            target.time_used = Share(target.time_used.used + used, target.time_used.allowed + allowed)
    return tables


def fold(parts) -> list[Row]:
    """Rows of the same key added up (a key's parts in several departments), in the order first met."""
    rows: dict[object, Row] = {}
    for part in parts:
        row = rows.setdefault(part.key, Row(key=part.key))
        row.ratings += part.ratings
        row.score_total += part.score_total
        row.bad += part.bad
        row.satisfaction = Part(row.satisfaction.successes + part.satisfaction.successes, row.ratings)
        row.on_time = Part(row.on_time.successes + part.on_time.successes, row.on_time.n + part.on_time.n)
        row.rectified = Part(row.rectified.successes + part.rectified.successes, row.rectified.n + part.rectified.n)
        row.time_used = Share(row.time_used.used + part.time_used.used, row.time_used.allowed + part.time_used.allowed)
    return list(rows.values())


def _seconds(duration) -> float:
    """A summed duration as seconds: a timedelta, or microseconds where the database sums them as integers."""
    if duration is None:
        return 0.0
    return duration.total_seconds() if isinstance(duration, dt.timedelta) else duration / 1e6


def scored(rows: list[Row]) -> list[Row]:
    """Each rated row's score, band and rank from its counts, best first. A row no one rated this month is not
    ranked (its on-time figures are the dashboard's); one rated fewer than `EVALUATION_MIN_RATINGS` times is ranked
    by its (cautious) score but given no band: too few to call a department 不合格 in public."""
    parts = weights()
    rows = [r for r in rows if r.ratings]
    for target in rows:
        got = {
            name: part.interval[0]
            for name, part in (("satisfaction", target.satisfaction), ("on_time", target.on_time))
            if part.interval is not None
        }
        if target.time_used.saved is not None:
            got["time_used"] = target.time_used.saved
        # Rectification is a duty, not a sample of opinion: its plain rate, and nothing judged yet is nothing
        # failed. At its Wilson bound one 差评 fixed on time (20.7) would score below one not yet due.
        got["rectified"] = target.rectified.rate if target.rectified.n else 100.0
        weight = sum(parts[name] for name in got)
        target.score = round(sum(parts[name] * value for name, value in got.items()) / weight, 1) if weight else None
        target.band = band(target.score) if target.ratings >= settings.EVALUATION_MIN_RATINGS else "样本不足"
    ordered = sorted(rows, key=lambda r: (r.score is None, -(r.score or 0), -r.ratings))
    for i, target in enumerate(ordered):
        same = i and ordered[i - 1].score == target.score
        target.rank = ordered[i - 1].rank if same else i + 1
    return ordered


def rankings(*, month: dt.date, by: str, ratings=None, clocks=None, now: dt.datetime | None = None) -> list[Row]:
    """The month's rows for one dimension, counted now from the cases (the workbench's scoped view, the refresh)."""
    return scored(counts(month=month, by=by, ratings=ratings, clocks=clocks, now=now))

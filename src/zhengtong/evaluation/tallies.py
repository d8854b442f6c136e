"""The months' rankings as stored counts. Counting a month reads every rating, follow-up and clock of it
(rankings.counts); the public page and the API, read by anyone at any rate, read the stored counts instead, which
a periodic task refreshes (every ten minutes for the current month, and the previous one in the month's first
days, while late follow-ups and clocks can still change it)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from zhengtong.audit.services import audit_record

from .models import Tally, TallyMonth
from .rankings import Part, Row, Share, count_parts, fold, scored


@transaction.atomic
def refresh(month: dt.date, *, now: dt.datetime | None = None) -> TallyMonth:
    """Count the month again and replace its stored counts, in one transaction (a reader sees the old counts or
    the new, never half). Each key's counts are kept per department (rankings.count_parts), so that a member of
    staff's data scope sums its departments' rows."""
    month, now = month.replace(day=1), now or timezone.now()
    stored, _created = TallyMonth.objects.update_or_create(
        month=month, defaults={"refreshed_at": now, "by_department": True}
    )
    stored.tallies.all().delete()
    rows = []
    for by, parts in count_parts(month=month, now=now).items():
        for (department, _key), r in parts.items():
            rows.append(
                Tally(
                    month=stored,
                    by=by,
                    key=str(r.key),
                    department_id=department,
                    ratings=r.ratings,
                    score_total=r.score_total,
                    good=r.satisfaction.successes,
                    bad=r.bad,
                    on_time=r.on_time.successes,
                    due=r.on_time.n,
                    rectified_on_time=r.rectified.successes,
                    rectified_judged=r.rectified.n,
                    time_used=r.time_used.used,
                    time_allowed=r.time_used.allowed,
                )
            )
    Tally.objects.bulk_create(rows, batch_size=2000)
    audit_record(action="evaluation.tallies.refresh", obj=stored, changes={"rows": [None, len(rows)]})
    return stored


def stored_rankings(month: dt.date, by: str, *, departments=None) -> list[Row]:
    """The month's rows for one dimension from its stored counts, scored and ranked; none if never counted.
    `departments`: only their parts (a viewer's data scope, `scope_departments`); by default all."""
    tallies = Tally.objects.filter(month_id=month.replace(day=1), by=by)
    if departments is not None:
        tallies = tallies.filter(department_id__in=departments)
    parts = (
        Row(
            key=int(t.key) if by != "item" else t.key,
            ratings=t.ratings,
            score_total=t.score_total,
            bad=t.bad,
            satisfaction=Part(t.good, t.ratings),
            on_time=Part(t.on_time, t.due),
            rectified=Part(t.rectified_on_time, t.rectified_judged),
            time_used=Share(t.time_used, t.time_allowed),
        )
        for t in tallies.order_by("pk")
    )
    return scored(fold(parts))


def months_to_refresh(today: dt.date) -> list[dt.date]:
    """The current month, and in its first five days the previous one too."""
    current = today.replace(day=1)
    months = [current]
    if today.day <= 5:
        months.append((current - dt.timedelta(days=1)).replace(day=1))
    return months

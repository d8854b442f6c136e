"""按期办结率 counts the work still open past its limit as late (GB/T 44189-2024 的“按期办结率”; issue 23 item 8): a
department that sits on an overdue letter must not look better than one that replied late. The supervision
dashboard and the letters' monthly summary compute the rate by one rule (supervision.rates)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhengtong.letters import selectors, services
from zhengtong.supervision.models import Clock, Level
from zhengtong.supervision.rates import on_time_rate

from .test_history import _row


def test_the_rule_counts_open_overdue_work_as_not_on_time():
    assert on_time_rate(on_time=1, late=0, overdue=1) == 50.0
    assert on_time_rate(on_time=3, late=1, overdue=0) == 75.0
    assert on_time_rate(on_time=0, late=0, overdue=0) is None


def test_the_monthly_summary_counts_an_open_overdue_letter(hotline, district):
    (done,) = services.letters_import(rows=[_row(district)], by=hotline["operator"])
    started = timezone.make_aware(dt.datetime(2026, 3, 5, 9))
    Clock.objects.create(
        subject_type="letters.letter",
        subject_id="999999",
        stage="handle",
        department=district["A"],
        limit=7,
        started_at=started,
        due_at=started + dt.timedelta(days=7),
        yellow_at=started + dt.timedelta(days=6),
        level=Level.RED,
    )
    row = selectors.monthly(dt.date(2026, 3, 1)).rows[0]
    assert (row.on_time, row.late, row.overdue) == (1, 0, 1)
    assert row.on_time_rate == 50.0


def test_a_past_months_report_is_counted_once_an_hour_and_this_months_once_a_minute(db, monkeypatch):
    """Issue 26: the staff's statistics show six months' trend on every view; a past month is counted once an hour
    (shared cache), this month once a minute: counted on each view, it grew with the table (decision 0020)."""
    import datetime as dt

    from django.utils import timezone

    from zhengtong.letters import selectors

    counted = []
    original = selectors.count_month
    monkeypatch.setattr(selectors, "count_month", lambda month: counted.append(month) or original(month))
    this_month = timezone.localdate().replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    for _ in range(2):
        selectors.monthly(last_month), selectors.monthly(this_month)
    assert counted == [last_month, this_month]
    assert selectors.THIS_MONTH_TTL <= 60 < selectors.PAST_MONTH_TTL

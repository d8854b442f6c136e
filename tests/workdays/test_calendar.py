"""Working days under the official schedules (DOMAIN §1): day zero is the day of receipt; a limit of N working
days ends with the N-th working day after it (行政许可法 第八十二条: 法定节假日不计)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhengtong.workdays import calendar as cal
from zhengtong.workdays.models import CalendarYear

D = dt.date


@pytest.fixture(autouse=True)
def _fresh(db):
    cal.invalidate()


# 国务院办公厅关于2026年部分节假日安排的通知: make-up working days 01-04, 02-14, 02-28, 05-09, 09-20, 10-10.
@pytest.mark.parametrize(
    "day", [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)]
)
def test_every_2026_make_up_weekend_day_is_a_working_day(day):
    assert day.weekday() >= 5 and cal.is_working_day(day)


def test_2026_spring_festival_is_skipped():
    # 春节: 2月15日至23日放假调休，共9天; 2月14日（周六）上班.
    assert cal.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert cal.add_working_days(D(2026, 2, 13), 2) == D(2026, 2, 24)
    assert all(not cal.is_working_day(D(2026, 2, d)) for d in range(15, 24))


def test_2026_national_day_is_skipped():
    # 国庆节: 10月1日至7日放假调休，共7天; 9月20日（周日）、10月10日（周六）上班.
    assert cal.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert cal.working_days_between(D(2026, 9, 30), D(2026, 10, 10)) == 3  # 8, 9, 10


def test_2025_schedule():
    # 2025: 春节 1.28-2.4 (1.26周日、2.8周六上班); 劳动节 5.1-5.5 (4.27上班); 国庆中秋 10.1-10.8 (9.28、10.11上班).
    assert cal.add_working_days(D(2025, 1, 27), 1) == D(2025, 2, 5)
    assert cal.is_working_day(D(2025, 1, 26)) and cal.is_working_day(D(2025, 2, 8))
    assert cal.add_working_days(D(2025, 4, 30), 1) == D(2025, 5, 6)
    assert cal.add_working_days(D(2025, 9, 30), 1) == D(2025, 10, 9)
    assert cal.is_working_day(D(2025, 10, 11))
    assert cal.working_days_between(D(2024, 12, 31), D(2025, 12, 31)) == 248


def test_day_zero_rule():
    # Received on Monday 2026-03-02: day 1 is Tuesday; 5 working days end on Monday 2026-03-09.
    assert cal.add_working_days(D(2026, 3, 2), 1) == D(2026, 3, 3)
    assert cal.add_working_days(D(2026, 3, 2), 5) == D(2026, 3, 9)
    # Received on a Saturday: day 1 is Monday.
    assert cal.add_working_days(D(2026, 3, 7), 1) == D(2026, 3, 9)
    assert cal.add_working_days(D(2026, 3, 2), 0) == D(2026, 3, 2)


def test_year_boundary():
    # 2025-12-31 (Wed) + 1: 2026-01-01..03 元旦; 01-04 (Sunday) is a make-up working day.
    assert cal.add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 4)
    assert cal.working_days_between(D(2025, 12, 30), D(2026, 1, 5)) == 3  # 12-31, 01-04, 01-05


def test_an_unpublished_year_is_provisional_weekends_only():
    assert cal.last_published_year() == 2026
    assert not cal.is_provisional(D(2026, 12, 1))
    assert cal.is_provisional(D(2027, 1, 4))
    # 2027-01-01 is a Friday: without the notice it counts as a working day, provisionally.
    assert cal.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 1)


def test_a_gap_year_does_not_make_later_years_official():
    CalendarYear.objects.create(year=2028, notice="测试")
    cal.invalidate()
    assert cal.last_published_year() == 2026


def test_dates_outside_the_range_raise_a_coded_error():
    with pytest.raises(cal.CalendarRangeError) as info:
        cal.add_working_days(D(2003, 12, 31), 1)
    assert info.value.code == "DATE_OUT_OF_RANGE"
    with pytest.raises(cal.CalendarRangeError):
        cal.add_working_days(D(2099, 12, 30), 5)
    with pytest.raises(cal.CalendarRangeError):
        cal.add_working_days(D(2026, 1, 5), -1)


def test_skipped_days_name_the_festival():
    skipped = cal.skipped_days(D(2026, 9, 30), D(2026, 10, 8))
    assert [d["date"] for d in skipped] == [f"2026-10-0{i}" for i in range(1, 8)]
    assert {d["name"] for d in skipped} == {"国庆节"}


dates = st.dates(min_value=D(2004, 1, 1), max_value=D(2090, 12, 31))


@settings(max_examples=300, deadline=None)
@given(dates, st.integers(0, 400))
def test_between_inverts_add(start, n):
    assert cal.working_days_between(start, cal.add_working_days(start, n)) == n


@settings(max_examples=300, deadline=None)
@given(dates, st.integers(0, 400), st.integers(0, 400))
def test_add_is_monotonic_in_n(start, m, n):
    if m <= n:
        assert cal.add_working_days(start, m) <= cal.add_working_days(start, n)


@settings(max_examples=300, deadline=None)
@given(dates, dates)
def test_later_start_never_gives_an_earlier_due(a, b):
    if a <= b:
        assert cal.add_working_days(a, 10) <= cal.add_working_days(b, 10)


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(1, 400))
def test_the_due_date_is_always_a_working_day(start, n):
    assert cal.is_working_day(cal.add_working_days(start, n))


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(1, 60))
def test_the_index_agrees_with_a_day_by_day_count(start, n):
    day, counted = start, 0
    while counted < n:
        day += dt.timedelta(days=1)
        counted += cal.is_working_day(day)
    assert cal.add_working_days(start, n) == day


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(2004, 3, 1), max_value=D(2090, 12, 31)), st.integers(1, 400))
def test_subtract_inverts_add(start, n):
    due = cal.add_working_days(start, n)
    back = cal.subtract_working_days(due, n)
    assert cal.is_working_day(back) and cal.add_working_days(back, n) == due

"""Deadline-clock benchmark on PostgreSQL (issue: the electronic supervision engine).

    .venv/bin/python benchmarks/clock_bench.py [--clocks 1000000]

Prints, each against a floor measured in the same run:
  1. the cost of one working-day call against a naive day-by-day loop over the same holiday table;
  2. the periodic scan with no level change, and with 1% of the clocks changing level;
  3. the dashboard queries (counts per department; one department's drill-down; one user's to-do list).
Targets: <= 1 us per call; scan <= 50 ms with no change and <= 1 s with 1% changing at 1M open clocks;
dashboard counts <= 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
import timeit

from _setup import fresh_postgres, ms, timed


def working_day_calls() -> None:
    from zhengtong.workdays import calendar
    from zhengtong.workdays.models import CalendarDay

    idx = calendar.index()
    holidays = set(CalendarDay.objects.filter(kind="holiday").values_list("date", flat=True))
    makeup = set(CalendarDay.objects.filter(kind="workday").values_list("date", flat=True))

    def naive_add(start: dt.date, n: int) -> dt.date:
        day, counted = start, 0
        while counted < n:
            day += dt.timedelta(days=1)
            if day in makeup or (day.weekday() < 5 and day not in holidays):
                counted += 1
        return day

    rng = random.Random(1)
    cases = [
        (dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(2000)), rng.choice([5, 10, 20, 45])) for _ in range(2000)
    ]
    assert all(naive_add(s, n) == calendar.add_working_days(s, n) for s, n in cases[:500]), (
        "index disagrees with the loop"
    )
    number = 200
    t_index = min(timeit.repeat(lambda: [calendar.add_working_days(s, n) for s, n in cases], number=number, repeat=3))
    t_naive = min(timeit.repeat(lambda: [naive_add(s, n) for s, n in cases], number=10, repeat=3))
    spans = [(s, s + dt.timedelta(days=n)) for s, n in cases]  # built once: time the call, not the date arithmetic
    t_between = min(
        timeit.repeat(lambda: [calendar.working_days_between(a, b) for a, b in spans], number=number, repeat=3)
    )
    per_index = t_index / (number * len(cases)) * 1e6
    per_naive = t_naive / (10 * len(cases)) * 1e6
    per_between = t_between / (number * len(cases)) * 1e6
    print(
        f"working-day call: add_working_days {per_index:.2f} us, working_days_between {per_between:.2f} us; "
        f"naive day-by-day loop {per_naive:.2f} us (limits 5-45 working days) -> {per_naive / per_index:.1f}x faster "
        f"[target <= 1 us]"
    )
    print(f"  (index: {len(idx.upto):,} days, {len(idx.work):,} working days, published to {idx.last_published_year})")


def load_clocks(count: int, now: dt.datetime) -> list[int]:
    from django.db import connection

    from zhengtong.org.models import Department, Membership
    from zhengtong.org.services import department_create, staff_onboard

    root = department_create(parent=None, code="B", name="基准区", kind="region")
    departments = [
        department_create(parent=root, code=f"B{i:02d}", name=f"基准部门{i:02d}", kind="department") for i in range(50)
    ]
    for i, d in enumerate(departments):
        staff_onboard(username=f"head{i:02d}", real_name=f"负责人{i:02d}", department=d, is_head=True)
    assert Membership.objects.filter(is_head=True).count() == 50
    ids = [d.pk for d in Department.objects.filter(code__startswith="B").exclude(code="B")]
    rng = random.Random(7)
    columns = (
        "subject_type",
        "subject_id",
        "subject_label",
        "stage",
        "stage_label",
        "whole",
        "item_code",
        "department_id",
        "limit",
        "unit",
        "extension_total",
        "started_at",
        "due_at",
        "yellow_at",
        "next_check_at",
        "outcome",
        "level",
        "provisional",
        "created_at",
    )
    t = time.perf_counter()
    with connection.cursor() as cursor:
        quoted = ", ".join(f'"{c}"' for c in columns)  # "limit" is a reserved word
        with cursor.cursor.copy(f"COPY supervision_clock ({quoted}) FROM STDIN") as copy:
            for n in range(count):
                started = now - dt.timedelta(hours=rng.randrange(0, 24 * 10))
                due = now + dt.timedelta(hours=rng.randrange(24 * 3, 24 * 40))  # none changes level at `now`
                yellow = due - dt.timedelta(days=2)
                copy.write_row(
                    (
                        "bench.case",
                        str(n),
                        f"基准办件{n}",
                        "review",
                        "审查",
                        False,
                        "",
                        ids[n % len(ids)],
                        20,
                        "working_days",
                        0,
                        started,
                        due,
                        yellow,
                        yellow,
                        "",
                        "green",
                        False,
                        now,
                    )
                )
    print(f"loaded {count:,} open clocks with COPY in {time.perf_counter() - t:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE supervision_clock")
        cursor.execute("SELECT min(id), max(id) FROM supervision_clock")
        lo, hi = cursor.fetchone()
    return [lo, hi]


def scans(now: dt.datetime, count: int, id_range: list[int]) -> None:
    from django.db import connection

    from zhengtong.supervision.scan import scan

    none_median, none_max = timed(lambda: scan(now=now), repeat=7)
    changing = max(1, count // 100)
    rng = random.Random(3)
    sample = rng.sample(range(id_range[0], id_range[1] + 1), changing)

    def arm():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE supervision_clock SET level = 'green', yellow_at = %s, next_check_at = %s WHERE id = ANY(%s)",
                [now - dt.timedelta(minutes=1), now - dt.timedelta(minutes=1), sample],
            )
            cursor.execute("DELETE FROM supervision_alert")
            cursor.execute("DELETE FROM notifications_message")

    runs = []
    for _ in range(3):
        arm()
        t = time.perf_counter()
        result = scan(now=now)
        runs.append(time.perf_counter() - t)
        assert result["yellow"] == changing, result
    one = sorted(runs)[1]
    print(
        f"scan, no level change: median {ms(none_median)} (max {ms(none_max)}) "
        f"at {count:,} open clocks [target <= 50 ms]"
    )
    print(
        f"scan, {changing:,} clocks (1%) turning yellow, alerts and notices written: median {ms(one)} "
        f"-> {one / none_median:.0f}x the no-change scan, {one / changing * 1e6:.0f} us per change [target <= 1 s]"
    )


def dashboard(count: int) -> None:
    from zhengtong.org.models import Department, Role
    from zhengtong.org.services import role_grant, staff_onboard
    from zhengtong.supervision import selectors
    from zhengtong.supervision.models import Clock

    dept = Department.objects.get(code="B07")
    supervisor = staff_onboard(username="jc", real_name="监察员", department=dept)
    role_grant(user=supervisor, role=Role.objects.create(code="all", name="全部", data_scope="all", supervises=True))
    head = staff_onboard(username="bz", real_name="部门负责人", department=dept)
    role_grant(
        user=head, role=Role.objects.create(code="dept", name="本部门", data_scope="department", supervises=True)
    )
    floor, _ = timed(lambda: Clock.objects.filter(department=dept, stopped_at__isnull=True).exists(), repeat=7)
    all_counts, all_max = timed(lambda: selectors.department_counts(selectors.visible_clocks(supervisor)), repeat=3)
    dept_counts, _ = timed(lambda: selectors.department_counts(selectors.visible_clocks(head)), repeat=5)
    drill, _ = timed(
        lambda: list(
            selectors.visible_clocks(head).filter(level="red", stopped_at__isnull=True).order_by("due_at")[:50]
        ),
        repeat=5,
    )
    todo, _ = timed(lambda: list(selectors.my_open_clocks(head)), repeat=5)
    print(
        f"dashboard counts, all {count:,} clocks by department: median {ms(all_counts)} "
        f"(max {ms(all_max)}) [target <= 1 s]"
    )
    print(
        f"dashboard counts, one department's scope: {ms(dept_counts)}; drill-down page: {ms(drill)}; "
        f"to-do list: {ms(todo)}; floor (one indexed exists()): {ms(floor)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clocks", type=int, default=1_000_000)
    args = parser.parse_args()
    fresh_postgres("zt_bench_clock")
    from django.utils import timezone

    from zhengtong.audit.context import Actor, acting_as

    with acting_as(Actor(name="benchmark")):
        working_day_calls()
        now = timezone.now()
        id_range = load_clocks(args.clocks, now)
        scans(now, args.clocks, id_range)
        dashboard(args.clocks)


if __name__ == "__main__":
    main()

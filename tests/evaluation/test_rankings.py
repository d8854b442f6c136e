"""Rankings (电子监察 "对部门和审批人员进行排名"; issue 24 item 5) against a hand count: Wilson lower bounds so three
perfect cases do not top three hundred nearly perfect ones, open overdue work counted against the on-time rate,
upheld appeals left out, weights that do not sum to 100 refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhengtong.core.errors import InvalidInput
from zhengtong.evaluation.models import Channel, FollowUp, Invitation, Rating
from zhengtong.evaluation.rankings import band, rankings, wilson
from zhengtong.supervision.services import clock_start, clock_stop

MONTH = dt.date(2026, 11, 1)
IN_MONTH = timezone.make_aware(dt.datetime(2026, 11, 10, 10))


def _ratings(department, scores, *, item="330206-XK-0001", staff=None, counted=True):
    made = []
    for score in scores:
        n = Invitation.objects.count()
        invitation = Invitation.objects.create(
            subject_type="test.case",
            subject_id=str(n),
            subject_label=f"件{n}",
            department=department,
            staff=staff,
            item_code=item,
            item_name="食品经营许可",
            concluded_at=IN_MONTH,
            expires_at=IN_MONTH + dt.timedelta(days=15),
        )
        made.append(
            Rating.objects.create(
                invitation=invitation,
                score=score,
                channel=Channel.CASE_PAGE,
                at=IN_MONTH,
                department=department,
                staff=staff,
                item_code=item,
                counted=counted,
            )
        )
    return made


def _clock(department, *, late: bool | None, n: int, stop: dt.datetime | None = None):
    """A 5-working-day limit started on 2 November: stopped on time, stopped late, or (None) still open; or
    stopped at `stop`."""
    clock = clock_start(
        subject_type="test.case",
        subject_id=str(n),
        stage="handle",
        department=department,
        limit=5,
        started_at=timezone.make_aware(dt.datetime(2026, 11, 2, 9)),
    )
    if stop is not None:
        clock_stop(clock=clock, at=stop)
    elif late is not None:
        at = clock.due_at + (dt.timedelta(days=1) if late else -dt.timedelta(days=1))
        clock_stop(clock=clock, at=at)
    return clock


def test_three_perfect_ratings_do_not_top_three_hundred_nearly_perfect_ones(district, settings):
    w = settings.EVALUATION_WEIGHTS
    _ratings(district["A"], [5] * 290 + [3] * 10)
    _ratings(district["B"], [5, 5, 5])
    first, second = rankings(month=MONTH, by="department", now=IN_MONTH)
    # no 差评 to rectify: that part is whole (100); no clocks: the on-time and time-used parts have no data and are
    # left out
    assert (first.key, first.satisfaction.interval, first.band) == (district["A"].pk, (94.0, 98.2), "优秀")
    only = w["satisfaction"] + w["rectified"]
    assert first.score == round((w["satisfaction"] * 94.0 + w["rectified"] * 100) / only, 1)
    assert (second.key, second.satisfaction.interval, second.band) == (district["B"].pk, (43.9, 100.0), "样本不足")
    assert second.score == round((w["satisfaction"] * 43.9 + w["rectified"] * 100) / only, 1)
    assert (first.ratings, first.mean, first.bad) == (300, round((290 * 5 + 30) / 300, 2), 0)


def test_on_time_counts_open_overdue_work_and_weights_combine_the_parts(district, settings):
    w = settings.EVALUATION_WEIGHTS
    _ratings(district["A"], [5] * 290 + [3] * 10)
    clocks = [_clock(district["A"], late=False, n=n) for n in range(8)]
    clocks.append(_clock(district["A"], late=True, n=8))
    _clock(district["A"], late=None, n=9)  # open, due 9 November: overdue by the 30th
    [row] = rankings(month=MONTH, by="department", now=timezone.make_aware(dt.datetime(2026, 11, 30, 12)))
    assert (row.on_time.successes, row.on_time.n) == (8, 10)
    for clock in clocks:
        clock.refresh_from_db()
    used = sum((c.stopped_at - c.started_at).total_seconds() for c in clocks)
    allowed = sum((c.due_at - c.started_at).total_seconds() for c in clocks)
    assert row.time_used.ratio == pytest.approx(used / allowed)
    saved = round(100 * (1 - used / allowed), 1)
    # no 差评: nothing failed to fix
    parts = w["satisfaction"] * 94.0 + w["on_time"] * wilson(8, 10)[0] + w["time_used"] * saved + w["rectified"] * 100
    assert row.score == round(parts / 100, 1) and row.band == "合格"


def test_time_used_against_the_committed_limit_ranks_the_quicker_department_first(district):
    """Issue 24 item 5: "time used against the committed limit" is a part of the score. Both departments finish
    everything on time; A uses a day of each five-day limit, B nearly all of it."""
    start = timezone.make_aware(dt.datetime(2026, 11, 2, 9))
    for n in range(5):
        _clock(district["A"], late=None, n=n, stop=start + dt.timedelta(days=1))
        _clock(district["B"], late=None, n=10 + n, stop=start + dt.timedelta(days=6))
    _ratings(district["A"], [5] * 30)
    _ratings(district["B"], [5] * 30)
    a, b = rankings(month=MONTH, by="department", now=timezone.make_aware(dt.datetime(2026, 11, 30, 12)))
    assert (a.key, b.key) == (district["A"].pk, district["B"].pk)
    assert a.on_time.rate == b.on_time.rate == 100.0
    assert a.time_used.ratio < 0.3 < 0.7 < b.time_used.ratio < 1 and a.score > b.score


def test_bad_ratings_rectified_on_time_and_upheld_appeals_left_out(district, settings):
    done, waiting, _good = _ratings(district["A"], [1, 2, 5])
    FollowUp.objects.create(rating=done, state=FollowUp.State.DONE, rectified_on_time=True)
    FollowUp.objects.create(rating=waiting, state=FollowUp.State.VERIFYING)  # within its time: not yet judged
    _ratings(district["A"], [1], counted=False)  # an appeal upheld
    [row] = rankings(month=MONTH, by="department", now=IN_MONTH)
    assert (row.ratings, row.bad, row.satisfaction.successes) == (3, 2, 1)
    assert (row.rectified.successes, row.rectified.n) == (1, 1)
    w = settings.EVALUATION_WEIGHTS  # rectification: its plain rate, 1 of 1
    expected = round(
        (w["satisfaction"] * wilson(1, 3)[0] + w["rectified"] * 100.0) / (w["satisfaction"] + w["rectified"]), 1
    )
    assert row.score == expected


def test_items_and_approvers_are_ranked_alike(district, lisi, wangwu):
    _ratings(district["A"], [5] * 20, staff=lisi)
    _ratings(district["B"], [5] * 5 + [2] * 5, staff=wangwu, item="330206-XK-0002")
    by_staff = rankings(month=MONTH, by="staff", now=IN_MONTH)
    assert [r.key for r in by_staff] == [lisi.pk, wangwu.pk]
    assert [r.key for r in rankings(month=MONTH, by="item", now=IN_MONTH)] == ["330206-XK-0001", "330206-XK-0002"]


def test_other_months_are_not_counted(district):
    _ratings(district["A"], [5])
    assert rankings(month=dt.date(2026, 10, 1), by="department", now=IN_MONTH) == []


def test_weights_that_do_not_sum_to_100_are_refused(district, settings):
    settings.EVALUATION_WEIGHTS = {"satisfaction": 50, "on_time": 30, "time_used": 10, "rectified": 20}
    with pytest.raises(InvalidInput) as caught:
        rankings(month=MONTH, by="department")
    assert caught.value.code == "EVALUATION_WEIGHTS"


def test_the_site_does_not_start_with_weights_that_do_not_sum_to_100(settings):
    from zhengtong.evaluation.checks import ranking_weights

    assert ranking_weights(None) == []
    settings.EVALUATION_WEIGHTS = {"satisfaction": 60, "on_time": 20, "time_used": 10, "rectified": 20}
    [error] = ranking_weights(None)
    assert error.id == "evaluation.E001" and "110" in error.msg


def test_a_bad_rating_fixed_on_time_never_scores_below_one_not_yet_due(district):
    fixed = _ratings(district["A"], [5] * 290 + [3] * 9 + [2])[-1]
    FollowUp.objects.create(rating=fixed, state=FollowUp.State.DONE, rectified_on_time=True)
    waiting = _ratings(district["B"], [5] * 290 + [3] * 9 + [2])[-1]
    FollowUp.objects.create(rating=waiting, state=FollowUp.State.VERIFYING)
    a, b = rankings(month=MONTH, by="department", now=IN_MONTH)
    assert a.score == b.score


def test_a_paused_clock_is_not_overdue_and_a_case_without_approver_ranks_no_one(district, lisi):
    from zhengtong.supervision.models import ClockPause
    from zhengtong.supervision.services import clock_pause

    clock = clock_start(
        subject_type="test.case",
        subject_id="p",
        stage="handle",
        department=district["A"],
        limit=5,
        started_at=timezone.make_aware(dt.datetime(2026, 11, 2, 9)),
    )
    clock_pause(clock=clock, reason=ClockPause.Reason.CORRECTION, at=timezone.make_aware(dt.datetime(2026, 11, 3, 9)))
    assert rankings(month=MONTH, by="department", now=timezone.make_aware(dt.datetime(2026, 11, 30, 12))) == []
    _ratings(district["A"], [5])
    _ratings(district["A"], [5], staff=lisi)
    assert [r.key for r in rankings(month=MONTH, by="staff", now=IN_MONTH)] == [lisi.pk]


def test_a_month_no_one_rated_ranks_no_one_and_few_ratings_get_no_band(district, settings):
    _clock(district["A"], late=False, n=1)
    assert rankings(month=MONTH, by="department", now=timezone.make_aware(dt.datetime(2026, 11, 30))) == []
    settings.EVALUATION_MIN_RATINGS = 3
    _ratings(district["B"], [5, 5, 5])
    [row] = rankings(month=MONTH, by="department", now=IN_MONTH)
    assert row.band == band(row.score) != "样本不足", "three ratings at 43.9 are banded once three is enough"


def test_the_stored_counts_rank_as_the_live_count_and_a_refresh_replaces_them(district, lisi):
    from zhengtong.evaluation.tallies import months_to_refresh, refresh, stored_rankings

    _ratings(district["A"], [5] * 30 + [2], staff=lisi)
    _ratings(district["B"], [4] * 25)
    refresh(MONTH, now=IN_MONTH)
    for by in ("department", "item", "staff"):
        live = rankings(month=MONTH, by=by, now=IN_MONTH)
        assert [(r.key, r.score, r.band, r.rank) for r in stored_rankings(MONTH, by)] == [
            (r.key, r.score, r.band, r.rank) for r in live
        ]
    _ratings(district["B"], [1])
    refresh(MONTH, now=IN_MONTH)
    assert {r.key: r.ratings for r in stored_rankings(MONTH, "department")}[district["B"].pk] == 26
    assert months_to_refresh(dt.date(2026, 12, 3)) == [dt.date(2026, 12, 1), dt.date(2026, 11, 1)]
    assert months_to_refresh(dt.date(2026, 12, 6)) == [dt.date(2026, 12, 1)]


def _fields(rows):
    return [
        (r.key, r.ratings, r.score_total, r.bad, r.satisfaction, r.on_time, r.rectified, r.time_used, r.score, r.rank)
        for r in rows
    ]


def test_stored_counts_summed_over_a_scope_equal_a_live_count_over_it(district, lisi, wangwu):
    """Issue 26 (counts kept, no page's cost grows with its table): the workbench ranks a viewer's scope from the
    month's stored counts, kept per department, instead of counting every rating and clock of the month on each
    request; what it sums over his departments equals a live count over them, for every dimension."""
    from zhengtong.evaluation.models import TallyMonth
    from zhengtong.evaluation.tallies import refresh, stored_rankings
    from zhengtong.supervision.models import Clock

    _ratings(district["A"], [5] * 4 + [2], staff=lisi)
    _ratings(district["B"], [5, 3], staff=lisi, item="330206-XK-0002")  # one approver rated in two departments
    _ratings(district["B"], [1, 5], staff=wangwu)
    _clock(district["A"], late=False, n=1)
    _clock(district["B"], late=True, n=2)
    _clock(district["B"], late=None, n=3)
    now = timezone.make_aware(dt.datetime(2026, 11, 30, 12))
    refresh(MONTH, now=now)
    assert TallyMonth.objects.get(month=MONTH).by_department
    for departments in ({district["A"].pk}, {district["B"].pk}, {district["A"].pk, district["B"].pk}):
        ratings = Rating.objects.filter(department__in=departments)
        clocks = Clock.objects.filter(department__in=departments)
        for by in ("department", "item", "staff"):
            live = rankings(month=MONTH, by=by, ratings=ratings, clocks=clocks, now=now)
            assert _fields(stored_rankings(MONTH, by, departments=departments)) == _fields(live), (by, departments)
    for by in ("department", "item", "staff"):
        assert _fields(stored_rankings(MONTH, by)) == _fields(rankings(month=MONTH, by=by, now=now))


def test_a_month_the_task_no_longer_counts_is_counted_live_in_the_workbench(district, lisi):
    """The fresh-eyes review: the task counts a month until the fifth day of the next, and a follow-up finished or
    an appeal upheld after that changes the month's figures. The workbench reads the stored counts only while the
    task still counts the month, and counts an older one live (as it always did)."""
    from zhengtong.evaluation.tallies import refresh
    from zhengtong.evaluation.views_staff import _ranked

    bad, other = _ratings(district["A"], [1, 2])
    _ratings(district["A"], [5, 5, 5])
    FollowUp.objects.create(rating=bad, state=FollowUp.State.VERIFYING)
    refresh(MONTH, now=timezone.make_aware(dt.datetime(2026, 12, 5, 23, 50)))  # the last count November gets
    FollowUp.objects.filter(rating=bad).update(state=FollowUp.State.DONE, rectified_on_time=True)
    Rating.objects.filter(pk=other.pk).update(counted=False)  # an appeal upheld
    _staff, [stored], counted_at = _ranked(lisi, MONTH, today=dt.date(2026, 12, 5))
    assert counted_at is not None and (stored.ratings, stored.bad) == (5, 2)
    _staff, [live], counted_at = _ranked(lisi, MONTH, today=dt.date(2026, 12, 6))
    assert counted_at is None and (live.ratings, live.bad, live.rectified.n) == (4, 1, 1)


@pytest.mark.django_db(transaction=True)
def test_going_back_before_counts_per_department_folds_each_keys_parts(district, lisi):
    """The review: the older migration's constraint (one row per month, dimension and key) refused the parts kept
    per department, so the migration could not be undone once a month was counted."""
    from django.core.management import call_command
    from django.db import connection

    from zhengtong.evaluation.tallies import refresh

    _ratings(district["A"], [5, 4], staff=lisi)
    _ratings(district["B"], [3], staff=lisi)  # his ratings in two departments: two parts of his key
    refresh(MONTH)
    call_command("migrate", "evaluation", "0007", verbosity=0)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT ratings, score_total FROM evaluation_tally WHERE by = 'staff' AND key = %s", [str(lisi.pk)]
            )
            assert cursor.fetchall() == [(3, 12)]
    finally:
        call_command("migrate", "evaluation", verbosity=0)

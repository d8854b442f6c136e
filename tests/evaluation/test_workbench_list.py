"""The workbench's list of 差评 and their follow-ups (issue 26): a page at a time, read newest first from the index
of 差评, and planned for its values."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhengtong.evaluation.models import FollowUp, Rating

from .. import factories as f


def test_the_workbench_lists_the_follow_ups_a_page_at_a_time(verified_client, district, lisi):
    """Issue 26 (no page's cost grows with its table): the 差评 list showed its first 200 rows whole (each row's
    encrypted texts read and decrypted); it shows 30 a page, the pager to the rest."""
    from .test_rankings import _ratings

    for rating in _ratings(district["A"], [1] * 31):
        FollowUp.objects.create(rating=rating, state=FollowUp.State.VERIFYING)
    staff = verified_client(lisi)
    first = staff.get("/workbench/evaluation/").content.decode()
    assert first.count('href="/workbench/evaluation/followups/') == 30 and "page=2" in first
    second = staff.get("/workbench/evaluation/?page=2").content.decode()
    assert second.count('href="/workbench/evaluation/followups/') == 1


def test_a_departments_follow_ups_are_read_newest_first_from_the_index_of_its_bad_ratings(district, lisi):
    """Issue 26 (no page's cost grows with its table): the list walked every rating newest first until thirty
    with a follow-up turned up (6,030 ratings read at 1,000,000 cases, 12 ms); a follow-up is a 差评's, so the
    index of a department's 差评 in time order serves the list."""
    from django.db import connection

    from tests.plans import query_plan
    from zhengtong.evaluation.views_staff import _follow_ups

    plan = query_plan(_follow_ups(lisi)[:30])
    # SQLite, with no statistics, walks the department's ratings in time order instead; neither sorts
    index = "evaluation_rating_dept_at" if connection.vendor == "sqlite" else "evaluation_bad_dept_at"
    assert index in plan and "TEMP B-TREE" not in plan, plan


def test_a_supervisor_of_every_department_reads_the_follow_ups_newest_first_from_an_index(district):
    """Issue 26: a supervisor whose scope is 全部 had every 差评 filtered by a subquery of them all, then joined and
    sorted whole for each page (10,159 at 100,000 cases: 40 ms a page, growing with the table). Covering everything,
    the list is every 差评 as it is, read newest first from the index of 差评 in time order."""
    from django.db import connection

    from tests.plans import query_plan
    from zhengtong.evaluation.views_staff import _follow_ups
    from zhengtong.org.models import DataScope, Role

    everything = f.role("jiancha", DataScope.ALL)
    Role.objects.filter(pk=everything.pk).update(supervises=True)
    supervisor = f.staff("jiancha", "监察员", district["A"], everything)
    plan = query_plan(_follow_ups(supervisor)[:30])
    # SQLite cannot tell that a statement's score parameters fall in the partial index: it walks every rating in
    # time order instead; neither sorts
    index = "evaluation_rating_at" if connection.vendor == "sqlite" else "evaluation_bad_at"
    assert index in plan and "TEMP B-TREE" not in plan, plan


def test_the_follow_ups_keys_are_read_from_the_bad_ratings_with_each_ones_follow_up_joined(district, lisi):
    """Issue 26: read from the follow-ups' side, PostgreSQL cannot know that each has its 差评 and misjudged the
    join as a few rows: it joined and sorted every 差评 for a deep page (a supervisor's 34th page, 34 ms at 100,000
    cases). From the 差评's side, each joined to its one follow-up (an outer join keeps the 差评's count), the
    index of 差评 in time order serves the page's keys."""
    from django.db import connection

    from tests.plans import query_plan
    from zhengtong.evaluation.views_staff import _listed_follow_ups

    from .test_rankings import _ratings

    ratings = _ratings(district["A"], [1, 2, 1])
    for hours, rating in zip((2, 1, 3), ratings, strict=True):
        Rating.objects.filter(pk=rating.pk).update(at=timezone.now() - dt.timedelta(hours=hours))
        FollowUp.objects.create(rating=rating, state=FollowUp.State.VERIFYING)
    listed = _listed_follow_ups(lisi, "")
    keys = listed.keys
    assert "LEFT OUTER JOIN" in str(keys.query)
    index = "evaluation_rating_dept_at" if connection.vendor == "sqlite" else "evaluation_bad_dept_at"
    plan = query_plan(keys[:30])
    assert index in plan and "TEMP B-TREE" not in plan, plan
    assert [f.rating_id for f in listed[0:30]] == [ratings[1].pk, ratings[0].pk, ratings[2].pk]


def test_the_workbench_list_of_bad_ratings_is_planned_for_its_values(verified_client, district, lisi):
    """Issue 26: prepared, the list's count got a generic plan after its tenth run, which cannot use the partial
    index of 差评 (its scores are parameters) and took 33–54 ms against 2 ms at 1,000,000 cases. On PostgreSQL the
    list is planned for its values each time; SQLite plans every statement anew."""
    from tests.plans import planned_for_its_values_before

    assert planned_for_its_values_before(
        verified_client(lisi), "/workbench/evaluation/", 'LEFT OUTER JOIN "evaluation_followup"'
    )

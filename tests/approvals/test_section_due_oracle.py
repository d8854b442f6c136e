"""A queue section by due, page by page, against the order written out by hand (a fresh-eyes review's oracle,
session 54): random cases in every section, limits of every step in every state, two clerks (an office with its
bureau, the bureau alone), searches and page sizes; sorted whole and read from the limits alike. No case is missed
or listed twice, the count is the section's, and each row shows the limit it is sorted by."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.utils import timezone

from zhengtong.approvals import queue
from zhengtong.approvals.models import Application, Branch, Status
from zhengtong.core.paging import page_of
from zhengtong.org.access import workplaces
from zhengtong.supervision.models import Clock

from .. import factories as f

SECTION_STATUS = {
    "accept": Status.SUBMITTED,
    "reviews": Status.REVIEWING,
    "decide": Status.JOINING,
    "deliver": Status.CONCLUDED,
    "correction": Status.CORRECTION,
}


def build(item, district, rnd, now):
    depts = [district["A"], district["A1"], district["B"]]
    apps = []
    for n in range(rnd.randint(0, 14)):
        status = rnd.choice(list(SECTION_STATUS.values()))
        lead = rnd.choice(depts)
        a = Application.objects.create(
            receipt_no=f"Q{n:06d}",
            query_hash="x",
            item=item,
            lead_department=lead,
            applicant_name=f"申请人{rnd.choice('xyz')}{n}",
            received_at=now - dt.timedelta(minutes=rnd.choice([1, 2, 3, 4, 5])),
            status=status,
        )
        apps.append(a)
        if status == Status.REVIEWING:
            for d in rnd.sample(depts, rnd.randint(0, 3)):
                Branch.objects.create(
                    application=a,
                    department=d,
                    is_lead=d == lead,
                    received_at=a.received_at,
                    state=rnd.choice([Branch.State.PENDING] * 3 + [Branch.State.AGREED]),
                )
        for _ in range(rnd.randint(0, 4)):
            d = rnd.choice(depts)
            stage = rnd.choice(["accept", "whole", "deliver", f"review:{d.code}", f"review:{rnd.choice(depts).code}"])
            Clock.objects.create(
                subject_type=queue.SUBJECT,
                subject_id=str(a.pk),
                stage=stage,
                department=d,
                limit=10,
                started_at=now - dt.timedelta(hours=rnd.choice([1, 2])),
                due_at=now + dt.timedelta(hours=rnd.choice([1, 2, 3])),
                yellow_at=now,
                paused_since=now if rnd.random() < 0.2 else None,
                stopped_at=now if rnd.random() < 0.15 else None,
            )
    return apps


def oracle(section, ids, q):
    cases = list(queue._section(section, ids, q))
    steps = queue._waiting_steps(section, ids)
    keyed, rest = [], []
    for a in cases:
        mine = [] if steps is None else list(steps.filter(subject_id=str(a.pk)))
        if mine:
            c = min(mine, key=lambda c: (c.due_at, c.started_at, c.pk))
            keyed.append(((c.due_at, c.started_at, c.pk), a.pk))
        else:
            rest.append(((a.received_at, a.pk), a.pk))
    return [pk for _k, pk in sorted(keyed)] + [pk for _k, pk in sorted(rest)]


@pytest.mark.parametrize("walk", [False, True])
@pytest.mark.parametrize("seed", range(3))
def test_by_due_matches_oracle(item, district, seed, walk, monkeypatch):
    if walk:
        monkeypatch.setattr(queue, "CAP", 0)
    rnd = random.Random(seed)
    now = timezone.now().replace(microsecond=0)
    build(item, district, rnd, now)
    problems = []
    for who in ("A1", "A"):
        clerk = f.staff(f"c{who}", "登记员", district[who])
        ids = sorted(workplaces(clerk))
        for section in queue.SECTIONS:
            for q in ("", "x"):
                want = oracle(section, ids, q)
                for size in (1, 3, 50):
                    got, number = [], 1
                    while True:
                        page = page_of(queue.section_applications(clerk, section, q=q, sort="due"), size, number)
                        got += [a.pk for a in page.object_list]
                        if page.paginator.count != len(want):
                            problems.append(("count", who, section, q, size, page.paginator.count, len(want)))
                        if not page.has_next():
                            break
                        number += 1
                    if got != want:
                        problems.append(("order", who, section, q, size, got, want))
                # shown due == sorted-by due
                page = page_of(queue.section_applications(clerk, section, q=q, sort="due"), 50, 1)
                rows = queue.as_rows(page.object_list, ids, section)
                steps = queue._waiting_steps(section, ids)
                for r in rows:
                    mine = [] if steps is None else list(steps.filter(subject_id=str(r.id)))
                    if mine and r.due_at != min(mine, key=lambda c: (c.due_at, c.started_at, c.pk)).due_at:
                        problems.append(("shown", who, section, r.id, r.due_at))
    assert not problems, problems[:5]

"""The periodic scan: raise every running clock whose warning level has changed, record each change as an
Alert, record overtime violations, and notify the assignee and the department head. A window whose time is up is
closed as lapsed instead: no red, no violation.

It reads only clocks with next_check_at <= now (a partial index over running clocks), so its cost follows the
number of clocks that change, not the number of clocks. Each transition is an UPDATE guarded by the old
level, so two scans racing each other can never raise the same change twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from zhengtong.audit.services import audit_record
from zhengtong.notifications.services import notify
from zhengtong.org.models import Membership

from .models import RUNNING, Alert, Clock, Level, Outcome, Violation

BATCH = 20_000
FIELDS = (
    "id",
    "level",
    "assignee_id",
    "department_id",
    "subject_type",
    "subject_id",
    "subject_label",
    "stage",
    "stage_label",
    "whole",
    "window",
    "due_at",
)


def _candidates(now: dt.datetime, *, level: str, late: bool):
    qs = Clock.objects.filter(RUNNING, next_check_at__lte=now, level=level)
    qs = qs.filter(due_at__lte=now) if late else qs.filter(due_at__gt=now)
    if connection.vendor == "postgresql":
        qs = qs.select_for_update(skip_locked=True, of=("self",))
    return list(qs.order_by("next_check_at").values(*FIELDS)[:BATCH])


def _lapse(now: dt.datetime) -> int:
    """Close every window whose time is up, at its due time (before the late candidates are read, so no window is
    ever raised to red)."""
    ids = list(
        Clock.objects.filter(RUNNING, window=True, next_check_at__lte=now, due_at__lte=now).values_list(
            "id", flat=True
        )[:BATCH]
    )
    return Clock.objects.filter(RUNNING, id__in=ids).update(
        stopped_at=F("due_at"), outcome=Outcome.LAPSED, next_check_at=None
    )


def _raise(rows: list[dict], *, to: str, now: dt.datetime) -> list[dict]:
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    old = rows[0]["level"]
    next_check = F("due_at") if to == Level.YELLOW else None
    updated = Clock.objects.filter(id__in=ids, level=old).update(level=to, next_check_at=next_check)
    if updated != len(ids):  # another scan took some of them between our read and our write
        ids = set(Clock.objects.filter(id__in=ids, level=to).values_list("id", flat=True))
        rows = [r for r in rows if r["id"] in ids]
    Alert.objects.bulk_create(Alert(clock_id=r["id"], level_from=old, level_to=to, at=now) for r in rows)
    if to == Level.RED:
        Violation.objects.bulk_create(
            [
                Violation(
                    clock_id=r["id"],
                    kind=Violation.Kind.CASE_OVERTIME if r["whole"] else Violation.Kind.STAGE_OVERTIME,
                    subject_type=r["subject_type"],
                    subject_id=r["subject_id"],
                    department_id=r["department_id"],
                    detail=f"{r['stage_label'] or r['stage']}超过时限",
                    at=now,
                )
                for r in rows
            ],
            ignore_conflicts=True,
        )
    return [{**r, "level_to": to} for r in rows]


def _notify(changes: list[dict]) -> None:
    from django.contrib.auth import get_user_model

    if not changes:
        return
    User = get_user_model()
    heads = defaultdict(set)
    for m in Membership.objects.filter(is_head=True, department_id__in={c["department_id"] for c in changes}).values(
        "department_id", "user_id"
    ):
        heads[m["department_id"]].add(m["user_id"])
    wanted = {c["assignee_id"] for c in changes if c["assignee_id"]} | {u for s in heads.values() for u in s}
    users = User.objects.in_bulk(wanted)
    by_user = defaultdict(list)
    for c in changes:
        for uid in {c["assignee_id"], *heads[c["department_id"]]} - {None}:
            by_user[uid].append(c)
    for uid, items in by_user.items():
        red = sum(1 for c in items if c["level_to"] == Level.RED)
        first = items[0]
        title = (
            f"{len(items)}件办件时限预警"
            if len(items) > 1
            else f"{first['subject_label'] or first['subject_id']}·{first['stage_label'] or first['stage']}："
            f"{_state(first)}"
        )
        if red and len(items) > 1:
            title += f"（其中{red}件已超时）"
        notify(
            recipients=[users[uid]], title=title[:200], link=reverse("workbench:supervision_clock", args=[first["id"]])
        )


def _state(change: dict) -> str:
    if change["window"]:
        return "即将届满，届满后不能再办理"
    return "已超时" if change["level_to"] == Level.RED else "即将到期"


@transaction.atomic
def scan(now: dt.datetime | None = None) -> dict:
    now = now or timezone.now()
    changes = []
    lapsed = _lapse(now)
    changes += _raise(_candidates(now, level=Level.GREEN, late=False), to=Level.YELLOW, now=now)
    changes += _raise(_candidates(now, level=Level.GREEN, late=True), to=Level.RED, now=now)
    changes += _raise(_candidates(now, level=Level.YELLOW, late=True), to=Level.RED, now=now)
    _notify(changes)
    summary = {
        "yellow": sum(1 for c in changes if c["level_to"] == Level.YELLOW),
        "red": sum(1 for c in changes if c["level_to"] == Level.RED),
        "lapsed": lapsed,
    }
    if changes or lapsed:
        audit_record(action="supervision.scan", object_type="supervision.clock", changes=summary)
    return summary

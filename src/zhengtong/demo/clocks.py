"""A few hundred demo clocks on the seeded departments, so the supervision dashboard is alive before the
service hall brings real cases (the service hall's demo will remove these: subject_type "demo.case")."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from zhengtong.accounts.models import User
from zhengtong.org.models import Department, Membership
from zhengtong.supervision import services
from zhengtong.supervision.models import Clock, ClockPause
from zhengtong.supervision.scan import scan

SUBJECT_TYPE = "demo.case"
CASES = 300
ITEMS = ["企业设立登记", "食品经营许可", "建设工程规划许可证核发", "户口迁移", "排污许可证核发", "医疗机构执业登记",
         "危险化学品经营许可", "道路运输经营许可", "社会团体成立登记", "残疾人证办理", "建筑工程施工许可证核发",
         "特种设备使用登记", "公共场所卫生许可", "户外广告设置审批", "人防工程建设审批"]
STAGES = [("accept", "受理", 2), ("review", "审查", 10), ("decide", "决定", 5)]


def seed_demo_clocks() -> int:
    if Clock.objects.filter(subject_type=SUBJECT_TYPE).exists():
        return 0
    rng = random.Random(20261123)
    departments = list(Department.objects.filter(kind__in=["department", "street"]).order_by("path"))
    members = {}
    for m in Membership.objects.filter(department__in=departments).select_related("user"):
        members.setdefault(m.department_id, []).append(m.user)
    heads = {m.department_id: m.user for m in Membership.objects.filter(is_head=True).select_related("user")}
    favourites = list(Department.objects.filter(code__in=["330206023", "330206019"]))
    now = timezone.now()
    for n in range(1, CASES + 1):
        department = favourites[n % 2] if n % 3 == 0 else rng.choice(departments)
        people = members.get(department.pk) or [None]
        assignee = User.objects.filter(username="lisi" if department.code == "330206023" else "wangwu").first() \
            if n % 3 == 0 else rng.choice(people)
        stage, label, limit = rng.choice(STAGES)
        started = now - dt.timedelta(days=rng.randint(0, 45), hours=rng.randint(0, 8))
        clock = services.clock_start(
            subject_type=SUBJECT_TYPE, subject_id=f"BL2026-{n:05d}", subject_label=f"{rng.choice(ITEMS)}（演示件{n:03d}）",
            stage=stage, stage_label=label, department=department, assignee=assignee, limit=limit, started_at=started,
        )
        roll = rng.random()
        if roll < 0.15 and (now - started).days > 3:
            services.clock_pause(clock=clock, reason=ClockPause.Reason.CORRECTION, note="申请材料不齐，一次性告知补正",
                                 at=started + dt.timedelta(days=1))
            if rng.random() < 0.6:
                clock = services.clock_resume(clock=clock, at=started + dt.timedelta(days=3))
        if roll > 0.9 and department.pk in heads:
            clock = services.clock_extend(clock=clock, amount=10, reason="情况复杂，经负责人批准延长", approver=heads[department.pk])
        clock.refresh_from_db()
        if clock.paused_since is None:
            finish = _finish(rng, clock, now)
            if finish is not None:
                services.clock_stop(clock=clock, at=finish)
    scan()
    return CASES


def _finish(rng: random.Random, clock: Clock, now: dt.datetime) -> dt.datetime | None:
    """Mostly on time, as the seeds report (在规定期限内的办结率超过96%), with some late and some overdue open."""
    latest = max([clock.started_at, *(p.ended_at for p in clock.pauses.all() if p.ended_at)])
    if clock.due_at <= now:
        roll = rng.random()
        if roll < 0.90:
            return latest + (min(clock.due_at, now) - latest) * rng.uniform(0.3, 0.98)
        if roll < 0.95:
            return min(clock.due_at + dt.timedelta(days=rng.randint(1, 5)), now)
        return None  # still open and overdue: red on the dashboard
    return latest + (now - latest) * rng.uniform(0.3, 0.95) if rng.random() < 0.4 else None

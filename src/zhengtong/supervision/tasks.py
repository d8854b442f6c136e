from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from zhengtong.core.locks import single_runner

from .scan import scan


@db_periodic_task(crontab(minute="*"))
@single_runner("supervision-scan")  # two workers never scan at once
def scan_clocks() -> dict:
    return scan()


@db_task()
@single_runner("supervision-recompute")
def recompute_provisional() -> int:
    from .services import clocks_recompute_provisional

    return clocks_recompute_provisional()


@db_periodic_task(crontab(hour="8", minute="30"))
def calendar_missing_alert():
    """From 1 November, remind the system administrators every morning while next year's schedule is missing."""
    return check_next_year()


def check_next_year(today=None) -> bool:
    import datetime as dt

    from django.utils import timezone

    from zhengtong.accounts.models import User
    from zhengtong.notifications.services import notify
    from zhengtong.org.models import Duty, Role
    from zhengtong.workdays.models import CalendarYear

    today = today or timezone.localdate()
    if today < dt.date(today.year, 11, 1) or CalendarYear.objects.filter(year=today.year + 1).exists():
        return False
    admins = User.objects.filter(role_grants__role__in=Role.objects.filter(duty=Duty.SYSTEM), is_active=True).distinct()
    notify(
        recipients=admins,
        title=f"{today.year + 1}年节假日安排尚未录入",
        body=(
            "国务院办公厅通知发布后，请在系统管理中录入或用 zhengtong holidays import 导入；"
            "录入前，跨年度的期限按周末临时计算。"
        ),
        link="/admin/workdays/calendaryear/",
    )
    return True

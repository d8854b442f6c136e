from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from zhengtong.core.locks import single_runner


@db_periodic_task(crontab(hour="1", minute="10"))
@single_runner("disclosure-abandon-overdue")
def abandon_overdue_requests() -> int:
    """Every night: requests whose correction period ended without a correction are abandoned (条例 Art. 30)."""
    from zhengtong.audit.context import Actor, acting_as

    from .requests import requests_abandon_overdue

    with acting_as(Actor(name="定时任务:依申请公开")):
        return requests_abandon_overdue()


@db_periodic_task(crontab(hour="9", minute="0"))
@single_runner("disclosure-annual-reminders")
def remind_annual_duties(today=None) -> int:
    """Every morning: on the reminder days, the staff of each organ with a disclosure office on record are told
    what is due (annual.py). Returns how many organs were told."""
    from zhengtong.audit.context import Actor, acting_as

    from .annual import remind

    with acting_as(Actor(name="定时任务:依申请公开")):
        return remind(today)

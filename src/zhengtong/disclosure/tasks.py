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

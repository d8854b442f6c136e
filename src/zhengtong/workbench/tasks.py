from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from zhengtong.audit.context import Actor, acting_as
from zhengtong.core.locks import single_runner


@db_periodic_task(crontab(hour="3", minute="40"))
@single_runner("website-inspection")
def inspect_website() -> int:
    """Every night, and when a supervisor asks: the website's self-inspection (workbench/inspection.py)."""
    from .inspection import run_and_alert

    with acting_as(Actor(name="定时任务:网站自查")):
        return len(run_and_alert().findings)

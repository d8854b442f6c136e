from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from zhengtong.core.locks import single_runner


@db_periodic_task(crontab(minute="*/10"))
@single_runner("evaluation-tallies")
def refresh_tallies() -> int:
    """Every ten minutes: the months whose rankings can still change are counted again (tallies.py)."""
    from django.utils import timezone

    from zhengtong.audit.context import Actor, acting_as

    from .tallies import months_to_refresh, refresh

    with acting_as(Actor(name="定时任务:好差评")):
        months = months_to_refresh(timezone.localdate())
        for month in months:
            refresh(month)
    return len(months)

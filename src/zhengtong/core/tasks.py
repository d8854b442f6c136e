from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .locks import single_runner
from .planner import gather


@db_periodic_task(crontab(hour="4", minute="20"))
@single_runner("planner-statistics")
def gather_planner_statistics() -> str:
    """Every night: the query planner's statistics, as the tables have grown since (core/planner.py)."""
    return gather()

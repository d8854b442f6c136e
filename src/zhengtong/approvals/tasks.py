from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from zhengtong.audit.context import Actor, acting_as
from zhengtong.core.locks import single_runner


@db_periodic_task(crontab(minute="*/10"))
@single_runner("deemed-acceptance")
def deem_accepted() -> int:
    """Every ten minutes: applications past their acceptance limit count as accepted from receipt (行政许可法
    第三十二条), each in its own transaction. Returns how many."""
    from .models import Application
    from .selectors import overdue_for_acceptance
    from .services.workflow import application_deem_accepted

    done = 0
    with acting_as(Actor(name="定时任务:视为受理")):
        for pk in overdue_for_acceptance():
            done += application_deem_accepted(application=Application(pk=pk))
    return done


@db_periodic_task(crontab(hour="4", minute="10"))
@single_runner("drafts-purge")
def purge_drafts() -> int:
    """Every night: applicants' drafts untouched for 30 days are deleted (services/drafts.py)."""
    from .services.drafts import drafts_purge

    with acting_as(Actor(name="定时任务:清理申请草稿")):
        return drafts_purge()

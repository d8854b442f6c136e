from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from zhengtong.core.locks import single_runner


@db_periodic_task(crontab(minute="17", hour="3"))
@single_runner("opendata-recheck")
def recheck_open_datasets() -> int:
    """Nightly: every open dataset through the privacy guard again, on the rows its register holds now."""
    from zhengtong.audit.context import Actor, acting_as

    from .opendata import dataset_recheck, published

    closed = 0
    with acting_as(Actor(name="定时任务:开放数据审查")):
        for dataset in published().iterator(chunk_size=100):
            closed += dataset_recheck(dataset=dataset).state != dataset.state
    return closed


@db_periodic_task(crontab(minute="*"))
@single_runner("exchange-seal")
def seal_exchange_log() -> int:
    """Every minute: the exchange calls since the last seal are signed (sharing/log.py)."""
    from .log import seal

    batch = seal()
    return 0 if batch is None else batch.last_seq - batch.first_seq + 1

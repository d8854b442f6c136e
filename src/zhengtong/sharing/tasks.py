from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from zhengtong.core.locks import single_runner


@db_periodic_task(crontab(minute="*"))
@single_runner("exchange-seal")
def seal_exchange_log() -> int:
    """Every minute: the exchange calls since the last seal are signed (sharing/log.py)."""
    from .log import seal

    batch = seal()
    return 0 if batch is None else batch.last_seq - batch.first_seq + 1

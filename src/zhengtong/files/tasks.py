from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from zhengtong.core.locks import single_runner


@db_task()
def read_pictures(sha256: str) -> None:
    """The pictures of a file attached for publication, read by OCR (files/reading.py)."""
    from .reading import read_pictures_now

    read_pictures_now(sha256)


@db_periodic_task(crontab(minute="*/5"))
@single_runner("files-stale-readings")
def restart_stale_readings() -> int:
    """A reading whose task was lost (a worker stopped mid-way) is started again."""
    from .reading import stale_readings

    waiting = stale_readings()
    for sha256 in waiting:
        read_pictures(sha256)
    return len(waiting)

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


@db_periodic_task(crontab(hour="4", minute="20"))
@single_runner("files-sweep")
def sweep_unreferenced_files() -> int:
    """Every night: the upload files no row names, a day after they were last written or reused (files/sweep.py)."""
    from zhengtong.audit.context import Actor, acting_as

    from .sweep import sweep_unreferenced

    with acting_as(Actor(name="定时任务:清理无主文件")):
        return sweep_unreferenced()

"""One runner at a time for periodic work (the supervision scan, the audit chain's checks and anchors, nightly
jobs), under a lock that dies with its holder.

huey's lock_task keeps its key in the queue's store (Redis, or SQLite under var/): a worker killed inside the
task leaves the key there and the task never runs again. Here the lock is a PostgreSQL session advisory lock,
freed when the killed worker's connection drops, or on SQLite an flock on a file under var/locks/, freed by the
kernel when the process dies."""

from __future__ import annotations

import fcntl
import functools
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

log = logging.getLogger(__name__)

# Seed 1: never the same key as core.sql.lock_for_transaction's transaction locks (seed 0) for the same name.
_TRY = "SELECT pg_try_advisory_lock(hashtextextended(%s, 1))"
_RELEASE = "SELECT pg_advisory_unlock(hashtextextended(%s, 1))"


@contextmanager
def held(name: str) -> Iterator[bool]:
    """True inside when this process holds `name`; False when another holder has it (nothing waits)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_TRY, [name])
            mine = bool(cursor.fetchone()[0])
        try:
            yield mine
        finally:
            if mine:
                with connection.cursor() as cursor:
                    cursor.execute(_RELEASE, [name])
        return
    folder = Path(settings.VAR_DIR) / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            mine = True
        except BlockingIOError:
            mine = False
        yield mine
    finally:
        os.close(fd)  # closing the file releases its flock


def single_runner(name: str):
    """Decorator: the function runs in one process at a time; a call while another runs it returns None at once
    (lock_task raised TaskLockedException)."""

    def decorate(function):
        @functools.wraps(function)
        def run(*args, **kwargs):
            with held(name) as mine:
                if not mine:
                    log.info("%s is running elsewhere; this run is skipped", name)
                    return None
                return function(*args, **kwargs)

        return run

    return decorate

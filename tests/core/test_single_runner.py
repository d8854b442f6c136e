"""Periodic work that must not run twice at once (the supervision scan, the audit chain's verification and
anchors, disclosure's nightly abandonment) runs under a lock that dies with its holder (issue 21 item 11: faults
under load). huey's lock_task kept its key in the queue's store: a worker killed inside the task left it there,
and the task never ran again: no more warnings, no more anchors."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time

import pytest
from django.db import connections
from huey.contrib.djhuey import HUEY

from zhengtong.audit import tasks as audit_tasks
from zhengtong.core.locks import held, single_runner
from zhengtong.disclosure import tasks as disclosure_tasks
from zhengtong.supervision import tasks as supervision_tasks


def test_a_second_runner_skips_while_the_first_holds_the_lock(db):
    """Another worker thread has its own database session, as another worker process has."""
    calls = []

    @single_runner("test-lock")
    def work():
        other = threading.Thread(target=lambda: calls.append(_in_own_session(inner)))
        other.start()
        other.join()
        return "done"

    @single_runner("test-lock")
    def inner():
        return "ran"

    assert work() == "done" and calls == [None]
    assert _in_own_session(inner) == "ran"  # released afterwards


def _in_own_session(function):
    try:
        return function()
    finally:
        connections.close_all()


def _hold(name, ready):
    # The child's own database session, as another worker's: the parent's is forgotten, never closed (closing it
    # here would end the parent's session through the shared socket).
    for conn in connections.all(initialized_only=True):
        conn.connection = None
    with held(name) as mine:
        assert mine
        ready.set()
        signal.pause()


@pytest.mark.django_db(transaction=True)
def test_a_lock_whose_holder_was_killed_is_free_again():
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    child = context.Process(target=_hold, args=("test-killed", ready))
    child.start()
    try:
        assert ready.wait(20)
        with held("test-killed") as mine:
            assert not mine  # a live holder keeps it
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.join(20)
    assert _free_within("test-killed", seconds=10)  # the killed holder's lock went with it


def _free_within(name: str, seconds: float) -> bool:
    """Whether the lock is taken within `seconds`: PostgreSQL frees a dead session's advisory lock when its
    backend sees the connection gone, a moment after the kill on a busy machine (CI failed once, asking at once)."""
    deadline = time.monotonic() + seconds
    while True:
        with held(name) as mine:
            if mine or time.monotonic() > deadline:
                return mine
        time.sleep(0.05)


@pytest.mark.parametrize(
    "task, old_lock",
    [
        (supervision_tasks.scan_clocks, "supervision-scan"),
        (audit_tasks.anchor_chain, "audit-chain-anchor"),
        (disclosure_tasks.abandon_overdue_requests, "disclosure-abandon-overdue"),
    ],
)
def test_a_lock_left_in_the_queue_store_by_a_killed_worker_stops_nothing(db, task, old_lock, tmp_path, settings):
    settings.AUDIT_ANCHOR_DIR = tmp_path
    HUEY.put_if_empty(HUEY.lock_task(old_lock)._key, "1")  # what lock_task left behind
    try:
        task.call_local()  # raised TaskLockedException for ever before
    finally:
        HUEY.flush_locks()

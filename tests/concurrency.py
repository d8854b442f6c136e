"""Two transactions side by side (PostgreSQL): one held open at a chosen step while another runs."""

from __future__ import annotations

import threading

import pytest
from django.db import connection


def beside_a_paused_one(monkeypatch, module, step: str, first, second):
    """Runs `first` in a thread, holds its transaction open when it reaches `module.step`, and runs `second` here
    meanwhile. `second` waits at most 2 s on any lock, so a wait on the first transaction fails the test instead
    of hanging it. Returns what `second` returned, once `first` has finished without error. Skipped on SQLite,
    whose writes are serial by design."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes are serial by design; PostgreSQL runs transactions side by side")
    reached, release, failures = threading.Event(), threading.Event(), []
    original = getattr(module, step)

    def paused(*args, **kwargs):
        if threading.current_thread() is thread:
            reached.set()
            release.wait(10)
        return original(*args, **kwargs)

    def run_first():
        try:
            first()
        except Exception as exc:  # report any failure from the thread
            failures.append(exc)
        finally:
            connection.close()

    monkeypatch.setattr(module, step, paused)
    thread = threading.Thread(target=run_first)
    thread.start()
    try:
        assert reached.wait(10), f"the first transaction never reached {step}"
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")
        result = second()
    finally:
        release.set()
        thread.join()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert not failures, failures
    return result

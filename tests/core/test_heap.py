"""A web worker settles its heap before its first request (issue 26: every page at city scale). Python's full
collection walked every object Django and the apps had loaded, 82-86 ms on the benchmark machine, a pause that
fell on whichever request was running (the OpenAPI schema's p95 was 103 ms against a p50 of 18)."""

from __future__ import annotations

import gc
import importlib
import sys

import pytest

from zhengtong.core import heap


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()


def test_settling_takes_what_is_loaded_out_of_the_collectors_walk(unfrozen):
    before = len(gc.get_objects())
    heap.settle()
    assert gc.get_freeze_count() > before / 2
    assert len(gc.get_objects()) < before / 10


def test_each_worker_settles_when_it_loads_the_application(monkeypatch):
    settled = []
    monkeypatch.setattr(heap, "settle", lambda: settled.append(True))
    monkeypatch.delitem(sys.modules, "zhengtong.wsgi", raising=False)
    importlib.import_module("zhengtong.wsgi")
    assert settled == [True]

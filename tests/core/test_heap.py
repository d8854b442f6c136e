"""A web worker settles its heap before its first request (issue 26: every page at city scale). Python's full
collection walked every object Django and the apps had loaded, 82-86 ms on the benchmark machine, a pause that
fell on whichever request was running (the OpenAPI schema's p95 was 103 ms against a p50 of 18)."""

from __future__ import annotations

import gc
import importlib
import sys

import pytest
from django.test import RequestFactory

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


def _served(application, path: str) -> None:
    """One GET through the WSGI application as gunicorn calls it: start, read the body, close."""
    environ = RequestFactory().get(path).environ
    body = application(environ, lambda status, headers, exc_info=None: None)
    b"".join(body)
    body.close()


@pytest.mark.django_db
def test_a_request_is_let_go_when_its_response_closes(unfrozen):
    """Django's request holds its message storage and its lazy user, and each holds the request back: reference
    cycles only the collector frees. A worker whose every request leaves them runs the collector's pauses more
    often (the hall's status lookup left 84 such objects a request, its floor 46). The worker's application lets
    the request go once its response has closed, so they are freed at once."""
    from zhengtong.wsgi import application

    _served(application, "/healthz")  # what the first request loads
    gc.collect()
    gc.freeze()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        _served(application, "/healthz")
        gc.collect()
        left = {type(found).__name__ for found in gc.garbage}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    # django-otp's lazy user keeps a small cycle of its own (the user's is_verified partial holds the lazy user)
    assert not left & {"FallbackStorage", "CookieStorage", "SessionStorage", "SessionStore", "LimitedStream"}

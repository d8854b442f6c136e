"""What one request reads once. A page asks some things many times while it is made: the reader's rights for the
workbench's navigation and for each action's guard, the departments he works in for the queue and for each
case. Asked through `once`, each is read on the first ask and kept until the response is made; outside a
request (a task, a command, a test calling a service) nothing is kept and every ask reads.

A request that writes what was kept (`stop_keeping`, called on the saves and deletes of the tables it was read from)
keeps nothing from then on: every later ask reads, so it sees its own change, and sees it gone if the
transaction that made it rolls back (a signal tells of a save, never of a rollback).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

Value = TypeVar("Value")

_kept: ContextVar[dict | None] = ContextVar("zt_request_memo", default=None)


@contextmanager
def scope() -> Iterator[None]:
    """One request's keeping (RequestMemoMiddleware), or a test's."""
    token = _kept.set({})
    try:
        yield
    finally:
        _kept.reset(token)


def once(key: Hashable, read: Callable[[], Value]) -> Value:
    kept = _kept.get()
    if kept is None:
        return read()
    if key not in kept:
        kept[key] = read()
    return kept[key]


def stop_keeping(**_signal) -> None:
    """This request keeps nothing more (a signal receiver: a write to the tables it was read from)."""
    _kept.set(None)

"""Who is acting, from where: set per request by the middleware, per command or task by `acting_as`."""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    user_id: int | None = None
    name: str = ""
    department_id: int | None = None
    ip: str | None = None
    user_agent: str = ""


SYSTEM = Actor(name="系统")
_current: ContextVar[Actor] = ContextVar("zt_audit_actor", default=SYSTEM)


def current_actor() -> Actor:
    return _current.get()


@contextlib.contextmanager
def acting_as(actor: Actor):
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def client_ip(request) -> str | None:
    # REMOTE_ADDR only: a proxy in front (nginx) must set it from X-Forwarded-For itself; trusting the header
    # here would let anyone write any IP into the audit trail.
    return request.META.get("REMOTE_ADDR") or None

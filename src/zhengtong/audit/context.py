"""Who is acting, from where: set per request by the middleware, per command or task by `acting_as`."""

from __future__ import annotations

import contextlib
import getpass
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.ipv6 import clean_ipv6_address


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


# The rows written while a request runs (the middleware starts each request at zero): a refused request that left
# none is recorded by the middleware, one its guard recorded is not recorded twice.
_written: ContextVar[list[int] | None] = ContextVar("zt_audit_written", default=None)


def count_written() -> None:
    written = _written.get()
    if written is not None:
        written[0] += 1


@contextlib.contextmanager
def acting_as(actor: Actor):
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def console_actor(command: str) -> Actor:
    """The actor of a management command: the operating-system account that ran it, and the command (the console
    is the root of trust: `staff create` makes the first administrators)."""
    return Actor(name=f"命令行:{getpass.getuser()}（{command}）")


def actor_for(user, request) -> Actor:
    """The actor of a request by `user` (anonymous: no user, still the address)."""
    authenticated = bool(user and user.is_authenticated)
    return Actor(
        user_id=user.pk if authenticated else None,
        name=user.get_username() if authenticated else "",
        department_id=getattr(user, "primary_department_id", None) if authenticated else None,
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )


def rebind(user, request) -> None:
    """The request's actor once a later step has authenticated it (an API token, read inside the view after
    the middleware has run): every row written from here on names him. The middleware's reset at the end of
    the request restores the value it found."""
    _current.set(actor_for(user, request))


def client_ip(request) -> str | None:
    # REMOTE_ADDR only: a proxy in front (nginx) must set it from X-Forwarded-For itself; trusting the header
    # here would let anyone write any IP into the audit trail. An IPv6 address is normalised as the database
    # stores it, so that the chains hash what is read back.
    address = request.META.get("REMOTE_ADDR") or None
    if address and ":" in address:
        try:
            return clean_ipv6_address(address)
        except ValidationError:
            return None
    return address

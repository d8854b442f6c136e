"""Timestamps read from PostgreSQL parsed by psycopg's own loader, in C with psycopg[binary].

Django registers a loader of its own for `timestamptz`, a subclass of psycopg's Python one, so that each value
carries Django's tzinfo: every timestamp of every page was parsed in Python, 3.4 µs a value against 0.5 on the
benchmark machine (the clerk's queue page reads 160 of them: 0.46 ms). Django sets each connection's session
to UTC when USE_TZ is on, and psycopg's loader then gives the very values Django's does: aware, in UTC, with
`datetime.timezone.utc` (tests/core/test_pg_timestamps.py). A connection in any other zone keeps Django's loader.

psycopg's C classes cannot be subclassed, so the loader hands each value to one."""

from __future__ import annotations

import datetime as dt

from psycopg import adapters
from psycopg.adapt import Loader
from psycopg.postgres import types
from psycopg.pq import Format

TIMESTAMPTZ = types["timestamptz"].oid
_PSYCOPG = adapters.get_loader(TIMESTAMPTZ, Format.TEXT)  # psycopg's own, before Django registers its


class UtcTimestamptzLoader(Loader):
    timezone = dt.timezone.utc  # Django's create_cursor compares it with the connection's: equal, it adds none

    def __init__(self, oid, context=None):
        super().__init__(oid, context)
        self._psycopg = _PSYCOPG(oid, context)
        self.load = self._psycopg.load  # the C method itself, over the one below: no Python frame a value

    def load(self, data):  # the method Loader asks for; an instance calls the C one above directly
        return self._psycopg.load(data)


def read_in_c(sender, connection, **kwargs) -> None:
    """On each new connection (connection_created): psycopg's loader where the session is in UTC."""
    if connection.vendor == "postgresql" and connection.timezone is dt.timezone.utc:
        connection.connection.adapters.register_loader(TIMESTAMPTZ, UtcTimestamptzLoader)

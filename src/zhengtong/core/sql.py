"""Helpers for the few hot paths that read with plain SQL instead of the ORM."""

from __future__ import annotations

import datetime as dt

from django.utils.dateparse import parse_datetime


def aware(value):
    """A timestamp column read with a raw cursor, as the ORM would return it: aware, in UTC. PostgreSQL returns
    aware datetimes; SQLite returns naive UTC datetimes, or text when the column comes through a UNION."""
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)

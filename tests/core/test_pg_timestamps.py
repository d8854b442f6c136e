"""Timestamps read from PostgreSQL are parsed by psycopg's own loader (C, with psycopg[binary]), not by the loader
Django registers, which is written in Python: 3.4 µs a value against 0.5 on the benchmark machine, 0.46 ms of the
clerk's queue page for its 160 timestamps (core/pg_timestamps.py). The values must stay exactly Django's: aware,
in UTC, with Django's tzinfo, for every timestamp PostgreSQL can give."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from psycopg.postgres import types
from psycopg.pq import Format

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's loaders"),
]

TIMESTAMPTZ = types["timestamptz"].oid

WRITTEN = [
    "2026-12-06 14:00:00+00",
    "2026-12-06 22:00:00.123456+08",  # another zone: read as the same instant in UTC
    "2026-03-29 01:59:59.999999-05:30",
    "1900-01-01 00:00:00+00",
    "0001-01-01 00:00:00+00",
    "9999-12-31 23:59:59.999999+00",
    "1969-12-31 23:59:59.5+00",
    "2024-02-29 12:00:00+14",
]


def _read(cursor, written):
    cursor.execute("SELECT %s::timestamptz", [written])
    return cursor.fetchone()[0]


def test_every_timestamp_reads_as_djangos_loader_reads_it():
    from django.db.backends.postgresql.psycopg_any import register_tzloader

    with connection.cursor() as ours, connection.cursor() as djangos:
        register_tzloader(connection.timezone, djangos.cursor)  # Django's own loader, on this cursor alone
        for written in WRITTEN:
            value, expected = _read(ours, written), _read(djangos, written)
            assert (value, value.tzinfo) == (expected, expected.tzinfo), written
            assert value.tzinfo is dt.timezone.utc
    with connection.cursor() as ours:
        ours.execute("SELECT NULL::timestamptz")
        assert ours.fetchone()[0] is None


def test_the_connection_reads_timestamps_with_psycopgs_own_loader():
    from zhengtong.core.pg_timestamps import UtcTimestamptzLoader

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        loader = cursor.cursor.adapters.get_loader(TIMESTAMPTZ, Format.TEXT)
    assert loader is UtcTimestamptzLoader  # Django's create_cursor kept it: it reads in the connection's zone


def test_the_loaders_own_method_reads_as_the_c_one_it_hands_to():
    from zhengtong.core.pg_timestamps import UtcTimestamptzLoader

    with connection.cursor() as cursor:
        loader = UtcTimestamptzLoader(TIMESTAMPTZ, cursor.cursor)
        assert UtcTimestamptzLoader.load(loader, b"2026-12-06 14:00:00.5+00") == dt.datetime(
            2026, 12, 6, 14, 0, 0, 500000, tzinfo=dt.timezone.utc
        )

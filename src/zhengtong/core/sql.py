"""Helpers for the few hot paths that read with plain SQL instead of the ORM."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime


def aware(value):
    """A timestamp column read with a raw cursor, as the ORM would return it: aware, in UTC. PostgreSQL returns
    aware datetimes; SQLite returns naive UTC datetimes, or text when the column comes through a UNION."""
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def local_dates_sql(*columns: str) -> tuple[list[str], list]:
    """Timestamp columns as their dates in the current time zone, computed by the database: turning each aware
    timestamp into a local date in Python cost a public list page 0.4 ms for its 40 (decision 0011). PostgreSQL
    returns a date, SQLite (Django's own function) its ISO text; `day` reads either. Gives each column's SQL and
    the parameters of all of them, in order."""
    tzname = timezone.get_current_timezone_name()
    expressions, params = [], []
    for column in columns:
        sql, column_params = connection.ops.datetime_cast_date_sql(column, (), tzname)
        expressions.append(sql)
        params += column_params
    return expressions, params


def day(value) -> str:
    """A `local_dates_sql` value as shown on the pages: YYYY-MM-DD, or a dash for none."""
    return str(value) if value is not None else "—"


def lock_for_transaction(key: str) -> None:
    """Serialise transactions on one key until they commit: a PostgreSQL advisory lock. SQLite needs none: its
    write transactions (BEGIN IMMEDIATE, settings) are already serial."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])


def next_key(model) -> int:
    """The primary key the next row of `model` will have (`next_keys` for one row)."""
    return next_keys(model, 1)[0]


def next_keys(model, count: int) -> list[int]:
    """The primary keys of the next `count` rows of `model`, taken before their insert so that a number made from
    a key (a letter's XJ2026…, a request's GK2026-…) is written with its row. Inserting a placeholder and updating
    it after made every concurrent insert wait on the unique placeholder until the transaction before it ended
    (decision 0012).

    PostgreSQL draws from the key's sequence; SQLite reads AUTOINCREMENT's high-water mark, which only the
    insert's own write transaction (BEGIN IMMEDIATE, settings) keeps another writer from reading too, so keys are
    refused outside a transaction on both."""
    if not connection.in_atomic_block:
        raise RuntimeError("next_keys must be called inside the transaction that inserts the rows")
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count]
            )
            return [key for (key,) in cursor.fetchall()]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        high = row[0] if row else 0
        return list(range(high + 1, high + count + 1))

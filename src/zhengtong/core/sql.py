"""Helpers for the few hot paths that read with plain SQL instead of the ORM."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction
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


def blanks(columns) -> str:
    """As many NULLs as `columns`: the place, in one arm of a UNION, of another arm's columns (a statement that reads
    rows of two kinds at once, each kind leaving the other's columns empty)."""
    return ", ".join(["NULL"] * len(columns))


def columns(model, alias: str) -> str:
    """Every stored column of `model` as `alias.column, ...`, in the order `instance` reads them."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column)}" for field in model._meta.concrete_fields)


def instance(model, values):
    """The instance of `model` a plain-SQL row of `columns(model, …)` holds, each value converted as the ORM's
    compiler converts it (an encrypted column decrypted, JSON parsed, a date read from SQLite's text): a hot path
    gets the ORM's object without the cost of compiling the ORM's query (decision 0023)."""
    names, converters = _conversions(model, connection.vendor)
    converted = list(values)
    for position, steps, column in converters:
        for step in steps:
            converted[position] = step(converted[position], column, connection)
    return model.from_db(connection.alias, names, converted)


@functools.cache
def _conversions(model, vendor: str) -> tuple[list[str], list[tuple]]:
    fields = model._meta.concrete_fields
    converters = []
    for position, field in enumerate(fields):
        column = field.get_col(model._meta.db_table)
        steps = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if steps:
            converters.append((position, steps, column))
    return [field.attname for field in fields], converters


def insert(model, **values) -> int:
    """Insert one row of `model` with one plain INSERT and return its key: each value prepared as the ORM prepares
    it (JSON, an encrypted column, a timestamp), the fields not given at their defaults. For an insert on a hot
    path (an exchange call's log row), where building the ORM's insert cost as much as running it."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    computed = [f.attname for f in fields if f.attname not in values and _computed(f)]
    if computed:  # filled by the ORM's pre_save or by the database, which this insert does not ask
        raise TypeError(f"{model.__name__}: give {', '.join(computed)} (insert() fills only Python defaults)")
    params = [field.get_db_prep_save(values.pop(field.attname, field.get_default()), connection) for field in fields]
    if values:
        raise TypeError(f"{model.__name__} has no column {', '.join(values)}")
    quote, pk = connection.ops.quote_name, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
            f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {quote(pk)}",
            params,
        )
        return cursor.fetchone()[0]


def _computed(field) -> bool:
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False) or field.has_db_default()


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


@contextmanager
def planned_for_its_values() -> Iterator[None]:
    """The statements run inside are planned for the values they are given each time, even once psycopg has
    prepared them (settings: ZT_DB_PREPARE). For a look-up whose best plan depends on its values: a prepared
    `LIMIT 1` look-up gets a generic plan that guesses how common a value is, and for one with no rows it read the
    whole table (the service guide's licence check: 66 ms at 1,000,000 grants). One statement more, in a
    transaction; nothing on SQLite, which plans each statement anew."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL plan_cache_mode = force_custom_plan")
        yield


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

"""A small database seeded through the services, grown to a city's size by copying its rows in SQL.

The demo's seed is what the services really write: every state, every clock, every encrypted field. Copying it
keeps those shapes at any size without a loader per table. A table is grown in rounds: round k copies each seeded
row with its primary key moved by k times the largest seeded key, and the rows that hang off it (events, branches,
ratings, follow-ups: every table with a foreign key to it, found from the models) are copied with it, their key to
it moved alike. A table that names its case by a generic key (`subject_type`, `subject_id`: the deadline clocks,
the 好差评 invitations) is copied with each case model it names, only its rows of that model, their `subject_id`
moved as the case's key moved, and the rows under them with them: copied on their own, every copy of a clock
named one of the seeded cases, and a case's page read hundreds of clocks. Unique columns get the round's number
appended, so each copy is a row of its own. One statement per table, on PostgreSQL and on SQLite alike.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from django.apps import apps
from django.db import connection, models

GENERIC = ("subject_type", "subject_id")


def grow(model: type[models.Model], rows: int) -> int:
    """Copy `model`'s rows (and the rows under them) until it holds about `rows`; returns the rows it holds."""
    seeded = model._default_manager.count()
    if not seeded or seeded >= rows:
        return seeded
    rounds = math.ceil(rows / seeded) - 1
    _copy(model, rounds, shifts={}, seen={model})
    return model._default_manager.count()


def _copy(
    model,
    rounds: int,
    shifts: dict[str, Move | None],
    seen: set,
    where: str = "",
    subject: tuple[str, Move] | None = None,
) -> None:
    """Copy the rows of `model` `rounds` times; `shifts` maps a foreign-key column to how its parent's keys moved
    (None for a UUID key). `where` ("{t}" for the table's alias) keeps to some rows (a generic child's of one case
    model, and the rows under those); `subject` is that case model's label and move, by which a `subject_id`
    naming it moves. One INSERT ... SELECT reads the table as it was before the statement."""
    meta = model._meta
    table, pk = meta.db_table, meta.pk.column
    uuid_key = isinstance(meta.pk, models.UUIDField)
    with connection.cursor() as cursor:
        step = None
        condition = f" WHERE {where.format(t='t')}" if where else ""
        if not uuid_key:
            cursor.execute(f"SELECT MAX({_q(pk)}) FROM {_q(table)}")
            top = cursor.fetchone()[0]
            cursor.execute(f"SELECT MIN(t.{_q(pk)}), MAX(t.{_q(pk)}) FROM {_q(table)} t{condition}")
            low, high = cursor.fetchone()
            if top is None or low is None:
                return
            # Round k's copies in the k-th block of keys past the table's largest, one block as wide as the rows
            # copied: a table copied again for another case model (the clocks) grows by what it copies, not by
            # its whole width each time (an int's range ran out).
            span = high - low + 1 if where else top
            step = Move(top - low + 1 - span if where else 0, span)
        moved = set(shifts) | ({"subject_id"} if subject and _generic(model) else set())
        uniques = _unique_columns(model, moved) - {pk} - moved
        columns = [_q(field.column) for field in meta.concrete_fields]
        widest = {}
        for field in meta.concrete_fields:  # a text's longest value, a number's largest
            if field.column in uniques and isinstance(field, models.CharField | models.IntegerField):
                measure = "LENGTH" if isinstance(field, models.CharField) else ""
                cursor.execute(f"SELECT MAX({measure}({_q(field.column)})) FROM {_q(table)}")
                widest[field.column] = cursor.fetchone()[0] or 0
        values = [_value(field, step, shifts, uniques, widest) for field in meta.concrete_fields]
        if subject and _generic(model):
            values[[f.column for f in meta.concrete_fields].index("subject_id")] = _subject_moved(subject[1])
        cursor.execute(
            f"WITH RECURSIVE g(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM g WHERE k < {rounds}) "
            f"INSERT INTO {_q(table)} ({', '.join(columns)}) "
            f"SELECT {', '.join(values)} FROM {_q(table)} t CROSS JOIN g{condition}"
        )
        if connection.vendor == "postgresql" and not uuid_key:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, %s), (SELECT MAX({_q(pk)}) FROM {_q(table)}))", [table, pk]
            )
    for child, column in _children(model):
        if child not in seen and not (_generic(child) and subject is None):
            seen.add(child)
            alias = f"p{len(seen)}"
            under = f"{{t}}.{_q(column)} IN (SELECT {alias}.{_q(pk)} FROM {_q(table)} {alias}"
            under += f" WHERE {where.format(t=alias)})" if where else ")"
            _copy(child, rounds, {column: step}, seen, under if where else "", subject)
    if subject is None and step is not None:  # the tables naming this model's rows by a generic key
        for generic, alone in _generic_tables():
            condition = f"{{t}}.subject_type = '{meta.label_lower}'{alone}"
            _copy(generic, rounds, {}, {generic}, condition, (meta.label_lower, step))


class Move(NamedTuple):
    """Where round k puts a key: key + shift + k * span."""

    shift: int
    span: int


def _generic(model) -> bool:
    names = {f.name for f in model._meta.concrete_fields}
    return set(GENERIC) <= names


def _generic_tables() -> list[tuple[type[models.Model], str]]:
    """The tables naming a case by a generic key, each with the condition on its rows copied with the case: a row
    that also hangs off another such table (a violation off its clock) is copied under that one, so here only the
    rows that hang off none (a violation with no clock: a decision before every opinion)."""
    found = [m for m in apps.get_models() if _generic(m)]
    tables = []
    for model in found:
        parents = [f.column for f in model._meta.concrete_fields if f.is_relation and f.related_model in found]
        tables.append((model, "".join(f" AND {{t}}.{_q(column)} IS NULL" for column in parents)))
    return tables


def _subject_moved(move: Move) -> str:
    column = "t.subject_id"
    if connection.vendor == "postgresql":
        return f"(({column})::bigint + {move.shift} + g.k * {move.span})::text"
    return f"CAST(CAST({column} AS INTEGER) + {move.shift} + g.k * {move.span} AS TEXT)"


def _value(field, step: Move | None, shifts: dict[str, Move | None], uniques: set[str], widest: dict) -> str:
    column = f"t.{_q(field.column)}"
    if field.primary_key:
        return _moved(column, step)
    if field.column in shifts:
        return _moved(column, shifts[field.column])
    if field.column in uniques:
        if isinstance(field, models.CharField):
            # the seeded value and the round: "BL2026000123" -> "BL2026000123-000017"; where that is too long
            # for the column, the round replaces its first six characters (a code's common prefix)
            if widest[field.column] + 7 <= (field.max_length or 10_000):
                moved = f"{column} || '-' || {_padded('g.k')}"
            else:
                moved = f"{_padded('g.k')} || substr({column}, 7)"
            # an empty value stays empty: only a conditional constraint lets rows share it
            return f"CASE WHEN {column} = '' THEN {column} ELSE {moved} END"
        if isinstance(field, models.IntegerField):
            return f"{column} + g.k * {widest[field.column] + 1}"
    return column


def _moved(column: str, step: Move | None) -> str:
    """A key moved to its copy in round k (Move), or a UUID with its last six digits set to k and its version
    digit to 0: a seeded uuid4 may end in six decimal digits, which its own copy in that round would take again,
    but never has version 0."""
    if step is not None:
        return f"{column} + {step.shift} + g.k * {step.span}"
    if connection.vendor == "postgresql":  # xxxxxxxx-xxxx-Vxxx-xxxx-xxxxxxxxxxxx
        return f"(substr({column}::text, 1, 14) || '0' || substr({column}::text, 16, 15) || {_padded('g.k')})::uuid"
    return f"substr({column}, 1, 12) || '0' || substr({column}, 14, 13) || {_padded('g.k')}"  # 32 hex digits


def _padded(expression: str) -> str:
    if connection.vendor == "postgresql":
        return f"lpad(({expression})::text, 6, '0')"
    return f"substr('000000' || ({expression}), -6)"


def _unique_columns(model, moved: set[str] = frozenset()) -> set[str]:
    """One column of every unique field and unique constraint: changing it makes the copy unique (a constraint
    holding a moved key is unique already)."""
    meta = model._meta
    found = {f.column for f in meta.concrete_fields if f.unique}
    groups = [c.fields for c in meta.constraints if isinstance(c, models.UniqueConstraint) and c.fields]
    groups += [tuple(t) for t in meta.unique_together]
    for group in groups:
        fields = [meta.get_field(name) for name in group]
        if not any(f.column in found or f.column in moved for f in fields):
            # a text column when there is one (a number or a code), else the first
            text = [f for f in fields if isinstance(f, models.CharField | models.TextField)]
            found.add((text or fields)[0].column)
    return found


def _children(model) -> list[tuple[type[models.Model], str]]:
    """The tables with a foreign key to `model`, and that key's column."""
    found = []
    for relation in model._meta.related_objects:
        if relation.many_to_many or not relation.field.concrete:
            continue
        found.append((relation.related_model, relation.field.column))
    return found


def _q(name: str) -> str:
    return connection.ops.quote_name(name)

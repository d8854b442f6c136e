"""Triggers that refuse, in the database itself, what the application must never do to a table it only appends
to. They stop a mistake, not the table's owner (he can drop a trigger): a hash chain is the defence against him.
The audit tables have their own (audit/guard.py, older); the exchange log's are declared with `Refusal`."""

from __future__ import annotations

from dataclasses import dataclass

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION zt_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


@dataclass(frozen=True)
class Refusal:
    """One trigger: `verb` (UPDATE or DELETE; a DELETE refusal refuses TRUNCATE too on PostgreSQL) on `table`,
    only of `columns` when given, only where `when` holds (SQL over OLD, the same on both databases)."""

    name: str
    table: str
    verb: str
    message: str
    columns: tuple[str, ...] = ()
    when: str = ""

    def _event(self) -> str:
        return f"{self.verb} OF {', '.join(self.columns)}" if self.columns else self.verb


def install(connection, refusals: tuple[Refusal, ...]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_PG_FUNCTION)
        for r in refusals:
            message = r.message.replace("'", "''")
            when = f" WHEN ({r.when})" if r.when else ""
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"CREATE OR REPLACE TRIGGER {r.name} BEFORE {r._event()} ON {r.table} FOR EACH ROW{when} "
                    f"EXECUTE FUNCTION zt_refuse_change('{message}');"
                )
                if r.verb == "DELETE":
                    cursor.execute(
                        f"CREATE OR REPLACE TRIGGER {r.name}_truncate BEFORE TRUNCATE ON {r.table} "
                        f"FOR EACH STATEMENT EXECUTE FUNCTION zt_refuse_change('{message}');"
                    )
            elif connection.vendor == "sqlite":
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {r.name} BEFORE {r._event()} ON {r.table}{when} "
                    f"BEGIN SELECT RAISE(ABORT, '{message}'); END;"
                )


def remove(connection, refusals: tuple[Refusal, ...]) -> None:
    with connection.cursor() as cursor:
        for r in refusals:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {r.name} ON {r.table};")
                cursor.execute(f"DROP TRIGGER IF EXISTS {r.name}_truncate ON {r.table};")
            elif connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {r.name};")

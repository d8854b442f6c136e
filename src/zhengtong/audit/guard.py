"""The database-level guard on the audit tables: UPDATE, DELETE (and on PostgreSQL TRUNCATE) are refused.

It stops the application from rewriting history by mistake. It is not the defence against someone who owns
the tables (he can drop a trigger): the HMAC chain is. In production the audit tables should belong to a
role other than the application's, which is granted only SELECT and INSERT on them (docs/architecture.md).
"""

from __future__ import annotations

TABLES = ("audit_operationlog", "audit_loginlog")

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION zt_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '审计日志只允许追加，不得修改或删除 (%)', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def install(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_PG_FUNCTION)
            for table in TABLES:
                cursor.execute(
                    f"CREATE OR REPLACE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {table} "
                    f"FOR EACH STATEMENT EXECUTE FUNCTION zt_audit_append_only();"
                )
        elif connection.vendor == "sqlite":
            for table in TABLES:
                for verb in ("UPDATE", "DELETE"):
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                        f"BEGIN SELECT RAISE(ABORT, '审计日志只允许追加，不得修改或删除'); END;"
                    )


def remove(connection) -> None:
    with connection.cursor() as cursor:
        for table in TABLES:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
            elif connection.vendor == "sqlite":
                for verb in ("update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb};")
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS zt_audit_append_only();")

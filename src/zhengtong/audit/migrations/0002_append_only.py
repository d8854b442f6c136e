"""Refuse UPDATE and DELETE on the audit tables at the database itself, so neither a bug nor a stray
`queryset.update()` nor a hand-run SQL statement by the application's own account can rewrite history."""

from django.db import migrations

TABLES = ("audit_operationlog", "audit_loginlog")

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION zt_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '审计日志只允许追加，不得修改或删除 (%)', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION)
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION zt_audit_append_only();"
            )
    elif vendor == "sqlite":
        for table in TABLES:
            for verb in ("UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '审计日志只允许追加，不得修改或删除'); END;"
                )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
        elif vendor == "sqlite":
            for verb in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb};")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS zt_audit_append_only();")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]

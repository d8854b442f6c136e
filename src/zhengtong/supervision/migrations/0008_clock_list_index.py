"""The index the workbench's list of limits is read by, in its order: running limits first, the nearest due
first (models.CLOCK_LIST_ORDER). PostgreSQL sorts NULLs last unless told; SQLite sorts them first and cannot
say NULLS FIRST in an index, so each database gets the index written its way."""

from django.db import migrations

INDEX = {
    "postgresql": "CREATE INDEX clock_list ON supervision_clock (stopped_at NULLS FIRST, due_at)",
    "sqlite": "CREATE INDEX clock_list ON supervision_clock (stopped_at, due_at)",
}


def create(apps, schema_editor):
    schema_editor.execute(INDEX[schema_editor.connection.vendor])


def drop(apps, schema_editor):
    schema_editor.execute("DROP INDEX clock_list")


class Migration(migrations.Migration):
    dependencies = [("supervision", "0007_clock_stopped_at")]

    operations = [migrations.RunPython(create, drop)]

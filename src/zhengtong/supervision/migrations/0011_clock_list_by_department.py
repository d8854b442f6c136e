"""The indexes each department's limits, and each assignee's, are read by in the list's order
(selectors.visible_clocks_in_order): a head's list merges his departments' ranges and his own instead of walking
every limit of the city. Written per database, as clock_list is (0008): PostgreSQL is told NULLS FIRST, SQLite
sorts NULLs first already and cannot say it. Each ends with the key, which breaks the ties of a day's limits."""

from django.db import migrations

INDEXES = {"clock_dept_list": "department_id", "clock_assignee_list": "assignee_id"}
ORDER = {"postgresql": "stopped_at NULLS FIRST, due_at, id", "sqlite": "stopped_at, due_at, id"}


def create(apps, schema_editor):
    order = ORDER[schema_editor.connection.vendor]
    for name, column in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX {name} ON supervision_clock ({column}, {order})")


def drop(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX {name}")


class Migration(migrations.Migration):
    dependencies = [("supervision", "0010_open_limits_by_level")]

    operations = [migrations.RunPython(create, drop)]

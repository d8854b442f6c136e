"""The assignee's own single-column index dropped: clock_assignee_list (0011) and the two indexes of 0014 lead with
the column, and each index more is written on every level change the scan makes. Dropped by name as the database
reports it, not through AlterField: on SQLite that remakes the table, and the remade table would lose the indexes
0008 and 0011 wrote in SQL, which the model's state does not know."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _single(schema_editor, table: str, column: str) -> list[str]:
    with schema_editor.connection.cursor() as cursor:
        found = schema_editor.connection.introspection.get_constraints(cursor, table)
    return [
        name
        for name, info in found.items()
        if info["index"] and not info["unique"] and not info["primary_key"] and info["columns"] == [column]
    ]


def drop(apps, schema_editor):
    for name in _single(schema_editor, "supervision_clock", "assignee_id"):
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def create(apps, schema_editor):
    if not _single(schema_editor, "supervision_clock", "assignee_id"):
        schema_editor.execute("CREATE INDEX supervision_clock_assignee_id ON supervision_clock (assignee_id)")


class Migration(migrations.Migration):

    dependencies = [
        ('supervision', '0014_own_limits_by_level_and_outcome'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='clock',
                    name='assignee',
                    field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='clocks', to=settings.AUTH_USER_MODEL, verbose_name='承办人'),
                ),
            ],
            database_operations=[migrations.RunPython(drop, create)],
        ),
    ]

"""Refuse UPDATE and DELETE on the audit tables in the database itself (see zhengtong.audit.guard)."""

from django.db import migrations

from zhengtong.audit import guard


def forwards(apps, schema_editor):
    guard.install(schema_editor.connection)


def backwards(apps, schema_editor):
    guard.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]

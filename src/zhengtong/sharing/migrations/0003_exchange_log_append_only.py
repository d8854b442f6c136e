"""Refuse deletions and changes to the exchange log in the database itself (zhengtong.sharing.guard)."""

from django.db import migrations

from zhengtong.sharing import guard


def install(apps, schema_editor):
    guard.install(schema_editor.connection)


def remove(apps, schema_editor):
    guard.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("sharing", "0002_staff_home_indexes")]

    operations = [migrations.RunPython(install, remove)]

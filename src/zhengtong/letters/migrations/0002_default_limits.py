"""DOMAIN §5 default limits as rows, so the dispatch centre sees and changes them in the admin."""

from django.db import migrations

DEFAULTS = [
    ("accept", 2, "hours"), ("consultation", 3, "working_days"), ("help", 7, "working_days"),
    ("complaint", 7, "working_days"), ("report", 7, "working_days"), ("suggestion", 7, "working_days"),
    ("praise", 7, "working_days"), ("urgent", 2, "hours"), ("utility", 24, "hours"), ("complex", 15, "working_days"),
]


def seed(apps, schema_editor):
    Limit = apps.get_model("letters", "Limit")
    for key, limit, unit in DEFAULTS:
        Limit.objects.get_or_create(key=key, defaults={"limit": limit, "unit": unit})


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""Each organ has its own 公开指南 office (条例 Art. 12). An office recorded before belonged to the whole site's
guide, which is the government's: it becomes the first government's."""

import django.db.models.deletion
from django.db import migrations, models


def to_the_government(apps, schema_editor):
    GuideOffice = apps.get_model("disclosure", "GuideOffice")
    Department = apps.get_model("org", "Department")
    government = Department.objects.filter(kind="government").order_by("path").first()
    offices = GuideOffice.objects.order_by("pk")
    if government is None:  # no organ to name it under: the guide falls back to the site's contact
        offices.delete()
        return
    first = offices.first()
    if first is not None:
        offices.exclude(pk=first.pk).delete()  # there was only ever one (the admin allowed one)
        first.department = government
        first.save(update_fields=["department"])


class Migration(migrations.Migration):

    dependencies = [
        ("disclosure", "0002_guide_office"),
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="guideoffice",
            name="department",
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="guide_office",
                                       to="org.department", verbose_name="所属机关"),
        ),
        migrations.RunPython(to_the_government, migrations.RunPython.noop),
    ]

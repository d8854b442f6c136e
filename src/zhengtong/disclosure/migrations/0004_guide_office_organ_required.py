"""The office's organ is required once 0003 has given every recorded office one (a separate migration: PostgreSQL
refuses to alter a table in the transaction that updated its rows under a deferred foreign key)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("disclosure", "0003_guide_office_per_organ"),
    ]

    operations = [
        migrations.AlterField(
            model_name="guideoffice",
            name="department",
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name="guide_office",
                                       to="org.department", verbose_name="所属机关"),
        ),
    ]

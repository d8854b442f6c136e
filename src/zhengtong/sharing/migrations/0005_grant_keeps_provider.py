import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_provider(apps, schema_editor):
    """Each grant takes its resource's provider, in one statement."""
    Grant = apps.get_model("sharing", "Grant")
    Resource = apps.get_model("sharing", "Resource")
    Grant.objects.update(
        provider_id=Subquery(Resource.objects.filter(pk=OuterRef("resource_id")).values("provider_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0004_role_edits_site"),
        ("sharing", "0004_uploaded_tables"),
    ]

    operations = [
        migrations.AddField(
            model_name="grant",
            name="provider",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="org.department",
                verbose_name="提供部门",
            ),
        ),
        migrations.RunPython(copy_provider, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="grant",
            name="provider",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="org.department",
                verbose_name="提供部门",
            ),
        ),
        migrations.AddIndex(
            model_name="grant",
            index=models.Index(fields=["consumer", "-granted_at", "-id"], name="grant_consumer_recent"),
        ),
        migrations.AddIndex(
            model_name="grant",
            index=models.Index(fields=["provider", "-granted_at", "-id"], name="grant_provider_recent"),
        ),
    ]

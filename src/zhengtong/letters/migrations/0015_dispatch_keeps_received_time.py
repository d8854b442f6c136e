from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_received_time(apps, schema_editor):
    """Each dispatch takes its letter's received time, in one statement."""
    Assignment = apps.get_model("letters", "Assignment")
    Letter = apps.get_model("letters", "Letter")
    received = Letter.objects.filter(pk=OuterRef("letter_id")).values("received_at")[:1]
    Assignment.objects.update(letter_received_at=Subquery(received))


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0014_more_staff_notes_encrypted"),
        ("org", "0004_role_edits_site"),
    ]

    operations = [
        migrations.AddField(
            model_name="assignment",
            name="letter_received_at",
            field=models.DateTimeField(null=True, verbose_name="来信时间"),
        ),
        migrations.RunPython(copy_received_time, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="assignment",
            name="letter_received_at",
            field=models.DateTimeField(verbose_name="来信时间"),
        ),
        migrations.RemoveIndex(model_name="assignment", name="assignment_queue"),
        migrations.AddIndex(
            model_name="assignment",
            index=models.Index(
                condition=models.Q(("finished_at__isnull", True)),
                fields=["department", "letter_received_at", "letter"],
                name="assignment_open_queue",
            ),
        ),
    ]

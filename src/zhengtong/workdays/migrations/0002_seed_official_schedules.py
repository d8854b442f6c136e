from django.db import migrations


def forwards(apps, schema_editor):
    from zhengtong.workdays.seed import seed_calendar

    seed_calendar(apps.get_model("workdays", "CalendarYear"), apps.get_model("workdays", "CalendarDay"))


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

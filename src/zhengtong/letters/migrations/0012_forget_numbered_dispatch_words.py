"""The dispatcher's learnt words were taken from letters as written, numbers included (an ID number ending in x
was one word): every word with a digit goes, as letter_words no longer learns them (issue 20)."""

from django.db import migrations


def forget_numbered_words(apps, schema_editor):
    apps.get_model("letters", "DispatchWord").objects.filter(word__regex=r"[0-9]").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0011_more_encrypted"),
    ]

    operations = [
        migrations.RunPython(forget_numbered_words, migrations.RunPython.noop),
    ]

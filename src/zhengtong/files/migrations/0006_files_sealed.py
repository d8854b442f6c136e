from django.db import migrations


def seal_files(apps, schema_editor):
    """The files uploaded before files were sealed, sealed under ZT_FIELD_KEY (issue 20: an ID card's scan is no
    more to lie in clear on disk than its number in the database)."""
    from zhengtong.files.services import files_reseal

    _done, failed = files_reseal(apps.get_model("files", "StoredFile"))
    for line in failed:  # a damaged file is no reason to stop the site's upgrade: rotate names it again
        print(f"  未能加密：{line}")


class Migration(migrations.Migration):
    dependencies = [
        ("files", "0005_more_encrypted"),
    ]

    # Not reversed: the files stay sealed, and a file sealed or not is read the same (core.crypto.open_file).
    operations = [migrations.RunPython(seal_files, migrations.RunPython.noop)]

"""Chain the login log: seq, prev_hash and hash, the rows already written chained in their storage order under
the site's audit key (the append-only guard is lifted for that one pass and put back)."""

import django.utils.timezone
from django.db import migrations, models

from zhengtong.audit import guard
from zhengtong.audit.chain import GENESIS, LOGIN_HASHED_FIELDS, entry_hash


def lift_guard(apps, schema_editor):
    guard.remove(schema_editor.connection)


def put_guard_back(apps, schema_editor):
    guard.install(schema_editor.connection)


def chain_existing_rows(apps, schema_editor):
    LoginLog = apps.get_model("audit", "LoginLog")
    prev_hash, batch = GENESIS, []
    for seq, row in enumerate(LoginLog.objects.order_by("pk").iterator(chunk_size=2000), start=1):
        row.seq, row.prev_hash = seq, prev_hash
        row.hash = entry_hash({name: getattr(row, name) for name in LOGIN_HASHED_FIELDS}, names=LOGIN_HASHED_FIELDS)
        prev_hash = row.hash
        batch.append(row)
        if len(batch) >= 2000:
            LoginLog.objects.bulk_update(batch, ["seq", "prev_hash", "hash"])
            batch = []
    LoginLog.objects.bulk_update(batch, ["seq", "prev_hash", "hash"])


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]

    operations = [
        migrations.RunPython(lift_guard, put_guard_back),
        migrations.AddField(
            model_name="loginlog",
            name="seq",
            field=models.PositiveBigIntegerField(null=True, verbose_name="序号"),
        ),
        migrations.AddField(
            model_name="loginlog", name="prev_hash", field=models.CharField(default="", max_length=64)
        ),
        migrations.AddField(model_name="loginlog", name="hash", field=models.CharField(null=True, max_length=64)),
        migrations.AlterField(
            model_name="loginlog",
            name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="时间"),
        ),
        migrations.RunPython(chain_existing_rows, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="loginlog",
            name="seq",
            field=models.PositiveBigIntegerField(unique=True, verbose_name="序号"),
        ),
        migrations.AlterField(
            model_name="loginlog", name="prev_hash", field=models.CharField(max_length=64)
        ),
        migrations.AlterField(model_name="loginlog", name="hash", field=models.CharField(max_length=64, unique=True)),
        migrations.RunPython(put_guard_back, lift_guard),
    ]

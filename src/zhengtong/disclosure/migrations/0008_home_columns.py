"""The home page's columns every government portal has (国办发〔2017〕47号: 信息发布 and 解读回应 on the home page),
created on an existing site so that its home page keeps news after the upgrade; the site's editors rename, reorder
or hide them. Update periods from the inspection indicators: 动态、要闻类 two weeks; 通知公告、政策文件类 six months."""

from django.db import migrations

COLUMNS = [("news", "要闻动态", 14), ("notices", "通知公告", 180), ("interpretations", "政策解读", 180)]


def create(apps, schema_editor):
    Column = apps.get_model("disclosure", "Column")
    for order, (code, name, days) in enumerate(COLUMNS):
        Column.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order, "on_home": True, "update_days": days}
        )


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0007_column_home_and_period")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]

from django.db import migrations, models

SQLITE = [
    # Five columns of space-separated tokens made by search.segment and search.backends; unicode61 splits them
    # only on spaces ("_" joins the two words of a pair, so it is a token character here).
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, words, parts, pairs, meta, "
    "tokenize = \"unicode61 remove_diacritics 0 tokenchars '_'\")",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS search_fts"]
POSTGRES = [
    # No foreign key: Django's flush truncates search_entry without CASCADE and knows nothing of this table;
    # search.services removes both rows in one transaction, and search.apps clears this table after a flush.
    "CREATE TABLE search_tsv (entry_id bigint PRIMARY KEY, tsv tsvector NOT NULL)",
    "CREATE INDEX search_tsv_gin ON search_tsv USING gin (tsv)",
]
POSTGRES_REVERSE = ["DROP TABLE IF EXISTS search_tsv"]


def create_backend_table(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def drop_backend_table(apps, schema_editor):
    for sql in {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Entry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=40, verbose_name="类别")),
                ("kind_label", models.CharField(max_length=40, verbose_name="类别名称")),
                ("object_id", models.CharField(max_length=64)),
                ("title", models.CharField(max_length=500, verbose_name="标题")),
                ("text", models.TextField(blank=True, verbose_name="正文")),
                ("url", models.CharField(max_length=500)),
                ("department_id", models.IntegerField(blank=True, null=True)),
                ("department_name", models.CharField(blank=True, max_length=200, verbose_name="部门")),
                ("category", models.CharField(blank=True, max_length=40, verbose_name="分类代码")),
                ("category_label", models.CharField(blank=True, max_length=100, verbose_name="分类")),
                ("published_at", models.DateTimeField(blank=True, null=True, verbose_name="发布日期")),
                ("indexed_at", models.DateTimeField(auto_now=True)),
            ],
            options={"verbose_name": "索引条目", "verbose_name_plural": "索引条目",
                     "constraints": [models.UniqueConstraint(fields=("kind", "object_id"), name="search_entry_unique")]},
        ),
        migrations.RunPython(create_backend_table, drop_backend_table),
    ]

"""The PostgreSQL GIN index without its pending list (fastupdate off).

With the pending list on, new documents wait in an unsorted list of up to gin_pending_list_limit (4 MB) that
every search reads through before the index itself, and the planner, counting those pages, priced the GIN so
high that it tested rows one by one instead: at 200,000 documents, after 2,000 new ones, a two-word window took
103 ms where the GIN took 5 ms. A government site publishes a few hundred documents a day and is searched all
day, so each new document now goes into the index itself when it is indexed."""

from django.db import migrations


def gin_without_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX search_tsv_gin SET (fastupdate = off)")
        schema_editor.execute("SELECT gin_clean_pending_list('search_tsv_gin'::regclass)")


def gin_with_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX search_tsv_gin SET (fastupdate = on)")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(gin_without_pending_list, gin_with_pending_list)]

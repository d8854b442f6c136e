"""On PostgreSQL with the rum extension available (Debian: postgresql-15-rum), a RUM index that keeps each
lexeme's entries ordered by entry id, so "the newest N matches" is read from the index and stops after N (a GIN
index has to read a common word's whole posting list first). Without the extension, or without the right to
create it, the GIN index stays and search uses it (backends.PostgresBackend decides at run time)."""

import logging

from django.db import migrations

log = logging.getLogger(__name__)

RUM = ("CREATE INDEX IF NOT EXISTS search_tsv_rum ON search_tsv USING rum (tsv rum_tsvector_addon_ops, entry_id) "
       "WITH (attach = 'entry_id', to = 'tsv')")


def add_rum(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            log.warning("search: the rum extension is not installed; PostgreSQL search keeps the GIN index")
            return
        cursor.execute("SAVEPOINT zt_rum")
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
        except Exception as exc:  # e.g. the application's role may not create extensions: GIN stays
            cursor.execute("ROLLBACK TO SAVEPOINT zt_rum")
            log.warning("search: CREATE EXTENSION rum failed (%s); PostgreSQL search keeps the GIN index", exc)
            return
        cursor.execute(RUM)
        cursor.execute("DROP INDEX IF EXISTS search_tsv_gin")


def back_to_gin(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS search_tsv_gin ON search_tsv USING gin (tsv)")
        schema_editor.execute("DROP INDEX IF EXISTS search_tsv_rum")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(add_rum, back_to_gin)]

from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "zhengtong.search"
    verbose_name = "站内搜索"

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(_clear_orphans, sender=self)

    def warm(self) -> str:
        """Called by `zhengtong serve` before the web workers start (search/warm.py)."""
        from .warm import prewarm

        return prewarm()


def _clear_orphans(using="default", **kwargs):
    """`flush` (tests, `zhengtong flush`) empties search_entry but not the backend's own table, which Django does
    not know; it runs post_migrate afterwards, so the words of deleted entries go too."""
    from django.db import connections

    from .backends import PostgresBackend, SqliteBackend
    from .models import Entry

    connection = connections[using]
    if connection.vendor not in ("sqlite", "postgresql") or Entry.objects.using(using).exists():
        return
    if "search_entry" not in connection.introspection.table_names():
        return
    engine = PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
    with connection.cursor() as cursor:
        engine.clear(cursor)

from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "zhengtong.sharing"
    label = "sharing"
    verbose_name = "数据共享"

    def ready(self):
        from . import checks, receivers  # noqa: F401 — the key's deploy check; the enterprise account's register
        from .opendata import register_search

        register_search()

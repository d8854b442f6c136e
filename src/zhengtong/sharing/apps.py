from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "zhengtong.sharing"
    label = "sharing"
    verbose_name = "数据共享"

    def ready(self):
        from . import receivers  # noqa: F401 — the enterprise account reads the legal-person register
        from .opendata import register_search

        register_search()

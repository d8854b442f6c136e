from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zhengtong.core"
    label = "core"
    verbose_name = "基础"

    def ready(self):
        from . import checks  # noqa: F401  deploy checks

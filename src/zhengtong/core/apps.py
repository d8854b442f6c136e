from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zhengtong.core"
    label = "core"
    verbose_name = "基础"

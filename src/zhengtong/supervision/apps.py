from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "zhengtong.supervision"
    label = "supervision"
    verbose_name = "电子监察"

    def ready(self):
        from . import receivers  # noqa: F401  recompute provisional deadlines when a schedule is entered

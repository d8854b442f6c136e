from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "zhengtong.audit"
    label = "audit"
    verbose_name = "审计"

    def ready(self):
        from . import checks, receivers  # noqa: F401  deploy checks, login log receivers

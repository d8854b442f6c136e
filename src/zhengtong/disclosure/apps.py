from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "zhengtong.disclosure"
    label = "disclosure"
    verbose_name = "政务公开"

    def ready(self):
        from zhengtong.evaluation.registry import register as rated

        from .case import RATED, REQUEST
        from .search_index import register

        register()
        rated(REQUEST, RATED)

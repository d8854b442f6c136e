from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "zhengtong.evaluation"
    label = "evaluation"
    verbose_name = "好差评"

    def ready(self):
        from . import checks  # noqa: F401 — registers the weights check

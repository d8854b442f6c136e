from django.apps import AppConfig


class LettersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "zhengtong.letters"
    label = "letters"
    verbose_name = "领导信箱与12345热线"

    def ready(self):
        from zhengtong.evaluation.mentions import register as mentioned
        from zhengtong.evaluation.registry import register as rated

        from .case import LETTER, RATED
        from .search_index import register
        from .selectors import about_staff

        register()
        rated(LETTER, RATED)
        mentioned(about_staff)

from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "zhengtong.search"
    verbose_name = "站内搜索"

from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "zhengtong.workdays"
    label = "workdays"
    verbose_name = "工作日历"

    def ready(self):
        from . import receivers  # noqa: F401  rebuild the index when the table changes

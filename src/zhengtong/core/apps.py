from django.apps import AppConfig

from . import labels

# Before any model class is created (Django imports every app's config before any app's models): each field's
# get_<field>_display is bound to the method as it stands then (core/labels.py).
labels.install()


class CoreConfig(AppConfig):
    name = "zhengtong.core"
    label = "core"
    verbose_name = "基础"

    def ready(self):
        from . import checks  # noqa: F401  deploy checks

    def warm(self) -> str:
        """Called by `zhengtong serve` before the web workers start: a database never analysed is analysed now
        (core/planner.py); later the nightly task keeps its statistics current."""
        from . import planner

        return "查询规划统计：已有" if planner.gathered() else planner.gather()

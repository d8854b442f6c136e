from django.apps import AppConfig


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

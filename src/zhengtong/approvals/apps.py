from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "zhengtong.approvals"
    label = "approvals"
    verbose_name = "网上办事"

    def ready(self):
        from zhengtong.evaluation.registry import register as rated
        from zhengtong.supervision import categories

        from .case import APPLICATION, RATED
        from .search_index import register
        from .selectors import licensing_decisions

        register()
        categories.register_counter(categories.LICENSING, licensing_decisions)
        rated(APPLICATION, RATED)

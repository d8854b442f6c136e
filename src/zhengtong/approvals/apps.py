from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "zhengtong.approvals"
    label = "approvals"
    verbose_name = "网上办事"

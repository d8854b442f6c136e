from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "zhengtong.accounts"
    label = "accounts"
    verbose_name = "账户"

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "zhengtong.portal"
    label = "portal"
    verbose_name = "门户"

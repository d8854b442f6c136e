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
        from django.db.backends.signals import connection_created

        from . import checks  # noqa: F401  deploy checks
        from .pg_timestamps import read_in_c

        connection_created.connect(read_in_c)

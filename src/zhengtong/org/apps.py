from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "zhengtong.org"
    label = "org"
    verbose_name = "组织机构"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from zhengtong.core import request_memo

        from .models import Department, Membership, Role, RoleGrant

        # what a request kept of anyone's standing (access._standing) is read again after it changes one
        for model in (Department, Membership, Role, RoleGrant):
            post_save.connect(request_memo.forget, sender=model, dispatch_uid=f"org.forget.{model.__name__}")
            post_delete.connect(request_memo.forget, sender=model, dispatch_uid=f"org.forget.{model.__name__}")

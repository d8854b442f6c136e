from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "zhengtong.org"
    label = "org"
    verbose_name = "组织机构"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from zhengtong.core import request_memo

        from .models import Department, Membership, Role, RoleGrant

        # a request that changes anyone's standing (access.standing) or data scope (scopes.user_scope) reads it
        # again from then on
        for model in (Department, Membership, Role, RoleGrant):
            uid = f"org.stop_keeping.{model.__name__}"
            post_save.connect(request_memo.stop_keeping, sender=model, dispatch_uid=uid)
            post_delete.connect(request_memo.stop_keeping, sender=model, dispatch_uid=uid)
        chosen = Role.custom_departments.through  # 自定部门
        m2m_changed.connect(request_memo.stop_keeping, sender=chosen, dispatch_uid="org.stop_keeping.chosen")

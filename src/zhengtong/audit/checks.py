"""Deployment checks (`zhengtong check --deploy`) for the audit trail."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def audit_key_set(app_configs, **kwargs):
    """Behind TLS, i.e. in production, the chain key must be its own secret: derived from the secret key, it
    sits in var/ next to the SQLite database, and whoever copies both can re-hash a forged tail."""
    if settings.HTTPS and not settings.AUDIT_KEY:
        return [
            Error(
                "未设置审计日志密钥 ZT_AUDIT_KEY",
                hint="生产环境须单独设置 ZT_AUDIT_KEY，并保存在数据库服务器以外",
                id="zhengtong.E001",
            )
        ]
    return []

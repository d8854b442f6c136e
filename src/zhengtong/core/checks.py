"""Deployment checks (`zhengtong check --deploy`) for the keys that live outside the database."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def field_key_set(app_configs, **kwargs):
    """Behind TLS, i.e. in production, personal data must be encrypted under a key the operator keeps: the
    generated one sits in var/ beside the SQLite database, and whoever copies both reads every ID number."""
    if settings.HTTPS and not settings.FIELD_KEY_FROM_ENV:
        return [
            Error(
                "未设置个人信息加密密钥 ZT_FIELD_KEY",
                hint="生产环境须设置 ZT_FIELD_KEY（zhengtong fieldkeys new 生成），并保存在数据库服务器以外",
                id="zhengtong.E002",
            )
        ]
    return []

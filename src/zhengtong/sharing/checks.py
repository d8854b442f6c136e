"""Deployment checks (`zhengtong check --deploy`) for the exchange log's signing key."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def signing_key_set(app_configs, **kwargs):
    """Behind TLS, i.e. in production, the exchange log is signed with its own key: one derived from the secret
    key changes with it, and every earlier batch would then fail verification."""
    if settings.HTTPS and not settings.EXCHANGE_SIGNING_KEY:
        return [
            Error(
                "未设置数据交换日志签名密钥 ZT_EXCHANGE_SIGNING_KEY",
                hint="生产环境须设置 ZT_EXCHANGE_SIGNING_KEY（32字节 Ed25519 私钥种子，base64），并公布公钥",
                id="sharing.E001",
            )
        ]
    return []

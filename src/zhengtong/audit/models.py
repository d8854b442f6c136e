"""The operation log and the login log: append-only (a database trigger on PostgreSQL and SQLite refuses
UPDATE and DELETE) and, each, an HMAC chain that `zhengtong audit verify` checks.

Actor and department are plain integers, not foreign keys: a log row must never change or vanish because
a user or department is later deleted. Kept at least 6 months (网络安全法 第二十一条).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OperationLog(models.Model):
    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    at = models.DateTimeField(_("时间"), db_index=True)
    actor_id = models.BigIntegerField(_("操作人ID"), null=True, blank=True, db_index=True)
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    department_id = models.BigIntegerField(_("部门ID"), null=True, blank=True, db_index=True)
    action = models.CharField(_("操作"), max_length=100, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=100, blank=True)
    object_id = models.CharField(_("对象ID"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    changes = models.JSONField(_("变更内容"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("操作日志")
        verbose_name_plural = _("操作日志")
        ordering = ["-seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}"


class LoginLog(models.Model):
    class Outcome(models.TextChoices):
        SUCCESS = "success", _("成功")
        FAILURE = "failure", _("失败")
        LOCKED = "locked", _("锁定")
        LOGOUT = "logout", _("退出")
        OTP_FAILURE = "otp_failure", _("动态口令错误")

    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    # Set by login_record before hashing (auto_now_add would stamp it after, and the hash would not hold).
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    username = models.CharField(_("登录名"), max_length=150, db_index=True)
    user_id = models.BigIntegerField(_("用户ID"), null=True, blank=True)
    outcome = models.CharField(_("结果"), max_length=20, choices=Outcome.choices)
    ip = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)
    user_agent = models.CharField(_("浏览器"), max_length=300, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("登录日志")
        verbose_name_plural = _("登录日志")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.username} {self.get_outcome_display()}"

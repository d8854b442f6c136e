"""One user table for the three kinds of identity: 自然人 (citizen), 法人 (enterprise), 工作人员 (staff)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhengtong.core.fields import BlindIndexField, EncryptedModel, EncryptedTextField
from zhengtong.core.masking import mask_id_number, mask_mobile


class User(EncryptedModel, AbstractUser):
    class Kind(models.TextChoices):
        CITIZEN = "citizen", _("自然人")
        ENTERPRISE = "enterprise", _("法人")
        STAFF = "staff", _("工作人员")
        # another system (the 12345 platform, a province's exchange) calling the API with a key: no password
        INTEGRATION = "integration", _("对接系统")

    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.CITIZEN, db_index=True)
    real_name = models.CharField(_("姓名"), max_length=50, blank=True)
    # Encrypted at rest; found and kept unique through their blind indexes (core/crypto.py).
    mobile = EncryptedTextField(_("手机号码"), null=True, blank=True)
    mobile_index = BlindIndexField(source="mobile", unique=True)
    id_number = EncryptedTextField(_("公民身份号码"), null=True, blank=True)
    id_number_index = BlindIndexField(source="id_number", unique=True)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, null=True, blank=True, unique=True)
    enterprise_name = models.CharField(_("单位名称"), max_length=200, blank=True)
    legal_representative = models.CharField(_("法定代表人"), max_length=50, blank=True)
    # Kept by org's membership services (org sits above accounts and may not be imported here); the audit
    # trail reads it to record the actor's department.
    primary_department_id = models.BigIntegerField(_("主部门"), null=True, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.UniqueConstraint(fields=["email"], condition=~Q(email=""), name="accounts_user_email_unique"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.enterprise_name or self.real_name or self.username

    @property
    def is_staff_member(self) -> bool:
        return self.kind == self.Kind.STAFF

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number or "")

    @property
    def masked_mobile(self) -> str:
        return mask_mobile(self.mobile or "")


class ApiToken(models.Model):
    """An API key, stored only as its SHA-256 (the key is high-entropy, so a plain hash cannot be reversed): the
    key itself is shown once, when issued (accounts/tokens.py)."""

    user = models.ForeignKey(User, verbose_name=_("所有人"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("用途"), max_length=100)
    prefix = models.CharField(_("前缀"), max_length=12, help_text=_("密钥的开头几位，用于区分不同的密钥"))
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("签发时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("接口密钥")
        verbose_name_plural = _("接口密钥")

    def __str__(self) -> str:
        return f"{self.user} · {self.name}（{self.prefix}…）"

"""In-site messages and the outbox of every channel. A notification is written in the caller's transaction
and delivered after commit, so a rolled-back case never sends a message."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengtong.core.fields import EncryptedTextField


class Message(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE, related_name="messages"
    )
    title = models.CharField(_("标题"), max_length=200)
    body = EncryptedTextField(_("内容"), blank=True)  # a rectification or a reply copied in: encrypted
    link = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("站内消息")
        verbose_name_plural = _("站内消息")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "-created_at", "-id"], name="message_inbox"),  # the inbox, newest first
        ]

    def __str__(self) -> str:
        return self.title


class Outbox(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("电子邮件")
        SMS = "sms", _("短信")

    class Status(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENDING = "sending", _("发送中")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")

    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    # None for a submitter without an account (a letter's writer who proved his mobile with an SMS code).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    address = EncryptedTextField(_("地址"))  # a mobile or an e-mail: encrypted at rest (core/crypto.py)
    # Encrypted too: a submission's SMS carries the case's query code (issue 22 item 5), and any message may name
    # a person. Read only by delivery (channels.py); never filtered or ordered on.
    title = EncryptedTextField(_("标题"))
    body = EncryptedTextField(_("内容"), blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.CharField(_("错误"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    # When a deliverer took the message (status 发送中): another takes it again only after the lease
    # (notifications/tasks.py), when the first one must have been killed.
    claimed_at = models.DateTimeField(_("领取时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("待发消息")
        verbose_name_plural = _("待发消息")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.address}"


class PhoneCode(models.Model):
    """A one-time SMS code proving that whoever fills a public form can receive messages at that mobile. Only
    keyed hashes are stored: the table never lists the numbers people gave or the codes sent to them."""

    mobile_hash = models.CharField(_("手机号摘要"), max_length=64)
    purpose = models.CharField(_("用途"), max_length=40)
    code_hash = models.CharField(_("验证码摘要"), max_length=64)
    created_at = models.DateTimeField(_("发送时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("失效时间"))
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("短信验证码")
        verbose_name_plural = _("短信验证码")
        indexes = [models.Index(fields=["mobile_hash", "purpose", "created_at"], name="phonecode_lookup")]

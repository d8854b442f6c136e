"""The exchange log: one row per exchange call, answered or refused, inserted as the call ends and never changed
after; every minute the rows since the last seal are put in order, each hashed with the one before it, and the
batch signed (sharing/log.py). Nothing deletes a row."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExchangeBatch(models.Model):
    """A signed seal over the chain up to `last_seq`: the signature covers the last entry's hash (and so, through
    the chain, every entry before it), the count, and the previous batch's signature."""

    first_seq = models.BigIntegerField(_("起始序号"), unique=True)
    last_seq = models.BigIntegerField(_("结束序号"), unique=True)
    last_hash = models.CharField(max_length=64)
    prev_signature = models.TextField(blank=True)
    signature = models.TextField()
    algorithm = models.CharField(max_length=20)
    key_id = models.CharField(max_length=32)
    signed_at = models.DateTimeField(_("签名时间"))

    class Meta:
        verbose_name = _("交换日志签名批次")
        ordering = ["first_seq"]


class ExchangeEntry(models.Model):
    at = models.DateTimeField(_("时间"))
    grant_id = models.BigIntegerField(_("授权"), null=True, blank=True)
    resource_code = models.CharField(_("资源代码"), max_length=40)
    consumer_id = models.BigIntegerField(_("使用部门"), null=True, blank=True)
    provider_id = models.BigIntegerField(_("提供部门"), null=True, blank=True)
    caller = models.CharField(_("调用账号"), max_length=150)
    fields = models.JSONField(_("返回信息项"), default=list)
    # A keyed hash of the query: an ID number asked about is not kept in the log in clear, yet the same query
    # can be matched to its entry when an investigator holds it.
    query_hash = models.CharField(_("查询条件摘要"), max_length=64)
    rows = models.PositiveIntegerField(_("返回条数"), default=0)
    outcome = models.CharField(_("结果"), max_length=60)
    # The chain, written once by the seal that takes the row in (null until then).
    batch = models.ForeignKey(ExchangeBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="entries")
    seq = models.BigIntegerField(_("序号"), null=True, blank=True, unique=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("交换日志")
        indexes = [
            models.Index(fields=["consumer_id", "-at"], name="exchange_consumer"),
            models.Index(fields=["provider_id", "-at"], name="exchange_provider"),
            models.Index(fields=["grant_id"], name="exchange_grant"),
            models.Index(fields=["id"], condition=models.Q(seq__isnull=True), name="exchange_unsealed"),
        ]

"""Share requests (a case: 共享申请, answered within 10 working days) and the grants they end in. A grant fixes
what the consumer department may read: the fields, a row filter, the expiry and a rate."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ShareRequest(models.Model):
    class State(models.TextChoices):
        SUBMITTED = "submitted", _("待审核")
        GRANTED = "granted", _("已同意")
        REFUSED = "refused", _("不予共享")
        WITHDRAWN = "withdrawn", _("已撤回")

    number = models.CharField(_("申请编号"), max_length=30, unique=True)
    resource = models.ForeignKey("sharing.Resource", verbose_name=_("信息资源"), on_delete=models.PROTECT)
    consumer = models.ForeignKey(
        "org.Department", verbose_name=_("申请部门"), on_delete=models.PROTECT, related_name="+"
    )
    provider = models.ForeignKey(
        "org.Department", verbose_name=_("提供部门"), on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.TextField(_("使用用途"))
    fields = models.JSONField(_("申请信息项"), default=list)
    row_filter = models.JSONField(_("数据范围"), default=dict, blank=True)
    period_until = models.DateField(_("使用期限至"))
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.SUBMITTED)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reason = models.TextField(_("审核意见"), blank=True)

    class Meta:
        verbose_name = _("共享申请")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            # The provider's waiting requests, in the list's order to the last key (the home's first 50 waiting
            # were found by walking every request when the order's -id was not in it).
            models.Index(fields=["provider", "state", "-submitted_at", "-id"], name="share_request_waiting"),
            # The staff home's latest requests in scope: each department column's range in order, merged
            # (cases.visibility.newest_visible); the whole list's order for a scope of 全部 or over subtrees.
            models.Index(fields=["consumer", "-submitted_at", "-id"], name="share_request_consumer"),
            models.Index(fields=["provider", "-submitted_at", "-id"], name="share_request_provider"),
            models.Index(fields=["-submitted_at", "-id"], name="share_request_recent"),
        ]

    def __str__(self):
        return self.number


class Grant(models.Model):
    class State(models.TextChoices):
        ACTIVE = "active", _("有效")
        REVOKED = "revoked", _("已撤销")

    request = models.OneToOneField(ShareRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="grant")
    resource = models.ForeignKey("sharing.Resource", verbose_name=_("信息资源"), on_delete=models.PROTECT)
    consumer = models.ForeignKey(
        "org.Department", verbose_name=_("使用部门"), on_delete=models.PROTECT, related_name="+"
    )
    # The resource's, which never changes (services/catalogue.resource_save): kept here so that each side's grants
    # are one index range in the list's order (selectors.department_grants).
    provider = models.ForeignKey(
        "org.Department", verbose_name=_("提供部门"), on_delete=models.PROTECT, related_name="+"
    )
    fields = models.JSONField(_("授权信息项"), default=list)
    row_filter = models.JSONField(_("授权数据范围"), default=dict, blank=True)
    expires_on = models.DateField(_("有效期至"))
    rate_per_minute = models.PositiveIntegerField(_("每分钟调用上限"), default=600)
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.ACTIVE)
    granted_at = models.DateTimeField(_("授权时间"), default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoke_reason = models.CharField(_("撤销理由"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("共享授权")
        ordering = ["-granted_at", "-pk"]
        indexes = [
            models.Index(fields=["consumer", "resource", "state"], name="grant_consumer"),
            models.Index(fields=["consumer", "-granted_at", "-id"], name="grant_consumer_recent"),
            models.Index(fields=["provider", "-granted_at", "-id"], name="grant_provider_recent"),
        ]

    def __str__(self):
        return f"{self.resource.name} → {self.consumer.name}"

    def current(self, today=None) -> bool:
        return self.state == self.State.ACTIVE and self.expires_on >= (today or timezone.localdate())

    @property
    def revocable(self) -> bool:
        return self.state == self.State.ACTIVE

    @property
    def status_label(self) -> str:
        if self.state == self.State.REVOKED:
            return str(self.State.REVOKED.label)
        return str(_("有效")) if self.current() else str(_("已过期"))

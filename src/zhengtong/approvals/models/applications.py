"""Applications and their workflow records: parallel review branches, correction notices, public events."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhengtong.core.fields import EncryptedJSONField, EncryptedTextField


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("待受理")
    CORRECTION = "correction", _("待补正")
    REJECTED = "rejected", _("不予受理")
    REVIEWING = "reviewing", _("审查中")
    JOINING = "joining", _("待决定")
    CONCLUDED = "concluded", _("已办结")
    DELIVERED = "delivered", _("已送达")
    WITHDRAWN = "withdrawn", _("已撤回")


OPEN_STATUSES = (Status.SUBMITTED, Status.CORRECTION, Status.REVIEWING, Status.JOINING)


class Decision(models.TextChoices):
    GRANTED = "granted", _("准予许可")
    DENIED = "denied", _("不予许可")


class Application(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", _("网上申请")
        WINDOW = "window", _("窗口受理")

    receipt_no = models.CharField(_("受理编号"), max_length=30, unique=True)
    query_hash = models.CharField(max_length=64)
    item = models.ForeignKey(
        "approvals.ServiceItem", verbose_name=_("事项"), on_delete=models.PROTECT, related_name="applications"
    )
    lead_department = models.ForeignKey(
        "org.Department", verbose_name=_("牵头部门"), on_delete=models.PROTECT, related_name="+"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人账户"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    applicant_name = models.CharField(_("申请人"), max_length=200)
    contact_mobile = EncryptedTextField(_("联系电话"), blank=True)  # encrypted at rest (core/crypto.py)
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    received_at = models.DateTimeField(_("收件时间"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    data = EncryptedJSONField(_("申请内容"), default=dict)  # what the applicant typed: at rest encrypted
    idempotency_key = models.CharField(max_length=64, blank=True)
    # The first request's item and answers as sent, keyed (cases/lookup.submission_digest): a retry with the key
    # must repeat them, whatever the application and its item's form have become since.
    request_digest = models.CharField(max_length=64, blank=True, editable=False)
    decision = models.CharField(_("办理结果"), max_length=10, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("理由"), blank=True)
    result_doc_no = models.CharField(_("决定文书号"), max_length=100, blank=True)
    certificate_no = models.CharField(_("证照编号"), max_length=100, blank=True)
    concluded_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        indexes = [
            models.Index(fields=["applicant", "-received_at"], name="application_mine"),
            # The id last: a queue section's list, oldest first, breaks ties by it (queue.waiting_in_order).
            models.Index(fields=["lead_department", "status", "received_at", "id"], name="application_queue"),
        ]
        constraints = [
            # A double click or a retried request is the same application.
            models.UniqueConstraint(
                fields=["applicant", "idempotency_key"], condition=~Q(idempotency_key=""), name="application_idempotent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_no} {self.item.name}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ApplicationMaterial(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="materials")
    material = models.ForeignKey(
        "approvals.Material", verbose_name=_("材料"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="+")
    round = models.PositiveSmallIntegerField(_("提交批次"), default=0, help_text=_("0为首次提交，之后为第几次补正"))

    class Meta:
        verbose_name = _("已交材料")
        verbose_name_plural = _("已交材料")
        ordering = ["round", "pk"]


class Branch(models.Model):
    """One department's review in parallel approval (并联审批); the lead's own branch is_lead."""

    class State(models.TextChoices):
        PENDING = "pending", _("审查中")
        AGREED = "agreed", _("同意")
        DISAGREED = "disagreed", _("不同意")
        CLOSED = "closed", _("已终止")  # the application was withdrawn while this branch was pending

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="branches")
    department = models.ForeignKey(
        "org.Department", verbose_name=_("审查部门"), on_delete=models.PROTECT, related_name="+"
    )
    is_lead = models.BooleanField(_("牵头"), default=False)
    # Copied from the application so a department's review queue is one range scan of its own index.
    received_at = models.DateTimeField(_("收件时间"))
    state = models.CharField(_("意见"), max_length=10, choices=State.choices, default=State.PENDING)
    reason = models.TextField(_("理由"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("审查分支")
        verbose_name_plural = _("审查分支")
        ordering = ["-is_lead", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "department"], name="branch_unique")]
        # The application last: the reviews section breaks ties by it (queue.waiting_in_order).
        indexes = [models.Index(fields=["department", "state", "received_at", "application"], name="branch_queue")]


class CorrectionNotice(models.Model):
    """补正告知: everything missing, told once (行政许可法 第三十二条 一次性告知)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="corrections")
    items = models.JSONField(_("需补正内容"))
    issued_at = models.DateTimeField(_("告知时间"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    resolved_at = models.DateTimeField(_("补正时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("补正告知")
        verbose_name_plural = _("补正告知")
        ordering = ["issued_at"]


class Event(models.Model):
    """The public history of an application: every stage with department and time (anyone with the receipt
    number and query code sees these)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("时间"))
    action = models.CharField(_("环节"), max_length=50)
    label = models.CharField(_("说明"), max_length=200)
    department = models.ForeignKey("org.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("办理过程")
        verbose_name_plural = _("办理过程")
        ordering = ["at", "pk"]

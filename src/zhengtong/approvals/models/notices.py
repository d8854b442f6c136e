"""The written notices an application's steps issue (行政许可法 第三十二条 受理/不予受理/补正, 第四十五条 特别程序,
第三十八条、第三十九条 准予/不予行政许可决定): numbered, dated, in the deciding organ's name, kept with the case and
downloadable by the applicant."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    class Kind(models.TextChoices):
        ACCEPTED = "accepted", _("受理通知书")
        REFUSED = "refused", _("不予受理通知书")
        CORRECTION = "correction", _("补正材料通知书")
        SPECIAL = "special", _("特别程序告知书")
        GRANTED = "granted", _("准予行政许可决定书")
        DENIED = "denied", _("不予行政许可决定书")

    application = models.ForeignKey("approvals.Application", on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField(_("文书"), max_length=12, choices=Kind.choices)
    number = models.CharField(_("文号"), max_length=100)
    department = models.ForeignKey(
        "org.Department", verbose_name=_("出具机关"), on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("出具时间"))
    facts = models.JSONField(_("内容"), default=dict)  # what the notice states: reason, items, procedure, days

    class Meta:
        verbose_name = _("书面通知")
        verbose_name_plural = _("书面通知")
        ordering = ["issued_at", "pk"]


class NoticeCounter(models.Model):
    """The last number given per organ, kind and year; its row is locked while a number is taken."""

    department = models.ForeignKey("org.Department", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["department", "kind", "year"], name="notice_counter_unique")]

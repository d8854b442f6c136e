"""An applicant's draft of one item's application: what he typed and the files he chose, kept from the first post
so that a validation error, a check of his answers or a break never makes him choose a file again (issue 22
item 4). One draft per applicant and item; submitting it makes the application and deletes it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengtong.core.fields import EncryptedJSONField


class Draft(models.Model):
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.CASCADE, related_name="+"
    )
    item = models.ForeignKey(
        "approvals.ServiceItem", verbose_name=_("事项"), on_delete=models.CASCADE, related_name="+"
    )
    data = EncryptedJSONField(_("填写内容"), default=dict)  # what the applicant typed: at rest encrypted
    key = models.CharField(max_length=64, blank=True)  # the form's idempotency key: confirming twice is one case
    updated_at = models.DateTimeField(_("保存时间"), auto_now=True)

    class Meta:
        verbose_name = _("申请草稿")
        verbose_name_plural = _("申请草稿")
        constraints = [models.UniqueConstraint(fields=["applicant", "item"], name="draft_one_per_item")]


class DraftMaterial(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="materials")
    material = models.ForeignKey(
        "approvals.Material", verbose_name=_("材料"), on_delete=models.CASCADE, related_name="+"
    )
    file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("草稿材料")
        verbose_name_plural = _("草稿材料")
        constraints = [models.UniqueConstraint(fields=["draft", "material"], name="draft_one_file_per_material")]

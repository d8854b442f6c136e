"""Uploaded files, stored under MEDIA_ROOT (outside the web root: nothing serves that folder directly) by
content hash, and only ever served through a view that checks access."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredFile(models.Model):
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("大小"))
    kind = models.CharField(_("类型"), max_length=10)
    content_type = models.CharField(max_length=100)
    original_name = models.CharField(_("文件名"), max_length=200)
    path = models.CharField(max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("文件")
        verbose_name_plural = _("文件")

    def __str__(self) -> str:
        return self.original_name

"""Uploaded files, stored under MEDIA_ROOT (outside the web root: nothing serves that folder directly) by
content hash, and only ever served through a view that checks access."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengtong.core.fields import EncryptedTextField


class StoredFile(models.Model):
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("大小"))
    kind = models.CharField(_("类型"), max_length=10)
    content_type = models.CharField(max_length=100)
    # a file's name is what its uploader typed (zhangsan13905740015.pdf): at rest encrypted
    original_name = EncryptedTextField(_("文件名"))
    path = models.CharField(max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # made, or last held for a visitor's form (held.py): a file nothing refers to goes a day later (sweep.py)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("文件")
        verbose_name_plural = _("文件")

    def __str__(self) -> str:
        return self.original_name


class FileText(models.Model):
    """What the privacy check reads of a file's content (files/extract/), once per content: two uploads of the
    same bytes share it. Text layers are read when the file is attached; pictures need OCR, seconds each, so a
    file with pictures is READING until a task has read them (files/reading.py)."""

    class State(models.TextChoices):
        READING = "reading", _("正在识别图片")
        READ = "read", _("已读取")
        UNREADABLE = "unreadable", _("无法读取")

    sha256 = models.CharField(max_length=64, unique=True)
    kind = models.CharField(_("类型"), max_length=10)
    state = models.CharField(_("状态"), max_length=12, choices=State.choices)
    text = EncryptedTextField(blank=True)  # what the file holds, personal data included: encrypted
    pictures = models.PositiveIntegerField(_("图片数"), default=0)
    pictures_read = models.PositiveIntegerField(_("已识别图片数"), default=0)
    problem = models.CharField(_("无法读取的原因"), max_length=300, blank=True)
    # The reader's version (files.extract.VERSION) that made it: an earlier reader's reading is made again.
    version = models.PositiveSmallIntegerField(_("读取程序版本"), default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("文件文字")
        verbose_name_plural = _("文件文字")
        indexes = [
            models.Index(fields=["updated_at"], condition=models.Q(state="reading"), name="file_text_reading"),
        ]

    def __str__(self) -> str:
        return self.sha256

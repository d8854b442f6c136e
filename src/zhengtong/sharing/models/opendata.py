"""Open data (公共数据开放): datasets and their downloadable resources, as CKAN names them (package, resource,
organization, group, tag), so CKAN clients and harvesters read the portal as they read CKAN."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .catalogue import Register, UpdateCycle

LICENCES = {
    "cc-by-4.0": "Creative Commons Attribution 4.0",
    "odc-by": "Open Data Commons Attribution License",
    "other-open": "政府数据开放许可（署名）",
}


class Tag(models.Model):
    name = models.CharField(_("标签"), max_length=100, unique=True)

    def __str__(self):
        return self.name


class Group(models.Model):
    """A theme (主题) datasets are grouped under."""

    name = models.SlugField(_("标识"), max_length=100, unique=True)
    title = models.CharField(_("主题"), max_length=100)
    description = models.TextField(_("说明"), blank=True)

    def __str__(self):
        return self.title


class Dataset(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("待发布")
        ACTIVE = "active", _("已开放")
        WITHDRAWN = "withdrawn", _("已撤回")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.SlugField(_("标识"), max_length=100, unique=True)
    title = models.CharField(_("数据集名称"), max_length=200)
    notes = models.TextField(_("数据集描述"), blank=True)
    organization = models.ForeignKey(
        "org.Department", verbose_name=_("数据提供方"), on_delete=models.PROTECT, related_name="+"
    )
    resource = models.ForeignKey(
        "sharing.Resource", verbose_name=_("目录资源"), null=True, blank=True, on_delete=models.PROTECT
    )
    license_id = models.CharField(_("开放许可"), max_length=30, default="cc-by-4.0")
    update_cycle = models.CharField(_("更新周期"), max_length=20, choices=UpdateCycle.choices)
    tags = models.ManyToManyField(Tag, verbose_name=_("标签"), blank=True, related_name="datasets")
    groups = models.ManyToManyField(Group, verbose_name=_("主题"), blank=True, related_name="datasets")
    # A dataset generated from a register: its columns and row filter (the files are made on download). One made
    # from an uploaded table has no register: `columns` holds the table's headings and its rows are DatasetRows.
    register = models.CharField(_("来源基础库"), max_length=20, choices=Register.choices, blank=True)
    columns = models.JSONField(_("开放字段"), default=list, blank=True)
    row_filter = models.JSONField(_("数据范围"), default=dict, blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.DRAFT)
    refusal = models.TextField(_("未通过审查的原因"), blank=True)
    created = models.DateTimeField(_("创建时间"), default=timezone.now)
    modified = models.DateTimeField(_("更新时间"), default=timezone.now)
    downloads = models.PositiveIntegerField(_("下载次数"), default=0)

    class Meta:
        verbose_name = _("开放数据集")
        ordering = ["-modified", "name"]
        indexes = [
            models.Index(fields=["state", "-modified", "name"], name="dataset_recent"),
            models.Index(fields=["state", "name"], name="dataset_name"),
            models.Index(fields=["organization", "state", "-modified"], name="dataset_org"),
            models.Index(fields=["organization", "-modified"], name="dataset_org_any_state"),  # the staff home's
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state == self.State.ACTIVE

    @property
    def license_title(self) -> str:
        return LICENCES.get(self.license_id, self.license_id)


class DatasetRow(models.Model):
    """A row of a table a department uploaded as a dataset (one with no register), its cells as text in the order
    of the dataset's `columns`, which hold the table's headings. Read in key order, as a register's rows are."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="rows")
    values = models.JSONField(default=list)

    class Meta:
        verbose_name = _("数据集表格行")
        ordering = ["pk"]


class DatasetFile(models.Model):
    """A CKAN resource: one downloadable form of the dataset (CSV, JSON, XLSX made from its register, or an
    uploaded file)."""

    class Format(models.TextChoices):
        CSV = "CSV", "CSV"
        JSON = "JSON", "JSON"
        XLSX = "XLSX", "XLSX"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(_("名称"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    format = models.CharField(_("格式"), max_length=10, choices=Format.choices, db_index=True)
    upload = models.ForeignKey("files.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    created = models.DateTimeField(_("创建时间"), default=timezone.now)
    downloads = models.PositiveIntegerField(_("下载次数"), default=0)

    class Meta:
        verbose_name = _("数据资源")
        ordering = ["position", "created"]

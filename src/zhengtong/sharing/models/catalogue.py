"""The government information resource catalogue (政务信息资源目录, GB/T 21063): every metadata field of DOMAIN.md
§6 with its 信息项. A resource is versioned: each save keeps the version it replaced as it read."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ShareClass(models.TextChoices):
    UNCONDITIONAL = "unconditional", _("无条件共享")
    CONDITIONAL = "conditional", _("有条件共享")
    NONE = "none", _("不予共享")


class OpenClass(models.TextChoices):
    OPEN = "open", _("无条件开放")
    CONDITIONAL = "conditional", _("有条件开放")
    CLOSED = "closed", _("不予开放")


class ShareMethod(models.TextChoices):
    INTERFACE = "interface", _("接口共享")
    FILE = "file", _("文件下载")
    DATABASE = "database", _("库表交换")


class ResourceFormat(models.TextChoices):
    DATABASE = "database", _("数据库")
    SPREADSHEET = "spreadsheet", _("电子表格")
    FILE = "file", _("电子文件")
    IMAGE = "image", _("图形图像")
    INTERFACE = "interface", _("接口")


class UpdateCycle(models.TextChoices):
    REALTIME = "realtime", _("实时")
    DAILY = "daily", _("每日")
    WEEKLY = "weekly", _("每周")
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季度")
    YEARLY = "yearly", _("每年")
    IRREGULAR = "irregular", _("不定期")


class Register(models.TextChoices):
    """The base registers (基础信息资源库) whose rows answer a resource's exchange reads."""

    POPULATION = "population", _("人口基础信息库")
    LEGAL_PERSON = "legal_person", _("法人单位基础信息库")
    GEOGRAPHY = "geography", _("自然资源和空间地理基础信息库")
    ECONOMY = "economy", _("宏观经济基础信息库")
    LICENCE = "licence", _("电子证照库")


class DataType(models.TextChoices):
    """信息项的数据类型 (GB/T 21063.3)."""

    TEXT = "C", _("字符型")
    NUMBER = "N", _("数值型")
    DATE = "D", _("日期型")
    DATETIME = "T", _("日期时间型")
    BOOLEAN = "B", _("布尔型")


class Resource(models.Model):
    code = models.CharField(_("资源代码"), max_length=40, unique=True)
    name = models.CharField(_("资源名称"), max_length=200)
    category_class = models.CharField(_("类"), max_length=50)
    category_item = models.CharField(_("项"), max_length=50, blank=True)
    category_section = models.CharField(_("目"), max_length=50, blank=True)
    category_detail = models.CharField(_("细目"), max_length=50, blank=True)
    provider = models.ForeignKey(
        "org.Department", verbose_name=_("资源提供方"), on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(_("资源摘要"))
    format = models.CharField(_("资源格式"), max_length=20, choices=ResourceFormat.choices)
    share_class = models.CharField(_("共享属性"), max_length=20, choices=ShareClass.choices)
    share_condition = models.TextField(_("共享条件"), blank=True)
    share_basis = models.CharField(_("不予共享依据"), max_length=300, blank=True)
    share_method = models.CharField(_("共享方式"), max_length=20, choices=ShareMethod.choices)
    open_class = models.CharField(_("开放属性"), max_length=20, choices=OpenClass.choices, default=OpenClass.CLOSED)
    update_cycle = models.CharField(_("更新周期"), max_length=20, choices=UpdateCycle.choices)
    published_on = models.DateField(_("发布日期"))
    register = models.CharField(_("所属基础库"), max_length=20, choices=Register.choices, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("信息资源")
        verbose_name_plural = _("信息资源目录")
        ordering = ["code"]
        indexes = [models.Index(fields=["provider", "code"], name="resource_provider")]
        constraints = [
            # 不予共享 must name the law or regulation that forbids sharing (DOMAIN.md §6)
            models.CheckConstraint(
                condition=~Q(share_class="none") | ~Q(share_basis=""), name="resource_none_has_basis"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def online(self) -> bool:
        """Answered through the exchange API from a base register."""
        return bool(self.register) and self.share_class != ShareClass.NONE


class ResourceItem(models.Model):
    """信息项: one column of the resource; `key` names the register's column that answers it."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(_("信息项标识"), max_length=40)
    name = models.CharField(_("信息项名称"), max_length=100)
    data_type = models.CharField(_("数据类型"), max_length=1, choices=DataType.choices, default=DataType.TEXT)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("信息项")
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["resource", "key"], name="resource_item_unique")]

    def __str__(self):
        return self.name


class ResourceVersion(models.Model):
    """A resource as it read before an edit replaced it (its fields and items as saved)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("版本"))
    snapshot = models.JSONField(_("内容"))
    saved_at = models.DateTimeField(_("保存时间"), auto_now_add=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["resource", "version"], name="resource_version_unique")]

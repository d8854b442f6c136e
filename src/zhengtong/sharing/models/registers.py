"""The base registers (基础信息资源库) as tables. Each row names its one source department (the department that
answers for it); ID numbers and personal names are stored encrypted with a blind index (decision 0016)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhengtong.core.fields import BlindIndexField, EncryptedModel, EncryptedTextField


class Sourced(models.Model):
    source = models.ForeignKey(
        "org.Department", verbose_name=_("数据来源部门"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.CharField(_("所属区县"), max_length=50, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class Person(Sourced, EncryptedModel):
    """人口基础信息: keyed by the ID number, found through its blind index."""

    id_number = EncryptedTextField(_("公民身份号码"))
    id_index = BlindIndexField(source="id_number", unique=True)
    name = EncryptedTextField(_("姓名"))
    gender = models.CharField(_("性别"), max_length=1, choices=[("M", _("男")), ("F", _("女"))])
    birth_date = models.DateField(_("出生日期"))
    address = EncryptedTextField(_("户籍地址"), blank=True)

    class Meta:
        verbose_name = _("人口")

    def __str__(self):
        return f"人口记录 {self.pk}"  # never the name or number: this string goes into the audit log


class LegalPerson(Sourced):
    """法人单位基础信息, keyed by the unified social credit code."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("存续")
        CANCELLED = "cancelled", _("注销")
        REVOKED = "revoked", _("吊销")

    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("名称"), max_length=200, db_index=True)
    kind = models.CharField(_("类型"), max_length=50)
    legal_representative = models.CharField(_("法定代表人"), max_length=50)
    registered_capital = models.DecimalField(
        _("注册资本（万元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    established_on = models.DateField(_("成立日期"), null=True, blank=True)
    address = models.CharField(_("住所"), max_length=200, blank=True)
    business_scope = models.TextField(_("经营范围"), blank=True)
    status = models.CharField(_("登记状态"), max_length=20, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        verbose_name = _("法人单位")

    def __str__(self):
        return self.name


class Licence(Sourced, EncryptedModel):
    """电子证照: one licence, held by an enterprise (its USCC) or a person (his ID number, encrypted). A licence
    granted in the service hall is written here by the decision that grants it (`application_id`)."""

    class Status(models.TextChoices):
        VALID = "valid", _("有效")
        CANCELLED = "cancelled", _("注销")

    number = models.CharField(_("证照编号"), max_length=100)
    kind = models.CharField(_("证照名称"), max_length=100, db_index=True)
    holder_name = EncryptedTextField(_("持证主体"))  # a person's name when a person holds it
    holder_uscc = models.CharField(_("持证单位代码"), max_length=18, blank=True, db_index=True)
    holder_id = EncryptedTextField(_("持证人身份号码"), blank=True)
    holder_index = BlindIndexField(source="holder_id", db_index=True)
    issued_by = models.ForeignKey(
        "org.Department", verbose_name=_("发证机关"), on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField(_("发证日期"))
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    item_code = models.CharField(_("事项编码"), max_length=64, blank=True)
    application_id = models.BigIntegerField(_("来源办件"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.VALID)

    class Meta:
        verbose_name = _("电子证照")
        constraints = [
            models.UniqueConstraint(
                fields=["application_id"], condition=Q(application_id__isnull=False), name="licence_one_per_application"
            ),
            # numbers are the issuing organ's own series: two organs may use the same one
            models.UniqueConstraint(fields=["issued_by", "number"], name="licence_number_per_organ"),
        ]

    def __str__(self):
        return f"{self.kind} {self.number}"


class GeoArea(Sourced):
    """自然资源和空间地理: administrative areas with their extent and centre."""

    code = models.CharField(_("区划代码"), max_length=12, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=20)
    parent_code = models.CharField(_("上级区划代码"), max_length=12, blank=True, db_index=True)
    area_km2 = models.DecimalField(_("面积（平方公里）"), max_digits=10, decimal_places=2, null=True, blank=True)
    longitude = models.DecimalField(_("中心经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    latitude = models.DecimalField(_("中心纬度"), max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = _("行政区域")


class EconomicIndicator(Sourced):
    """宏观经济: one indicator's value for one period in one district."""

    code = models.CharField(_("指标代码"), max_length=30)
    name = models.CharField(_("指标名称"), max_length=100)
    period = models.CharField(_("统计期"), max_length=7)  # "2026" or "2026-10"
    value = models.DecimalField(_("数值"), max_digits=18, decimal_places=2)
    unit = models.CharField(_("计量单位"), max_length=20)

    class Meta:
        verbose_name = _("宏观经济指标")
        constraints = [
            models.UniqueConstraint(fields=["code", "period", "district"], name="indicator_unique"),
        ]

"""The service catalogue (事项清单) and each item's guide (办事指南, every field of DOMAIN.md §3)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengtong.core.models import TimeStampedModel

# Bounds no guide's figure comes near: a time limit of four years' working days, ninety-nine visits or copies. A
# larger figure is a slip, or a number that is no count at all (a mobile typed as 到现场次数 was published as one).
LONGEST_LIMIT_DAYS = 999
MOST_VISITS_OR_COPIES = 99
_A_LIMIT = [MaxValueValidator(LONGEST_LIMIT_DAYS)]
_A_COUNT = [MaxValueValidator(MOST_VISITS_OR_COPIES)]


class ItemType(models.TextChoices):
    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    ENFORCEMENT = "enforcement", _("行政强制")
    LEVY = "levy", _("行政征收")
    BENEFIT = "benefit", _("行政给付")
    INSPECTION = "inspection", _("行政检查")
    CONFIRMATION = "confirmation", _("行政确认")
    REWARD = "reward", _("行政奖励")
    ADJUDICATION = "adjudication", _("行政裁决")
    OTHER_POWER = "other_power", _("其他行政权力")
    PUBLIC_SERVICE = "public_service", _("公共服务")


class ServiceType(models.TextChoices):
    IMMEDIATE = "immediate", _("即办件")
    PROMISED = "promised", _("承诺件")


class Theme(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业开办与经营")
    CONSTRUCTION = "construction", _("工程建设")
    HOUSEHOLD = "household", _("户籍与证件")
    SOCIAL = "social", _("社保与就业")
    HEALTH = "health", _("医疗卫生")
    EDUCATION = "education", _("教育")
    TRANSPORT = "transport", _("交通出行")
    ENVIRONMENT = "environment", _("生态环境")
    CIVIL = "civil", _("民政与社会组织")
    SAFETY = "safety", _("安全生产")
    OTHER = "other", _("其他")


class ServiceItem(TimeStampedModel):
    code = models.CharField(_("事项编码"), max_length=50, unique=True)
    name = models.CharField(_("事项名称"), max_length=200)
    item_type = models.CharField(_("事项类型"), max_length=20, choices=ItemType.choices)
    service_type = models.CharField(
        _("办件类型"), max_length=20, choices=ServiceType.choices, default=ServiceType.PROMISED
    )
    basis = models.TextField(_("设定依据"))
    lead_department = models.ForeignKey(
        "org.Department", verbose_name=_("实施主体"), on_delete=models.PROTECT, related_name="+"
    )
    co_departments = models.ManyToManyField(
        "org.Department", verbose_name=_("并联审批部门"), blank=True, related_name="+"
    )
    conditions = models.TextField(_("受理条件"))
    process = models.TextField(_("办理流程"))
    legal_limit = models.PositiveIntegerField(_("法定办结时限（工作日）"), validators=_A_LIMIT)
    committed_limit = models.PositiveIntegerField(_("承诺办结时限（工作日）"), validators=_A_LIMIT)
    limit_basis = models.CharField(
        _("法定时限依据"),
        max_length=300,
        blank=True,
        help_text=_(
            "行政许可的法定办结时限超过20个工作日（联合办理、并联审批45个工作日）时，写明规定该时限的法律、法规及条款"
        ),
    )
    accept_limit = models.PositiveIntegerField(
        _("受理时限（工作日）"), default=5, help_text=_("行政许可法第三十二条：五日内一次告知"), validators=_A_LIMIT
    )
    review_limit = models.PositiveIntegerField(_("各部门审查时限（工作日）"), default=5, validators=_A_LIMIT)
    special_steps = models.TextField(_("特殊环节"), blank=True)
    fee = models.TextField(_("收费标准及依据"), default="不收费")
    location = models.CharField(_("办理地点"), max_length=200)
    hours = models.CharField(_("办理时间"), max_length=200)
    visits = models.PositiveSmallIntegerField(_("到现场次数"), default=0, validators=_A_COUNT)
    phone = models.CharField(_("咨询电话"), max_length=50)
    complaint_phone = models.CharField(_("监督投诉电话"), max_length=50)
    result = models.CharField(_("办理结果"), max_length=200)
    delivery = models.CharField(_("送达方式"), max_length=200, default="窗口领取、邮政寄递")
    faq = models.TextField(_("常见问题"), blank=True)
    theme = models.CharField(_("主题"), max_length=20, choices=Theme.choices, default=Theme.OTHER)
    for_citizens = models.BooleanField(_("面向个人"), default=False)
    for_legal_persons = models.BooleanField(_("面向法人"), default=False)
    for_investors = models.BooleanField(_("面向投资者"), default=False)
    online = models.BooleanField(_("可网上申请"), default=True)
    published = models.BooleanField(_("已发布"), default=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    class Meta:
        verbose_name = _("服务事项")
        verbose_name_plural = _("服务事项")
        ordering = ["code"]
        indexes = [models.Index(fields=["lead_department", "published"]), models.Index(fields=["theme", "published"])]

    def __str__(self) -> str:
        return self.name

    @property
    def parallel(self) -> bool:
        return self.co_departments.exists()


class GuideVersion(models.Model):
    """Each published version of a guide, as it read: what an applicant was told is never lost."""

    item = models.ForeignKey(ServiceItem, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("版本"))
    snapshot = models.JSONField(_("内容"))
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("办事指南版本")
        verbose_name_plural = _("办事指南版本")
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["item", "version"], name="guide_version_unique")]


class Material(models.Model):
    class Form(models.TextChoices):
        ORIGINAL = "original", _("原件")
        COPY = "copy", _("复印件")
        ORIGINAL_AND_COPY = "both", _("原件和复印件")

    class Medium(models.TextChoices):
        PAPER = "paper", _("纸质")
        ELECTRONIC = "electronic", _("电子")
        BOTH = "both", _("纸质或电子")

    item = models.ForeignKey(ServiceItem, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField(_("材料名称"), max_length=200)
    form = models.CharField(_("原件/复印件"), max_length=10, choices=Form.choices, default=Form.ORIGINAL)
    copies = models.PositiveSmallIntegerField(_("份数"), default=1, validators=_A_COUNT)
    medium = models.CharField(_("材料形式"), max_length=12, choices=Medium.choices, default=Medium.ELECTRONIC)
    required = models.BooleanField(_("必须提交"), default=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    # The electronic licence this material is (电子证照库's 证照名称): an applicant whose licence the platform holds
    # need not submit it (免提交, DOMAIN.md §6).
    licence_kind = models.CharField(_("对应电子证照"), max_length=100, blank=True)
    blank_form = models.ForeignKey(
        "files.StoredFile",
        verbose_name=_("空白表格"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sample = models.ForeignKey(
        "files.StoredFile",
        verbose_name=_("示例样表"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class FormField(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("单行文字")
        TEXTAREA = "textarea", _("多行文字")
        NUMBER = "number", _("数字")
        DATE = "date", _("日期")
        CHOICE = "choice", _("选择")

    item = models.ForeignKey(ServiceItem, on_delete=models.CASCADE, related_name="fields")
    key = models.SlugField(_("字段标识"), max_length=50)
    label = models.CharField(_("字段名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    required = models.BooleanField(_("必填"), default=True)
    choices = models.CharField(_("选项"), max_length=500, blank=True, help_text=_("用顿号或逗号分隔"))
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("申请表字段")
        verbose_name_plural = _("申请表字段")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["item", "key"], name="form_field_unique")]

    def __str__(self) -> str:
        return self.label

    @property
    def longest(self) -> int:
        """The most characters an answer may hold: a line of text 200, a paragraph 2,000, a number 25 (its own rule
        says which), a choice as long as its options may be; the page's form and the service
        (approvals/services/submit.clean_form) both hold it."""
        longest = {
            self.Kind.TEXTAREA: 2000,
            self.Kind.NUMBER: 25,
            self.Kind.CHOICE: self._meta.get_field("choices").max_length,
        }
        return longest.get(self.kind, 200)

    def choice_list(self) -> list[str]:
        import re

        return [c for c in re.split(r"[、,，]", self.choices) if c.strip()]

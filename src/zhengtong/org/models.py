"""The department tree, posts, staff memberships and roles with data scopes (数据权限)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from zhengtong import privacy
from zhengtong.core.models import TimeStampedModel
from zhengtong.privacy import office


def personal_data_problems(instance, fields: dict[str, str]) -> dict[str, str]:
    """{field: message} for each public field holding someone's personal data (issue 20): in a telephone field
    anything but a landline, in an address field anything but an office's address (privacy/office.py), in a text
    anything but a name (a member of staff named in a duty is named in his role). `fields`: field -> "phone",
    "address" or "text"."""
    problems = {}
    for name, kind in fields.items():
        value = getattr(instance, name) or ""
        if kind == "text":
            found = [f for f in privacy.scan(value) if f.kind != privacy.Kind.NAME]
        else:
            found = office.personal(value, address=kind == "address")
        if found:
            shown = privacy.listed([(f.kind.label, privacy.mask_finding(f)) for f in found])
            label = instance._meta.get_field(name).verbose_name
            problems[name] = _(
                "“%(label)s”含个人信息（%(shown)s），公开后人人可见，请删去或改用办公电话、办公地址。"
            ) % {
                "label": label,
                "shown": shown,
            }
    return problems


def contacts(phone: str, address: str) -> frozenset[str]:
    """An office's telephone and address as written, and as the detector reads them in a text: an address from its
    road on (长江路1166号 in 宁波市北仑区长江路1166号), which is how a citizen writes it. Nothing of a field that
    holds someone's data (a mobile, a home's room), however it got there. Each value is read once per process
    (`office.allowed` keeps what it read)."""
    values: set[str] = set()
    for value, address_field in ((phone, False), (address, True)):
        if value and (read := office.allowed(value, address=address_field)):
            values |= {value, *read}
    return frozenset(values)


class Department(MP_Node, TimeStampedModel):
    """region → government → department → office, as a materialised path: "this department and below" is one
    `path LIKE 'prefix%'` over an index, whatever the depth."""

    class Kind(models.TextChoices):
        REGION = "region", _("行政区域")
        GOVERNMENT = "government", _("人民政府")
        DEPARTMENT = "department", _("工作部门")
        OFFICE = "office", _("内设机构")
        STREET = "street", _("镇（街道）")

    steplen = 4
    node_order_by = ["sort_order", "name"]

    code = models.CharField(_("机构编码"), max_length=32, unique=True)
    name = models.CharField(_("机构名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    kind = models.CharField(_("机构类型"), max_length=20, choices=Kind.choices)
    functions = models.TextField(_("主要职能"), blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")

    PUBLIC_FIELDS = {"functions": "text", "phone": "phone", "address": "address"}  # its public page and the API

    def own_contacts(self) -> set[str]:
        """Its telephone and office address: printed on purpose wherever it publishes, never masked as someone's."""
        return set(contacts(self.phone, self.address))

    def clean(self):
        if problems := personal_data_problems(self, self.PUBLIC_FIELDS):
            raise ValidationError(problems, code="PERSONAL_DATA")

    def __str__(self) -> str:
        return self.name


class Post(TimeStampedModel):
    department = models.ForeignKey(Department, verbose_name=_("机构"), on_delete=models.PROTECT, related_name="posts")
    name = models.CharField(_("职务"), max_length=50)
    is_leader = models.BooleanField(_("领导职务"), default=False)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)

    class Meta:
        verbose_name = _("职务")
        verbose_name_plural = _("职务")
        constraints = [models.UniqueConstraint(fields=["department", "name"], name="org_post_unique")]

    def __str__(self) -> str:
        return f"{self.department.short_name or self.department.name} {self.name}"


class Membership(TimeStampedModel):
    """A staff member in a department, on a post. One membership is primary: it is the user's department."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("人员"), on_delete=models.CASCADE, related_name="memberships"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("机构"), on_delete=models.PROTECT, related_name="memberships"
    )
    post = models.ForeignKey(Post, verbose_name=_("职务"), null=True, blank=True, on_delete=models.SET_NULL)
    is_primary = models.BooleanField(_("主部门"), default=True)
    is_head = models.BooleanField(_("部门负责人"), default=False)
    duties = models.TextField(_("工作职责"), blank=True)
    public_profile = models.BooleanField(_("对外公示"), default=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)

    PUBLIC_FIELDS = {"duties": "text"}  # the public staff profile

    def clean(self):
        if problems := personal_data_problems(self, self.PUBLIC_FIELDS):
            raise ValidationError(problems, code="PERSONAL_DATA")

    class Meta:
        verbose_name = _("人员任职")
        verbose_name_plural = _("人员任职")
        constraints = [
            models.UniqueConstraint(fields=["user", "department"], name="org_membership_unique"),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(is_primary=True), name="org_membership_one_primary"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.department}"


class DataScope(models.TextChoices):
    ALL = "all", _("全部数据")
    CUSTOM = "custom", _("自定部门数据")
    DEPARTMENT = "department", _("本部门数据")
    DEPARTMENT_AND_BELOW = "department_and_below", _("本部门及以下数据")
    SELF = "self", _("仅本人数据")


class Duty(models.TextChoices):
    """三员分立 (等保2.0): three administrator duties, never held together, none doing another's work."""

    NONE = "", _("业务角色")
    SYSTEM = "system", _("系统管理员")
    SECURITY = "security", _("安全管理员")
    AUDIT = "audit", _("审计管理员")


class Role(TimeStampedModel):
    code = models.SlugField(_("角色编码"), max_length=50, unique=True)
    name = models.CharField(_("角色名称"), max_length=50)
    description = models.TextField(_("说明"), blank=True)
    data_scope = models.CharField(_("数据权限"), max_length=30, choices=DataScope.choices, default=DataScope.SELF)
    custom_departments = models.ManyToManyField(Department, verbose_name=_("自定部门"), blank=True, related_name="+")
    duty = models.CharField(_("三员职责"), max_length=20, choices=Duty.choices, blank=True, default=Duty.NONE)
    supervises = models.BooleanField(_("电子监察"), default=False, help_text=_("可查看数据权限范围内的时限监察看板"))
    edits_site = models.BooleanField(
        _("网站编辑"), default=False, help_text=_("可设置网站栏目、首页显示和更新周期，查看网站自查报告")
    )

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")

    def __str__(self) -> str:
        return self.name


class RoleGrant(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("人员"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.ForeignKey(Role, verbose_name=_("角色"), on_delete=models.PROTECT, related_name="grants")
    # An administrator duty granted in the admin counts once a second security administrator approves it (two-
    # person rule); every other grant, and the console's, is approved when made. created_by is the granter.
    approved_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("复核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="org_rolegrant_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.role}"

"""The Chinese admin for system settings, split by 三员 duty.

系统管理员: departments, posts, memberships, site settings. 安全管理员: accounts, roles, grants (an
administrator duty waits for a second security administrator), second factors, lockouts, API keys (listed and
revoked, never issued or read). 审计管理员 has no admin at all: the audit pages on the workbench are his, and
nobody else's. Nobody grants himself anything. Every change made here is written to the audit trail in the
admin's transaction.
"""

from __future__ import annotations

from axes.models import AccessAttempt
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from zhengtong.accounts.models import ApiToken, User
from zhengtong.accounts.tokens import token_revoke
from zhengtong.audit.services import audit_record
from zhengtong.core.errors import InvalidInput, PermissionDenied
from zhengtong.core.models import SiteSettings
from zhengtong.core.paging import CAP, bounded_count

from .duties import has_duty
from .models import Department, Duty, Membership, Post, Role, RoleGrant, personal_data_problems
from .services import check_grant, grant_role, revoke_role, role_grant_approve


class ZtAdminSite(admin.AdminSite):
    site_header = _("政通 系统管理")
    site_title = _("政通 系统管理")
    index_title = _("系统设置")

    def has_permission(self, request):
        return has_duty(request.user, Duty.SYSTEM) or has_duty(request.user, Duty.SECURITY)


site = ZtAdminSite(name="admin")

_ROW_ID = range(-(2**63), 2**63)  # what a database integer key can hold


def _acceptable(field, value) -> bool:
    target = field.target_field if field.is_relation else field
    try:
        cleaned = [target.to_python(v) for v in (value if isinstance(value, list) else [value])]
    except (ValidationError, ValueError, TypeError):
        return False
    return all(not isinstance(c, int) or c in _ROW_ID for c in cleaned)


class _CheckedAutocomplete(AutocompleteSelect):
    """Django's search box looks up the submitted ids unchecked when it shows a form again: `1e999999` was a 500.
    Ids its field would not accept are not looked up (the form names the field's error as usual)."""

    def optgroups(self, name, value, attr=None):
        field = self.field.target_field
        return super().optgroups(name, [v for v in value if _acceptable(field, v)], attr)


class DutyAdmin(admin.ModelAdmin):
    duty: str = Duty.SYSTEM

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = _CheckedAutocomplete(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        """Django pre-fills the add form from the query string and renders a related field's value unchecked:
        `?department=abc`, or an id past 64 bits, answered 500. A value its field would not accept is dropped."""
        initial = super().get_changeform_initial_data(request)
        fields = {f.name: f for f in self.model._meta.get_fields() if f.concrete}
        return {name: v for name, v in initial.items() if name not in fields or _acceptable(fields[name], v)}

    def _allowed(self, request) -> bool:
        return has_duty(request.user, self.duty)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changes = {name: [None, str(form.cleaned_data.get(name))] for name in form.changed_data}
        verb = "change" if change else "create"
        audit_record(action=f"admin.{obj._meta.label_lower}.{verb}", obj=obj, changes=changes)

    def delete_model(self, request, obj):
        audit_record(action=f"admin.{obj._meta.label_lower}.delete", obj=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit_record(action=f"admin.{obj._meta.label_lower}.delete", obj=obj)
        super().delete_queryset(request, queryset)


class SecurityAdmin(DutyAdmin):
    duty = Duty.SECURITY


def _holding(departments) -> list[str]:
    """Each kind of record pointing at any of `departments`, with its count up to 1,000 and where it is."""
    held = []
    for relation in Department._meta.related_objects:
        model = relation.related_model
        if relation.many_to_many or model is Department:
            continue
        rows = model._base_manager.filter(**{f"{relation.field.name}__in": departments})
        count = bounded_count(rows)
        if count:
            shown = f"{CAP}+" if count > CAP else str(count)
            where = rows.order_by().values_list(f"{relation.field.name}__name", flat=True).distinct()[:3]
            held.append(f"{model._meta.verbose_name}：{shown} 条（{'、'.join(where)}）")
    return held


@admin.register(Department, site=site)
class DepartmentAdmin(DutyAdmin, TreeAdmin):
    form = movenodeform_factory(Department, exclude=["created_by", "updated_by"])

    def get_deleted_objects(self, objs, request):
        """Deleting a department deletes its sub-departments (treebeard deletes by path): check those too, so that
        staff, clocks or cases anywhere below protect it and the page says so (it answered 500 at the delete).
        A department anything points at is kept (deactivate it instead): the page names each kind of record that
        holds it, counted up to 1,000, rather than listing every case below it, which at a city's size took
        gigabytes of a worker's memory for the district's root (benchmarks/pages_bench.py)."""
        tree = [d for obj in objs for d in Department.objects.get_tree(obj)]
        held = _holding(tree)
        if held:
            return [str(d) for d in tree], {}, set(), held
        return super().get_deleted_objects(tree, request)

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST":  # treebeard sets the level it shows on GET only; a POST acts on the whole tree
            request._treebeard_parent = None
        return super().changelist_view(request, extra_context)

    list_display = ["name", "code", "kind", "phone", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]


@admin.register(Post, site=site)
class PostAdmin(DutyAdmin):
    list_display = ["name", "department", "is_leader", "sort_order"]
    list_filter = ["is_leader"]
    search_fields = ["name", "department__name"]
    autocomplete_fields = ["department"]
    exclude = ["created_by", "updated_by"]


@admin.register(Membership, site=site)
class MembershipAdmin(DutyAdmin):
    list_display = ["user", "department", "post", "is_primary", "is_head", "public_profile"]
    list_filter = ["is_primary", "is_head", "public_profile"]
    search_fields = ["user__real_name", "user__username", "department__name"]
    autocomplete_fields = ["department"]
    raw_id_fields = ["user", "post"]
    exclude = ["created_by", "updated_by"]


class SiteSettingsForm(forms.ModelForm):
    """The site's settings are printed in every page's footer: read as a department's own contacts are (its
    telephone an office's, its address an office's, its texts holding no one's data). The model stands below the
    privacy reader (core), so its form reads them."""

    PUBLIC_FIELDS = {
        "site_name": "text",
        "host_org": "text",
        "contact_phone": "phone",
        "address": "address",
        "office_hours": "text",
        "statement": "text",
        "privacy_policy": "text",
    }

    class Meta:
        model = SiteSettings
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        read = SiteSettings(**{name: cleaned.get(name) or "" for name in self.PUBLIC_FIELDS})
        for name, problem in personal_data_problems(read, self.PUBLIC_FIELDS).items():
            self.add_error(name, problem)
        return cleaned


@admin.register(SiteSettings, site=site)
class SiteSettingsAdmin(DutyAdmin):
    form = SiteSettingsForm
    list_display = ["site_name", "host_org", "site_code", "icp_record", "police_record"]


@admin.register(User, site=site)
class UserAdmin(SecurityAdmin):
    list_display = ["username", "real_name", "kind", "is_active", "last_login"]
    list_filter = ["kind", "is_active"]
    search_fields = ["username", "real_name", "enterprise_name"]
    fields = ["username", "kind", "real_name", "enterprise_name", "legal_representative", "is_active"]
    readonly_fields = ["username", "kind"]

    def has_add_permission(self, request):
        return False  # staff come from `zhengtong staff create`; citizens and enterprises register themselves

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: history keeps pointing at the person


@admin.register(Role, site=site)
class RoleAdmin(SecurityAdmin):
    """Nobody edits a role he holds (he would be granting himself its new rights), and a role's duty does not change
    while anyone holds it (that would make an administrator without the second approval a grant needs)."""

    list_display = ["name", "code", "data_scope", "duty", "supervises", "edits_site"]
    list_filter = ["data_scope", "duty"]
    filter_horizontal = ["custom_departments"]
    exclude = ["created_by", "updated_by"]

    def has_change_permission(self, request, obj=None):
        held = obj is not None and obj.grants.filter(user=request.user).exists()
        return super().has_change_permission(request, obj) and not held

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return ["duty"] if obj is not None and obj.grants.exists() else []


class RoleGrantForm(forms.ModelForm):
    """Asks the service's own checks, so that the admin says what is wrong beside the fields."""

    granter = None  # the administrator filling the form in (set by RoleGrantAdmin.get_form)

    class Meta:
        model = RoleGrant
        fields = ["user", "role"]

    def clean(self):
        data = super().clean()
        user, role = data.get("user"), data.get("role")
        if user and role:
            try:
                check_grant(user=user, role=role, by=self.granter)
            except InvalidInput as refused:
                raise forms.ValidationError(refused.message, code=refused.code) from refused
        return data


@admin.register(RoleGrant, site=site)
class RoleGrantAdmin(SecurityAdmin):
    """A grant is made or revoked, never edited into another; an administrator duty waits for a second
    security administrator's approval (the "复核通过" action)."""

    form = RoleGrantForm
    list_display = ["user", "role", "created_at", "status"]
    list_filter = ["role"]
    raw_id_fields = ["user"]
    actions = ["approve"]

    @admin.display(description=_("状态"))
    def status(self, grant):
        return (
            _("已生效（%(by)s 复核）") % {"by": grant.approved_by}
            if grant.approved_by
            else (_("已生效") if grant.approved_at else _("待复核"))
        )

    def has_change_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.granter = request.user
        return form

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.user_id != request.user.pk)

    def save_model(self, request, obj, form, change):
        obj.pk = grant_role(user=obj.user, role=obj.role, by=request.user).pk

    def delete_model(self, request, obj):
        revoke_role(user=obj.user, role=obj.role, by=request.user)

    def delete_queryset(self, request, queryset):
        """Each grant through the service (audited), not one bulk DELETE; a selection holding one's own grant is
        refused whole before this (has_delete_permission, Django's delete_selected)."""
        with transaction.atomic():  # Django runs an admin action outside any transaction: all of them or none
            for grant in queryset.select_related("user", "role"):
                revoke_role(user=grant.user, role=grant.role, by=request.user)

    @admin.action(description=_("复核通过所选的管理员职责授权"))
    def approve(self, request, queryset):
        approved = 0
        for grant in queryset.filter(approved_at__isnull=True):
            try:
                role_grant_approve(grant=grant, by=request.user)
            except PermissionDenied as refused:
                self.message_user(request, f"{grant}：{refused.message}", level=messages.ERROR)
            else:
                approved += 1
        if approved:
            self.message_user(request, _("已复核 %(n)d 项授权。") % {"n": approved}, level=messages.SUCCESS)


@admin.register(TOTPDevice, site=site)
class TOTPDeviceAdmin(SecurityAdmin):
    """Resetting a lost authenticator: delete the device, the staff member enrols again at next login."""

    list_display = ["user", "name", "confirmed", "last_used_at"]
    fields = ["user", "name", "confirmed"]
    readonly_fields = ["user"]

    def has_add_permission(self, request):
        return False


@admin.register(StaticDevice, site=site)
class StaticDeviceAdmin(SecurityAdmin):
    list_display = ["user", "name"]
    fields = ["user", "name"]
    readonly_fields = ["user"]

    def has_add_permission(self, request):
        return False


@admin.register(AccessAttempt, site=site)
class AccessAttemptAdmin(SecurityAdmin):
    """Active lockouts; deleting one unlocks that username+IP before its cool-off ends."""

    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    readonly_fields = ["username", "ip_address", "user_agent", "failures_since_start", "attempt_time"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ApiToken, site=site)
class ApiTokenAdmin(SecurityAdmin):
    """Keys are listed and revoked here, never issued or read: their owner issues them after the second factor,
    the console issues them to integration accounts, and only a hash is stored (accounts/tokens.py)."""

    list_display = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__username", "user__real_name", "name", "prefix"]
    fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the audit rows keep pointing at the key

    @admin.action(description=_("吊销所选密钥"))
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True).select_related("user"):
            token_revoke(token=token)
        self.message_user(request, _("已吊销。"), level=messages.SUCCESS)

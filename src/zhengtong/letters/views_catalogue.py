"""The dispatch centre's settings page: the responsibility catalogue (add, edit, choose the fallback, Excel
export) and the handling limits. Other staff see both read-only: a department should know what it owns."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from zhengtong.accounts.access import staff_required
from zhengtong.core.errors import ZtError
from zhengtong.core.excel import xlsx_response
from zhengtong.core.forms import ZtForm, apply_error, message_error, styled
from zhengtong.org.models import Department
from zhengtong.supervision.models import Unit

from . import services
from .case import is_centre
from .models import Kind, Limit, Responsibility, Urgency
from .services.common import DEFAULT_LIMITS


class ResponsibilityForm(ZtForm):
    code = forms.CharField(label=_("类别代码"), max_length=40, help_text=_("小写英文字母、数字、下划线，如 noise"))
    name = forms.CharField(label=_("诉求类别"), max_length=100)
    keywords = forms.CharField(
        label=_("关键词"), max_length=500, required=False, help_text=_("以空格或顿号分隔，用于推荐派单部门")
    )
    department = forms.ModelChoiceField(label=_("责任部门"), queryset=Department.objects.none())
    is_fallback = forms.BooleanField(label=_("兜底部门（职责不清时先派给此部门）"), required=False)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = (
            Department.objects.filter(is_active=True).exclude(kind=Department.Kind.REGION).order_by("path")
        )
        styled(self)


def limit_label(key: str) -> str:
    if key == "accept":
        return str(_("受理（派单中心）"))
    if key in Kind.values:
        return str(Kind(key).label)
    return f"{_('紧急程度')}：{Urgency(key).label}"


def _limits() -> list[dict]:
    rows = {row.key: row for row in Limit.objects.all()}
    return [
        {
            "key": key,
            "label": limit_label(key),
            "limit": rows[key].limit if key in rows else default[0],
            "unit": rows[key].unit if key in rows else default[1],
        }
        for key, default in DEFAULT_LIMITS.items()
    ]


@staff_required
def catalogue(request):
    centre = is_centre(request.user)
    row = get_object_or_404(Responsibility, pk=request.GET["edit"]) if request.GET.get("edit", "").isdigit() else None
    if request.method == "POST":
        row = (
            get_object_or_404(Responsibility, pk=request.POST["row"]) if request.POST.get("row", "").isdigit() else None
        )
        form = ResponsibilityForm(request.POST)
        if form.is_valid():
            try:
                services.responsibility_save(by=request.user, row=row, **form.cleaned_data)
            except ZtError as exc:
                apply_error(form, exc)
            else:
                messages.success(request, _("职责清单已保存。"))
                return redirect("workbench_letters:catalogue")
    else:
        initial = (
            {f: getattr(row, f) for f in ("code", "name", "keywords", "department", "is_fallback", "is_active")}
            if row
            else None
        )
        form = ResponsibilityForm(initial=initial)
    rows = Responsibility.objects.select_related("department").order_by("-is_active", "code")
    return render(
        request,
        "letters/staff_catalogue.html",
        {"form": form, "row": row, "rows": rows, "centre": centre, "limits": _limits(), "units": Unit.choices},
    )


@staff_required
@require_POST
def limit(request, key: str):
    try:
        value = int(request.POST.get("limit", ""))
    except ValueError:
        value = 0
    try:
        services.limit_save(by=request.user, key=key, limit=value, unit=request.POST.get("unit", ""))
    except ZtError as exc:
        message_error(request, exc)
    else:
        messages.success(
            request,
            _("“%(name)s”的时限已改为%(n)s%(unit)s，此后的来信按新时限计算。")
            % {"name": limit_label(key), "n": value, "unit": Unit(request.POST["unit"]).label},
        )
    return redirect("workbench_letters:catalogue")


@staff_required
def catalogue_export(request):
    rows = [
        {
            "code": r.code,
            "name": r.name,
            "keywords": r.keywords,
            "department": r.department.name,
            "fallback": "是" if r.is_fallback else "",
            "active": "是" if r.is_active else "否",
        }
        for r in Responsibility.objects.select_related("department").order_by("code")
    ]
    columns = [
        ("code", "类别代码"),
        ("name", "诉求类别"),
        ("keywords", "关键词"),
        ("department", "责任部门"),
        ("fallback", "兜底"),
        ("active", "启用"),
    ]
    return xlsx_response("来信职责清单", columns, rows)

"""The audit administrator's pages: search the operation log and the login log, export either to Excel.

Only 审计管理员 may open them (三员分立); the pages only read, and every export is itself audited.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengtong.accounts.access import staff_required
from zhengtong.audit.models import LoginLog, OperationLog
from zhengtong.audit.services import audit_record
from zhengtong.core.excel import xlsx_response
from zhengtong.core.paging import page_of, pager_query
from zhengtong.org.duties import has_duty
from zhengtong.org.models import Duty

EXPORT_LIMIT = 100_000


class LogFilter(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, widget=forms.TextInput(attrs={"class": "form-control"}))
    start = forms.DateField(
        label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )
    end = forms.DateField(
        label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("结束日期不能早于开始日期。"), code="DATE_RANGE")
        return data


def _day_bounds(day: dt.date, *, end: bool) -> dt.datetime:
    moment = dt.datetime.combine(day + dt.timedelta(days=1) if end else day, dt.time.min)
    return timezone.make_aware(moment)


def _filtered(queryset, form, text_fields):
    if not form.is_valid():
        return queryset.none()
    data = form.cleaned_data
    if data["start"]:
        queryset = queryset.filter(at__gte=_day_bounds(data["start"], end=False))
    if data["end"]:
        queryset = queryset.filter(at__lt=_day_bounds(data["end"], end=True))
    if data["q"]:
        condition = Q()
        for name in text_fields:
            condition |= Q(**{f"{name}__icontains": data["q"]})
        queryset = queryset.filter(condition)
    return queryset


def _guard(request):
    if not has_duty(request.user, Duty.AUDIT):
        raise PermissionDenied


OPERATION_COLUMNS = [
    ("seq", _("序号")),
    ("at", _("时间")),
    ("actor_name", _("操作人")),
    ("department_id", _("部门ID")),
    ("action", _("操作")),
    ("object_type", _("对象类型")),
    ("object_id", _("对象ID")),
    ("object_repr", _("对象")),
    ("changes", _("变更内容")),
    ("ip", _("IP地址")),
    ("hash", _("哈希")),
]
LOGIN_COLUMNS = [
    ("at", _("时间")),
    ("username", _("登录名")),
    ("get_outcome_display", _("结果")),
    ("ip", _("IP地址")),
    ("user_agent", _("浏览器")),
]


def _log_page(request, *, model, columns, text_fields, template, export_name, action):
    _guard(request)
    form = LogFilter(request.GET or None)
    rows = _filtered(model.objects.all(), form, text_fields) if request.GET else model.objects.all()
    if request.GET.get("format") == "xlsx":
        audit_record(action=action, object_type=model._meta.label_lower, changes={"filter": dict(request.GET.lists())})
        return xlsx_response(export_name, columns, rows[:EXPORT_LIMIT])
    page = page_of(rows, 50, request.GET.get("page"))
    return render(request, template, {"form": form, "page": page, "query": pager_query(request.GET)})


@staff_required
def operation_log(request) -> HttpResponse:
    return _log_page(
        request,
        model=OperationLog,
        columns=OPERATION_COLUMNS,
        text_fields=["actor_name", "action", "object_repr", "object_id"],
        template="workbench/audit_operations.html",
        export_name="操作日志",
        action="audit.operationlog.export",
    )


@staff_required
def login_log(request) -> HttpResponse:
    return _log_page(
        request,
        model=LoginLog,
        columns=LOGIN_COLUMNS,
        text_fields=["username", "ip"],
        template="workbench/audit_logins.html",
        export_name="登录日志",
        action="audit.loginlog.export",
    )

"""依申请公开 and the annual report in the workbench."""

from __future__ import annotations

from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengtong.accounts.access import staff_required
from zhengtong.cases.transitions import allowed_actions, perform
from zhengtong.cases.views import personal
from zhengtong.cases.visibility import visible, visible_case
from zhengtong.core.errors import ZtError
from zhengtong.core.excel import workbook_response
from zhengtong.core.forms import Refused, ZtForm, apply_error, message_error, page_action, styled
from zhengtong.core.paging import page_of
from zhengtong.core.sql import planned_for_its_values
from zhengtong.org import access as org_access
from zhengtong.org.models import Department
from zhengtong.supervision.extensions import pending_extension

from . import answers, report, services
from . import requests as svc
from .actions import REQUEST_ACTIONS
from .case import REQUEST
from .models import ApplicantKind, Category, Channel, Request
from .views_requests import letter_response
from .views_staff import acting_departments


class RegisterForm(ZtForm):
    department = forms.ModelChoiceField(label=_("受理机关"), queryset=Department.objects.none())
    channel = forms.ChoiceField(label=_("申请方式"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    received_on = forms.DateField(
        label=_("收到申请日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("当面提交为提交之日；挂号信为签收之日；平常信函、传真、电子邮件为双方确认之日（条例第三十一条）。"),
    )
    applicant_kind = forms.ChoiceField(label=_("申请人类型"), choices=ApplicantKind.choices)
    applicant_name = forms.CharField(label=_("申请人姓名或名称"), max_length=200)
    identifier = forms.CharField(label=_("身份证件号码或统一社会信用代码"), max_length=30)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=20)
    contact_address = forms.CharField(label=_("通信地址"), max_length=200, required=False)
    content = forms.CharField(label=_("所需信息的描述"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        styled(self)


def _requests(user):
    return visible(REQUEST, user, Request.objects.select_related("department"))


@staff_required
def requests(request):
    departments = acting_departments(request.user)
    form = RegisterForm(request.POST or None, departments=departments, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            created = svc.request_register(by=request.user, **form.cleaned_data)
        except ZtError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("已登记，申请编号 %(no)s。") % {"no": created.receipt_no})
            return redirect("workbench_disclosure:request", pk=created.pk)
    state = request.GET.get("state", "open")
    rows = _requests(request.user)
    rows = rows.filter(state__in=svc.OPEN_STATES) if state == "open" else rows
    with planned_for_its_values():  # its states are parameters: a generic plan read deep pages slowly (0020)
        page = page_of(rows.order_by("received_on", "pk"), 20, request.GET.get("page"))
    return render(
        request,
        "disclosure/staff_requests.html",
        {"form": form, "page": page, "state": state, "query": f"state={state}"},
    )


def _request(request, pk: int) -> Request:
    found = visible_case(REQUEST, request.user, Request.objects.select_related("department"), pk=pk)
    if found is None:
        raise Http404
    return found


@staff_required
def request_detail(request, pk: int):
    return _request_page(request, _request(request, pk))


def _request_page(request, found: Request, refused: Refused = Refused()):
    heads = org_access.heads(found.department_id)
    allowed = allowed_actions(REQUEST, found, request.user)
    return render(
        request,
        "disclosure/staff_request.html",
        {
            "personal": personal("disclosure-requests", found, request.user, allowed),
            "item": found,
            "answer_types": answers.AnswerType.choices,
            "reasons": answers.REASONS,
            "heads": heads,
            "extension": pending_extension(REQUEST.subject, found.pk),
            "allowed": allowed,
            "refused": refused,
        },
        status=refused.status,
    )


@staff_required
@page_action("workbench_disclosure:request", "pk")
def request_act(request, pk: int, action: str):
    found = _request(request, pk)
    if action not in REQUEST_ACTIONS:
        raise Http404
    try:
        perform(REQUEST, REQUEST_ACTIONS, action, found, request.user, request.POST)
    except ZtError as exc:
        # the page again, as of now, with what he typed and why: nothing changed, nothing lost
        return _request_page(request, _request(request, pk), Refused.of(action, request, exc))
    messages.success(request, _("已办理。"))
    return redirect("workbench_disclosure:request", pk=pk)


@staff_required
def request_letter(request, pk: int, fmt: str):
    return letter_response(_request(request, pk), fmt)


class ReportForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2008, max_value=2100)
    department = forms.ModelChoiceField(label=_("机关"), queryset=Department.objects.none())
    penalties = forms.IntegerField(label=_("行政处罚决定数量"), min_value=0, required=False)
    coercion = forms.IntegerField(label=_("行政强制决定数量"), min_value=0, required=False)
    fees = forms.IntegerField(label=_("行政事业性收费金额（万元）"), min_value=0, required=False)
    review = forms.CharField(label=_("行政复议（维持、纠正、其他、尚未审结，用逗号分隔）"), required=False)
    lawsuit = forms.CharField(label=_("行政诉讼（维持、纠正、其他、尚未审结，用逗号分隔）"), required=False)
    overview = forms.CharField(label=_("一、总体情况"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    problems = forms.CharField(
        label=_("五、存在的主要问题及改进情况"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    other = forms.CharField(label=_("六、其他需要报告的事项"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        styled(self)

    def clean_review(self):
        return self._four("review")

    def clean_lawsuit(self):
        return self._four("lawsuit")

    def _four(self, name):
        raw = (self.cleaned_data.get(name) or "").replace("，", ",")
        parts = [p.strip() for p in raw.split(",") if p.strip()] if raw else []
        if parts and (len(parts) != 4 or not all(p.isdigit() for p in parts)):
            raise forms.ValidationError(_("请填写4个非负整数，用逗号分隔。"), code="FOUR_NUMBERS")
        return [int(p) for p in parts] or [0, 0, 0, 0]

    def entered(self) -> dict:
        data = self.cleaned_data
        out = {k: data.get(k) or 0 for k in ("penalties", "coercion", "fees")}
        for kind, name in (("行政复议", "review"), ("行政诉讼", "lawsuit")):
            for column, value in zip(report.APPEAL_COLUMNS[:4], data[name], strict=True):
                out[f"{kind}:{column}"] = value
        return out

    def narrative(self) -> dict:
        return {
            "一": self.cleaned_data.get("overview", ""),
            "五": self.cleaned_data.get("problems", ""),
            "六": self.cleaned_data.get("other", ""),
        }


@staff_required
def annual_report(request):
    departments = acting_departments(request.user)
    data = request.POST or request.GET or None
    form = ReportForm(
        data,
        departments=departments,
        initial={"year": timezone.localdate().year - 1, "department": departments.first()},
    )
    built = None
    if data and form.is_valid():
        built = report.build(
            year=form.cleaned_data["year"],
            department=form.cleaned_data["department"],
            entered=form.entered(),
            narrative=form.narrative(),
        )
        fmt = request.POST.get("format") or request.GET.get("format")
        name = f"{built.department_name}{built.year}年政府信息公开工作年度报告"
        if fmt == "xlsx":
            return workbook_response(name, report.workbook(built))
        if fmt == "pdf":
            response = HttpResponse(report.pdf(built), content_type="application/pdf")
            response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.pdf"
            return response
        if request.method == "POST" and request.POST.get("publish"):
            try:
                document = services.document_create(
                    department=form.cleaned_data["department"],
                    by=request.user,
                    title=name,
                    issuing_org=built.department_name,
                    doc_no="",
                    category=Category.OTHER,
                    topic="general",
                    written_on=timezone.localdate(),
                    body=report.body_html(built),
                )
            except ZtError as exc:
                message_error(request, exc)
            else:
                messages.success(request, _("年度报告已存为草稿，经审核后发布。"))
                return redirect("workbench_disclosure:document", pk=document.pk)
    return render(
        request,
        "disclosure/staff_report.html",
        {"form": form, "report": built, "appeal_columns": report.APPEAL_COLUMNS},
    )

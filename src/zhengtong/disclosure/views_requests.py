"""依申请公开 on the portal: an applicant files a request online, follows it, corrects it once if asked,
withdraws it, and reads and downloads the answer letter."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from zhengtong.core.errors import ZtError
from zhengtong.core.forms import ZtForm, apply_error, message_error, styled
from zhengtong.core.paging import page_of
from zhengtong.evaluation.selectors import invitation_of
from zhengtong.org.models import Department
from zhengtong.supervision.selectors import case_deadline

from . import letters
from . import requests as svc
from .case import REQUEST
from .models import ApplicantKind, Request, RequestState
from .selectors import organs

LEGAL_KINDS = [(k.value, k.label) for k in ApplicantKind if k != ApplicantKind.PERSON]


class RequestForm(ZtForm):
    department = forms.ModelChoiceField(label=_("向哪个机关申请"), queryset=Department.objects.none())
    applicant_kind = forms.ChoiceField(label=_("单位类型"), choices=LEGAL_KINDS, required=False)
    content = forms.CharField(
        label=_("所需政府信息的名称、文号或者便于查询的其他特征性描述"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    contact_phone = forms.CharField(label=_("联系电话"), max_length=20)
    contact_address = forms.CharField(label=_("通信地址"), max_length=200, required=False)
    # One per form shown: the same form sent again (a lost answer, a double click) is one request.
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = organs()
        if user.kind != "enterprise":
            del self.fields["applicant_kind"]
        self.fields["contact_phone"].initial = user.mobile
        self.fields["submission_key"].initial = uuid.uuid4().hex
        styled(self)


def _mine(request, receipt_no: str) -> Request:
    found = Request.objects.select_related("department").filter(receipt_no=receipt_no).first()
    if found is None or found.applicant_id != request.user.pk:
        raise Http404
    return found


@login_required
def new(request):
    user = request.user
    if user.kind == "staff":
        messages.info(request, _("工作人员请在工作台登记书面申请。"))
        return redirect("workbench_disclosure:requests")
    chosen = organs().filter(code=request.GET.get("department", "")).first()  # from that organ's guide
    form = RequestForm(request.POST or None, user=user, initial={"department": chosen})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        enterprise = user.kind == "enterprise"
        try:
            created = svc.request_register(
                department=data["department"],
                by=user,
                content=data["content"],
                contact_phone=data["contact_phone"],
                contact_address=data["contact_address"],
                applicant_kind=(data.get("applicant_kind") or ApplicantKind.BUSINESS)
                if enterprise
                else ApplicantKind.PERSON,
                applicant_name=user.display_name,
                identifier=(user.uscc if enterprise else user.id_number) or "",
                submission_key=data["submission_key"],
            )
        except ZtError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("申请已提交，申请编号 %(no)s。") % {"no": created.receipt_no})
            return redirect("disclosure:request", receipt_no=created.receipt_no)
    return render(request, "disclosure/request_new.html", {"form": form})


@login_required
def mine(request):
    return render(
        request,
        "disclosure/request_mine.html",
        {
            "page": page_of(
                Request.objects.filter(applicant=request.user)
                .select_related("department")
                # the columns the list prints: a whole row decrypted his identity number, phone, address and text
                .only("receipt_no", "received_on", "state", "department__name")
                .order_by("-received_on", "-pk"),
                20,
                request.GET.get("page"),
            )
        },
    )


class CorrectForm(ZtForm):
    content = forms.CharField(
        label=_("补正内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"})
    )


@login_required
def detail(request, receipt_no: str):
    found = _mine(request, receipt_no)
    form = CorrectForm(request.POST or None) if found.state == RequestState.CORRECTION else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            svc.request_correct(request=found, by=request.user, content=form.cleaned_data["content"])
        except ZtError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("补正已提交，答复期限自今日起重新计算。"))
            return redirect("disclosure:request", receipt_no=receipt_no)
    return render(
        request,
        "disclosure/request_detail.html",
        {
            "item": found,
            "form": form,
            "open": found.state in svc.OPEN_STATES,
            "deadline": case_deadline(REQUEST.subject, found.pk),
            "invitation": invitation_of(REQUEST.subject, found.pk, request.user),
        },
    )


@login_required
@require_POST
def withdraw(request, receipt_no: str):
    try:
        svc.request_withdraw(request=_mine(request, receipt_no), by=request.user)
    except ZtError as exc:
        message_error(request, exc)
    else:
        messages.success(request, _("申请已撤回。"))
    return redirect("disclosure:request", receipt_no=receipt_no)


def letter_response(found: Request, fmt: str) -> HttpResponse:
    if not found.answer_type or found.state not in (RequestState.ANSWERED, RequestState.DELIVERED):
        raise Http404
    if fmt == "pdf":
        response = HttpResponse(letters.letter_pdf(found), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{found.receipt_no}.pdf"'
        return response
    return HttpResponse(letters.letter_html(found))


@login_required
def letter(request, receipt_no: str, fmt: str = "html"):
    return letter_response(_mine(request, receipt_no), fmt)

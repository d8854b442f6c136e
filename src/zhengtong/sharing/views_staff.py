"""数据共享 in the workbench: the resource catalogue (every department's, as the catalogue is shared), cataloguing
for the provider's staff with Excel in and out, share requests (the consumer's and the provider's, through the
case engine's visibility), grants with their usage, and the department's open datasets."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from zhengtong.accounts.access import staff_required
from zhengtong.cases.guards import refusal_recorded, refusals_audited
from zhengtong.cases.transitions import allowed_actions, state_first, written_numbers_refused
from zhengtong.cases.visibility import newest_visible, visible, visible_case
from zhengtong.core.errors import ZtError
from zhengtong.core.excel import xlsx_response
from zhengtong.core.forms import apply_error, message_error
from zhengtong.core.paging import page_of, pager_query
from zhengtong.files.intake import MAX_BYTES
from zhengtong.org.access import departments_of, workplaces, works_in
from zhengtong.supervision.models import Clock

from . import opendata
from .actions import pairs
from .case import SHARE_REQUEST, SUBJECT
from .forms import DatasetForm, GrantForm, ReasonForm, ResourceForm, ShareRequestForm
from .models import Dataset, Grant, Resource, ShareClass, ShareRequest
from .selectors import grant_usage
from .services.catalogue import COLUMNS, catalogue_import, export_row, resource_save
from .services.requests import (
    grant_revoke,
    share_request_grant,
    share_request_refuse,
    share_request_submit,
    share_request_withdraw,
)
from .tables import open_workbook

PAGE_SIZE = 30


def _resources(request):
    rows = Resource.objects.select_related("provider").order_by("code")
    q = request.GET.get("q", "").strip()[:50]
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(code__icontains=q) | Q(summary__icontains=q))
    share = request.GET.get("share", "")
    if share in ShareClass.values:
        rows = rows.filter(share_class=share)
    if request.GET.get("mine"):
        rows = rows.filter(provider_id__in=workplaces(request.user))
    return rows, q, share


@staff_required
def index(request):
    rows, q, share = _resources(request)
    page = page_of(rows, PAGE_SIZE, request.GET.get("page"))
    places = workplaces(request.user)
    listed = ShareRequest.objects.select_related("resource", "consumer", "provider")
    requests = visible(SHARE_REQUEST, request.user, listed)
    return render(
        request,
        "sharing/staff_index.html",
        {
            "page": page,
            "q": q,
            "share": share,
            "share_classes": ShareClass.choices,
            "query": pager_query(request.GET),
            # his own request waits on his colleagues, not on him (services.requests._act)
            "waiting": requests.filter(state=ShareRequest.State.SUBMITTED, provider_id__in=places).exclude(
                applicant=request.user
            )[:50],
            "recent": newest_visible(SHARE_REQUEST, request.user, listed, ("-submitted_at", "-id"), 20),
            "datasets": Dataset.objects.filter(organization_id__in=places).order_by("-modified")[:50],
            "catalogues": bool(places),  # an administrator (三员) works nowhere: he catalogues nothing
        },
    )


@staff_required
def catalogue_export(request):
    rows, _q, _share = _resources(request)
    return xlsx_response("信息资源目录", COLUMNS, (export_row(r) for r in rows.prefetch_related("items")))


@staff_required
@require_POST
def catalogue_upload(request):
    upload = request.FILES.get("book")
    if upload is None:
        messages.error(request, "请选择要导入的 Excel 文件（.xlsx）。", extra_tags="SHARING_IMPORT_FILE")
        return redirect("workbench_sharing:index")
    try:
        book = open_workbook(upload.read(MAX_BYTES + 1))  # the intake's zip checks first (tables.open_workbook)
        result = catalogue_import(book=book, by=request.user)  # its sheet read within bounds (tables.bounded_rows)
    except ZtError as exc:
        messages.error(request, exc.message, extra_tags="SHARING_IMPORT_FILE")
        return redirect("workbench_sharing:index")
    if result["errors"]:
        return render(request, "sharing/staff_import.html", {"errors": result["errors"]}, status=400)
    messages.success(request, f"已导入 {result['saved']} 个资源。")
    return redirect("workbench_sharing:index")


@staff_required
def resource(request, code: str):
    found = get_object_or_404(Resource.objects.select_related("provider"), code=code)
    places = workplaces(request.user)
    mine = found.provider_id in places
    asking = [d for d in departments_of(request.user) if d.pk != found.provider_id]
    form = None
    if found.share_class != ShareClass.NONE and asking:
        form = ShareRequestForm(request.POST or None, resource=found, departments=asking)
        if request.method == "POST" and form.is_valid():
            try:
                created = share_request_submit(
                    resource=found,
                    consumer=form.cleaned_data["consumer"],
                    by=request.user,
                    purpose=form.cleaned_data["purpose"],
                    fields=form.cleaned_data["fields"],
                    period_until=form.cleaned_data["period_until"],
                    row_filter=pairs(form.data, "row_filter"),
                )
            except ZtError as exc:
                apply_error(form, exc)
            else:
                messages.success(request, f"共享申请 {created.number} 已提交（{created.get_state_display()}）。")
                return redirect("workbench_sharing:request", pk=created.pk)
    grants = list(
        Grant.objects.filter(resource=found)
        .filter(Q(consumer_id__in=places) | Q(provider_id__in=places))
        .select_related("consumer")
    )
    usage = grant_usage(g.pk for g in grants)
    for grant in grants:
        grant.usage = usage.get(grant.pk, {})
    return render(
        request,
        "sharing/staff_resource.html",
        {
            "resource": found,
            "items": found.items.all(),
            "versions": [(v, sorted(v.snapshot.items())) for v in found.versions.all()[:20]],
            "mine": mine,
            "form": form,
            "grants": grants,
        },
    )


@staff_required
def resource_edit(request, code: str | None = None):
    found = get_object_or_404(Resource, code=code) if code else None
    providers = [d for d in departments_of(request.user)]
    if found is not None and not works_in(request.user, found.provider_id):
        raise Http404
    if not providers:
        raise Http404
    form = ResourceForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        chosen = request.POST.get("provider", "")
        provider = (
            found.provider_id if found else next((d.pk for d in providers if str(d.pk) == chosen), providers[0].pk)
        )
        try:
            saved = resource_save(
                by=request.user,
                provider=provider,
                values={k: form.cleaned_data.get(k) for k in form.Meta.fields},
                items=form.item_rows(),
                resource=found,
            )
        except ZtError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, f"资源 {saved.code} 已保存（第 {saved.version} 版）。")
            return redirect("workbench_sharing:resource", code=saved.code)
    return render(
        request, "sharing/staff_resource_edit.html", {"form": form, "resource": found, "providers": providers}
    )


def _grant(found, user, form):
    if form is None:  # the step is not his (the state was checked first): the service's guard says why
        return share_request_grant(request=found, by=user)
    data = form.cleaned_data
    return share_request_grant(
        request=found,
        by=user,
        fields=data["fields"],
        row_filter=pairs(form.data, "row_filter"),
        expires_on=data["expires_on"],
        rate_per_minute=data["rate_per_minute"],
        reason=data["reason"],
    )


def _refuse(found, user, form):
    return share_request_refuse(request=found, by=user, reason=form.cleaned_data["reason"] if form else "")


# The page's steps, each from its form's cleaned values (the form's errors name its fields in Chinese).
_PAGE_STEPS = {
    "grant": _grant,
    "refuse": _refuse,
    "withdraw": lambda found, user, form: share_request_withdraw(request=found, by=user),
}
_DONE = {"grant": "已同意共享，授权已生效。", "refuse": "已答复不予共享。", "withdraw": "申请已撤回。"}


def _visible_request(request, pk: int) -> ShareRequest:
    found = visible_case(
        SHARE_REQUEST,
        request.user,
        ShareRequest.objects.select_related("resource", "consumer", "provider", "applicant"),
        pk=pk,
    )
    if found is None:
        raise Http404
    return found


@staff_required
def share_request(request, pk: int):
    found = _visible_request(request, pk)
    actions = allowed_actions(SHARE_REQUEST, found, request.user)
    grant_form = GrantForm(request.POST or None, request=found) if "grant" in actions else None
    refuse_form = (
        ReasonForm(request.POST or None, label="不予共享的理由和依据", prefix="refuse") if "refuse" in actions else None
    )
    if request.method == "POST":
        step = request.POST.get("action", "")
        if step not in _PAGE_STEPS:
            raise Http404
        form = {"grant": grant_form, "refuse": refuse_form}.get(step)
        try:
            # through the case engine as the API takes it: the state first, every refusal audited. A form is None
            # when its step is not open to him here; the engine then says why (the state, or the service's 403).
            with refusals_audited(SHARE_REQUEST, request.user, found, step):
                state_first(SHARE_REQUEST, step, found, request.user)
                written_numbers_refused(SHARE_REQUEST, step, request.POST)
                if form is None or form.is_valid():
                    _PAGE_STEPS[step](found, request.user, form)
                    messages.success(request, _DONE[step])
                    return redirect("workbench_sharing:request", pk=pk)
                refusal_recorded(SHARE_REQUEST, request.user, found, step)  # as the API's 400 is
        except ZtError as exc:
            if form is not None:
                apply_error(form, exc)
            else:
                message_error(request, exc)
    grant = Grant.objects.filter(request=found).first()
    return render(
        request,
        "sharing/staff_request.html",
        {
            "case": found,
            "labels": dict(found.resource.items.values_list("key", "name")),
            "actions": actions,
            "grant_form": grant_form,
            "refuse_form": refuse_form,
            "grant": grant,
            "usage": grant_usage([grant.pk]).get(grant.pk, {}) if grant else {},
            "clocks": Clock.objects.filter(subject_type=SUBJECT, subject_id=str(found.pk)).order_by("started_at"),
        },
    )


@staff_required
@require_POST
def revoke(request, pk: int):
    grant = get_object_or_404(Grant.objects.select_related("resource"), pk=pk)
    if not works_in(request.user, grant.resource.provider_id):
        raise Http404
    try:
        grant_revoke(grant=grant, by=request.user, reason=request.POST.get("reason", ""))
    except ZtError as exc:
        message_error(request, exc)
    else:
        messages.success(request, "授权已撤销，此后的调用将被拒绝。")
    return redirect("workbench_sharing:resource", code=grant.resource.code)


@staff_required
@require_POST
def dataset_withdraw(request, pk: str):
    found = _own_dataset(request, pk)
    opendata.dataset_withdraw(dataset=found, by=request.user)
    messages.success(request, f"数据集“{found.title}”已撤回，不再公开。")
    return redirect("workbench_sharing:index")


@staff_required
def dataset_new(request):
    """A department's open dataset from a table it uploads: saved as a draft, opened by 审查并开放."""
    form = DatasetForm(request.POST or None, request.FILES or None, user=request.user)
    if not form.fields["provider"].queryset.exists():
        raise Http404
    if request.method == "POST" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in ("title", "name", "notes", "license_id", "update_cycle", "tags")}
        try:
            made = opendata.dataset_create(
                by=request.user, organization=form.cleaned_data["provider"], table=form.table_upload(), **values
            )
        except ZtError as exc:
            apply_error(form, exc)
        else:
            messages.success(
                request, f"数据集“{made.title}”已保存为待发布（{len(made.columns)} 列），审查通过后即可开放。"
            )
            return redirect("workbench_sharing:index")
    return render(request, "sharing/staff_dataset_new.html", {"form": form})


def _own_dataset(request, pk: str) -> Dataset:
    try:
        key = uuid.UUID(pk)
    except ValueError:
        raise Http404 from None
    return get_object_or_404(Dataset, pk=key, organization_id__in=workplaces(request.user))


@staff_required
@require_POST
def dataset_publish(request, pk: str):
    found = _own_dataset(request, pk)
    try:
        found = opendata.dataset_publish(dataset=found, by=request.user)
    except ZtError as exc:
        message_error(request, exc)
        return redirect("workbench_sharing:index")
    if found.state == Dataset.State.ACTIVE:
        messages.success(request, f"数据集“{found.title}”已开放。")
    else:
        messages.error(
            request, f"数据集“{found.title}”未通过个人信息审查：{found.refusal}", extra_tags="OPENDATA_PERSONAL_DATA"
        )
    return redirect("workbench_sharing:index")

"""The service hall on the portal: browse, guide, apply, receipt, public status, my applications."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from zhengtong.accounts.models import User
from zhengtong.audit.context import client_ip
from zhengtong.core.errors import ZtError
from zhengtong.core.forms import apply_error, message_error
from zhengtong.core.paging import page_of, pager_query
from zhengtong.evaluation.selectors import invitation_of
from zhengtong.files.serve import file_response
from zhengtong.org.models import Department
from zhengtong.sharing.prefill import form_values, held_licences, reads_licences
from zhengtong.supervision.selectors import case_deadline

from . import guide_privacy, notices, selectors, services
from .case import APPLICATION
from .forms import ApplicationForm, CatalogueFilter, StatusLookupForm
from .models import Application, Material, ServiceItem, Status
from .services import drafts, guide_files
from .services.submit import clean_form

CATALOGUE_COLUMNS = ("code", "name", "item_type", "service_type", "committed_limit", "online")


def index(request):
    items = selectors.published_items()
    form = CatalogueFilter(request.GET or None)
    department = None
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            items = items.filter(Q(name__icontains=data["q"]) | Q(code__icontains=data["q"]))
        if data["theme"]:
            items = items.filter(theme=data["theme"])
        items = selectors.for_audience(items, data["audience"])
        if data["department"]:
            department = Department.objects.filter(code=data["department"]).first()
            items = items.filter(lead_department=department) if department else items.none()
    departments = (
        Department.objects.filter(pk__in=ServiceItem.objects.filter(published=True).values("lead_department"))
        .only("code", "name")
        .order_by("path")
    )
    # The columns a row shows, not the guide's long texts (its conditions, process, basis, fees).
    shown = items.only(*CATALOGUE_COLUMNS, "lead_department__name")
    page = page_of(shown.order_by("code"), 30, request.GET.get("page"))
    return render(
        request,
        "approvals/index.html",
        {
            "form": form,
            "page": page,
            "departments": departments,
            "department": department,
            "query": pager_query(request.GET),
        },
    )


def guide(request, code: str):
    materials = Prefetch("materials", Material.objects.select_related("blank_form", "sample"))
    item = get_object_or_404(selectors.published_items().prefetch_related(materials, "co_departments"), code=code)
    # 免提交 is promised only where the item's department may read the licence register (sharing/prefill.py)
    exempt = any(m.licence_kind for m in item.materials.all()) and reads_licences(item.lead_department_id)
    files = guide_privacy.files_of(item.materials.all())
    context = {"item": item, "exempt": exempt, "withheld": guide_privacy.withheld(item, files)}
    return render(request, "approvals/guide.html", context)


def _applicant_required(request):
    if request.user.kind == User.Kind.STAFF:
        raise PermissionDenied  # staff register walk-ins in the workbench; they do not apply as themselves here


def _held(user, item) -> dict:
    """The applicant's licences the platform holds for the item's materials (免提交)."""
    return held_licences(user, item.lead_department_id, {m.licence_kind for m in item.materials.all()})


def _kept(draft) -> dict:
    return {m.material_id: m.file for m in draft.materials.all()} if draft else {}


@login_required
def apply(request, code: str):
    """The application form. Every post saves the draft first (what was typed, every chosen file that passes the
    checks), so an error never drops a file; a complete form goes on to the check page."""
    _applicant_required(request)
    item = get_object_or_404(selectors.published_items(), code=code, online=True)
    draft = drafts.draft_of(request.user, item)
    held = _held(request.user, item)
    if request.method != "POST":
        initial = {**draft.data, "idempotency_key": draft.key} if draft and draft.key else (draft.data if draft else {})
        # What the registers hold is not asked again (sharing/prefill.py); what the applicant typed stays his.
        keys = [f.key for f in item.fields.all()]
        initial = {**form_values(request.user, item.lead_department_id, keys), **initial}
        form = ApplicationForm(initial=initial, item=item, kept=_kept(draft), held=held)
        return render(request, "approvals/apply.html", {"item": item, "form": form})
    posted = ApplicationForm(request.POST, request.FILES, item=item, held=held)
    refused = drafts.draft_save(
        item=item,
        applicant=request.user,
        data=posted.typed(),
        uploads=posted.chosen(),
        key=request.POST.get("idempotency_key", ""),
    )
    form = ApplicationForm(request.POST, item=item, kept=_kept(drafts.draft_of(request.user, item)), held=held)
    if form.is_valid() and not refused:
        try:
            clean_form(item, form.values())
        except ZtError as exc:
            apply_error(form, exc)
        else:
            return redirect("approvals:apply_check", code=item.code)
    for field, problems in refused.items():
        for problem in problems:
            form.add_error(field, ValidationError(problem["message"], code=problem["code"]))
    return render(request, "approvals/apply.html", {"item": item, "form": form})


@login_required
def apply_check(request, code: str):
    """核对信息: everything the applicant gave, with the 承诺书 to accept, before the application counts."""
    _applicant_required(request)
    item = get_object_or_404(selectors.published_items(), code=code, online=True)
    draft = drafts.draft_of(request.user, item)
    error = None
    if request.method == "POST":
        try:
            application = drafts.draft_submit(
                item=item,
                applicant=request.user,
                key=request.POST.get("idempotency_key", ""),
                promise=bool(request.POST.get("promise")),
            )
        except ZtError as exc:
            if draft is None:
                message_error(request, exc)
                return redirect("approvals:apply", code=item.code)
            error = exc
        else:
            if getattr(application, "query_code", None):
                request.session[f"query_code:{application.receipt_no}"] = application.query_code
            return redirect("approvals:receipt", receipt_no=application.receipt_no)
    if draft is None:
        return redirect("approvals:apply", code=item.code)
    answers = [(spec.label, draft.data.get(spec.key, "")) for spec in item.fields.all()]
    files = _kept(draft)
    materials = [(m.name, files.get(m.pk)) for m in item.materials.all()]
    return render(
        request,
        "approvals/apply_check.html",
        {
            "item": item,
            "draft": draft,
            "answers": answers,
            "materials": materials,
            "promise": drafts.PROMISE,
            "error": error,
        },
    )


def _own(request, receipt_no: str) -> Application:
    application = Application.objects.select_related("item", "lead_department").filter(receipt_no=receipt_no).first()
    if application is None or application.applicant_id != request.user.pk:
        raise Http404  # someone else's application does not exist for you
    return application


@login_required
def receipt(request, receipt_no: str):
    application = _own(request, receipt_no)
    code = request.session.pop(f"query_code:{receipt_no}", None)  # shown once, stored only hashed
    return render(
        request,
        "approvals/receipt.html",
        {"application": application, "code": code, "deadline": _deadline(application)},
    )


def _deadline(application):
    return case_deadline(APPLICATION.subject, application.pk)


def status(request):
    form = StatusLookupForm(request.POST or None)
    application = None
    if request.method == "POST" and form.is_valid():
        try:
            application = services.status_lookup(
                receipt_no=form.cleaned_data["receipt_no"], code=form.cleaned_data["code"], ip=client_ip(request)
            )
        except ZtError as exc:
            apply_error(form, exc)
    return render(
        request,
        "approvals/status.html",
        {
            "form": form,
            "application": application,
            "events": application.events if application else (),
            "deadline": application.deadline if application else None,
        },
    )


@login_required
def mine(request):
    # the columns the list prints: a whole row decrypted his mobile and what he typed
    listed = selectors.my_applications(request.user).only("receipt_no", "received_at", "status", "item__name")
    page = page_of(listed, 20, request.GET.get("page"))
    return render(request, "approvals/mine.html", {"page": page, "query": ""})


@login_required
def detail(request, receipt_no: str):
    application = _own(request, receipt_no)
    form = None
    if application.status == Status.CORRECTION:
        form = ApplicationForm(
            request.POST or None,
            request.FILES or None,
            item=application.item,
            materials_required=False,
            answered=application.data,
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.application_resubmit(
                    application=application, by=request.user, uploads=form.uploads(), data=form.values()
                )
            except ZtError as exc:
                apply_error(form, exc)
            else:
                return redirect("approvals:detail", receipt_no=receipt_no)
    return render(
        request,
        "approvals/detail.html",
        {
            "application": application,
            "deadline": _deadline(application),
            "events": application.events.select_related("department"),
            "materials": application.materials.select_related("material", "file"),
            "form": form,
            "notice": application.corrections.filter(resolved_at__isnull=True).last(),
            "invitation": invitation_of(APPLICATION.subject, application.pk, request.user),
        },
    )


@login_required
@require_POST
def withdraw(request, receipt_no: str):
    application = _own(request, receipt_no)
    try:
        services.application_withdraw(application=application, by=request.user)
    except ZtError as exc:
        message_error(request, exc)
    return redirect("approvals:detail", receipt_no=receipt_no)


@login_required
def material_file(request, receipt_no: str, material_id: int):
    application = _own(request, receipt_no)
    record = get_object_or_404(application.materials.select_related("file"), pk=material_id)
    return file_response(record.file)


def form_file(request, code: str, material_id: int, which: str):
    """Blank forms and samples of a published guide: public, like the guide itself."""
    item = get_object_or_404(selectors.published_items(), code=code)
    material = get_object_or_404(item.materials.select_related("blank_form", "sample"), pk=material_id)
    stored = guide_files.file_of(material, which)
    if stored is None or guide_privacy.withheld(item, [stored]):
        raise Http404  # withheld: personal data inside, or not yet read (guide_privacy)
    return file_response(stored)


def notice_response(notice, fmt: str) -> HttpResponse:
    """A written notice as a page (html) or a file to print (pdf); any other format does not exist."""
    if fmt == "pdf":
        response = HttpResponse(notices.notice_pdf(notice), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="notice-{notice.pk}.pdf"'
        return response
    if fmt == "html":
        return HttpResponse(notices.notice_html(notice))
    raise Http404


@login_required
def notice(request, receipt_no: str, notice_id: int, fmt: str):
    found = _own(request, receipt_no).notices.select_related("department").filter(pk=notice_id).first()
    if found is None:
        raise Http404
    return notice_response(found, fmt)

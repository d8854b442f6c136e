"""The document library in the workbench: drafts, the secrecy review with the privacy findings, publication,
amendment and repeal. Every action is a service call; errors come back with their codes."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from zhengtong.accounts.access import is_background, staff_required
from zhengtong.cases.transitions import allowed_actions, may, perform
from zhengtong.cases.visibility import visible_case, visible_in_order
from zhengtong.core.errors import NotFound, ZtError
from zhengtong.core.forms import MultipleFileField, Refused, ZtForm, apply_error, page_action, styled
from zhengtong.core.paging import RowsOf, page_of
from zhengtong.files import publication, reading
from zhengtong.files.intake import read_uploads
from zhengtong.org.access import workplaces
from zhengtong.org.models import Department

from . import selectors, services
from .actions import DOCUMENT_ACTIONS
from .case import DOCUMENT
from .models import Category, Column, Document, LegalForm, Mode, State, Topic

MAX_ATTACHMENTS = 10
LIBRARY_ORDER = ("-updated_at", "-id")  # each department's range of document_department_updated


class DocumentForm(ZtForm):
    title = forms.CharField(label=_("标题"), max_length=300)
    issuing_org = forms.CharField(label=_("发文机关"), max_length=200)
    doc_no = forms.CharField(label=_("发文字号"), max_length=60, required=False, help_text=_("如：仑政发〔2025〕12号"))
    written_on = forms.DateField(label=_("成文日期"), widget=forms.DateInput(attrs={"type": "date"}))
    category = forms.ChoiceField(label=_("公开类别"), choices=Category.choices)
    legal_form = forms.ChoiceField(
        label=_("文件性质"),
        choices=LegalForm.choices,
        initial=LegalForm.OTHER,
        required=False,
        help_text=_("规章仅限有规章制定权的人民政府制定；年度报告按此分别统计。"),
    )
    column = forms.ModelChoiceField(label=_("栏目"), queryset=Column.objects.all(), required=False)
    topic = forms.ChoiceField(label=_("主题分类"), choices=Topic.choices)
    mode = forms.ChoiceField(label=_("公开方式"), choices=Mode.choices)
    interprets = forms.CharField(
        label=_("解读的文件（索引号）"), max_length=60, required=False, help_text=_("政策解读请填写所解读文件的索引号")
    )
    body = forms.CharField(
        label=_("正文"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("可使用段落、表格和链接；脚本和样式会被清除。"),
    )
    attachments = MultipleFileField(
        label=_("附件"),
        required=False,
        max_files=MAX_ATTACHMENTS,
        help_text=_("PDF、Word（docx）、Excel（xlsx）或图片；附件中的隐藏工作表、批注也会检查个人信息。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        styled(self)

    def clean_legal_form(self):
        return self.cleaned_data["legal_form"] or LegalForm.OTHER

    def clean_interprets(self):
        value = self.cleaned_data["interprets"].strip()
        if not value:
            return None
        target = Document.objects.filter(index_no=value, state=State.PUBLISHED).first()
        if target is None:
            raise forms.ValidationError(_("没有这个索引号的已发布文件。"), code="INTERPRETS_NOT_FOUND")
        return target

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "attachments"}

    def uploads(self) -> list[tuple[str, bytes]]:
        return read_uploads(self.cleaned_data.get("attachments"))


class ReviewForm(ZtForm):
    no_state_secret = forms.BooleanField(label=_("不涉及国家秘密"), required=False)
    no_commercial_secret = forms.BooleanField(label=_("不涉及商业秘密"), required=False)
    no_privacy = forms.BooleanField(label=_("不涉及个人隐私（或已遮盖）"), required=False)
    justification = forms.CharField(
        label=_("保留个人信息的理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("检查发现的个人信息如须保留（例如经本人同意公开的工作电话），请写明理由；理由记入审计日志。"),
    )
    note = forms.CharField(label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        styled(self)


def acting_departments(user):
    """The departments he may file a document or register a request for: those he works in."""
    return Department.objects.filter(pk__in=workplaces(user)).order_by("path")


def _document(request, pk: int) -> Document:
    documents = Document.objects.select_related("department", "created_by")
    document = visible_case(DOCUMENT, request.user, documents, pk=pk)
    if document is None:
        raise Http404  # a draft outside what he may see does not exist for this user
    return document


@staff_required
def library(request):
    documents = selectors.listed(Document.objects.all())
    state = request.GET.get("state")
    if state in State.values:
        documents = documents.filter(state=state)
    listed = RowsOf(documents, visible_in_order(DOCUMENT, request.user, documents, LIBRARY_ORDER))
    page = page_of(listed, 20, request.GET.get("page"))
    return render(
        request,
        "disclosure/staff_library.html",
        {"page": page, "states": State.choices, "state": state, "query": f"state={state}" if state else ""},
    )


@staff_required
def create(request):
    departments = acting_departments(request.user)
    form = DocumentForm(request.POST or None, request.FILES or None)
    form.fields["department"] = forms.ModelChoiceField(
        label=_("发布机构"), queryset=departments, initial=departments.first()
    )
    styled(form)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        department = values.pop("department")
        try:
            document = services.document_create(
                department=department, by=request.user, uploads=form.uploads(), **values
            )
        except ZtError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("草稿已保存。"))
            return redirect("workbench_disclosure:document", pk=document.pk)
    return render(request, "disclosure/staff_edit.html", {"form": form, "document": None})


@staff_required
def document(request, pk: int):
    document = _document(request, pk)
    form = None
    if may(DOCUMENT, document, request.user, "update"):
        form = _edit_form(document, request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.document_update(document=document, by=request.user, uploads=form.uploads(), **form.values())
            except ZtError as exc:
                apply_error(form, exc)
            else:
                messages.success(request, _("已保存。"))
                return redirect("workbench_disclosure:document", pk=pk)
    return _document_page(request, document, form)


def _edit_form(document: Document, *data) -> DocumentForm:
    initial = {
        f: getattr(document, f)
        for f in ("title", "issuing_org", "doc_no", "written_on", "category", "column", "topic", "mode", "body")
    }
    initial["interprets"] = document.interprets.index_no if document.interprets_id else ""
    return DocumentForm(*data, initial=initial)


def _document_page(request, document: Document, form=None, refused: Refused = Refused()):
    """The document's page; after a refused step, the page as of now with what was typed (the review form bound to
    it, the field the refusal names marked) and the refusal's status."""
    allowed = allowed_actions(DOCUMENT, document, request.user)
    if form is None and "update" in allowed:
        form = _edit_form(document)
    review = None
    if "review" in allowed:
        review = ReviewForm(refused.data if refused.action == "review" else None, prefix="review")
        if refused.action == "review" and review.is_valid():
            apply_error(review, refused.error)
    context = {"document": document, "form": form, "review": review, "allowed": allowed, "refused": refused}
    return render(request, "disclosure/staff_document.html", context | _findings(document), status=refused.status)


def _progress(document: Document) -> str:
    return reading.progress(document.attachments.values_list("file__sha256", flat=True))


def _findings(document: Document, progress: str = "") -> dict:
    """The findings section's values: what was found, whether pictures are still being read, and then the
    reading's progress, which the section's poll sends back (document_findings)."""
    found = services.findings(document) if document.state != State.PUBLISHED else []
    reading_now = any(f.kind == publication.READING for f in found)
    return {
        "findings": found,
        "reading": reading_now,
        "progress": (progress or _progress(document)) if reading_now else "",
    }


@staff_required
def document_findings(request, pk: int):
    """The findings section alone, polled every 5 s while pictures are being read. A poll that brings back the
    progress it last saw gets 204 (htmx swaps nothing): the findings, every attachment's text scanned again, are
    computed only once a reading has moved. A document the user can no longer see stops the poll (htmx's 286),
    which a 404 would not: htmx swaps nothing on it and polls on."""
    try:
        document = _document(request, pk)
    except Http404:
        if is_background(request):
            return HttpResponse(status=286)
        raise
    progress = _progress(document)
    if request.GET.get("seen") == progress:
        return HttpResponse(status=204)
    context = {"document": document, "allowed": allowed_actions(DOCUMENT, document, request.user)}
    return render(request, "disclosure/_findings.html", context | _findings(document, progress))


DONE = {
    "submit": _("已提交审核。"),
    "mask_body": _("正文中的个人信息已遮盖。"),
    "detach": _("附件已删除。"),
    "repeal": _("已标注为废止。"),
    "amend": _("已标注为已修改。"),
}


def _posted(request, action: str, attachment_id: int | None) -> QueryDict:
    """The page's form as the API's parameters (disclosure/actions.py): the review form's fields without their
    prefix (the page's ids stay unique), the attachment named in the path."""
    posted = QueryDict(mutable=True)
    for name, values in request.POST.lists():
        posted.setlist(name.removeprefix("review-") if action == "review" else name, values)
    if attachment_id is not None:
        posted["attachment"] = str(attachment_id)
    return posted


@staff_required
@page_action("workbench_disclosure:document", "pk")
def act(request, pk: int, action: str, attachment_id: int | None = None):
    """A step on a document, through the case engine as the API takes it (state first, every refusal audited)."""
    document = _document(request, pk)
    posted = _posted(request, action, attachment_id)
    try:
        perform(DOCUMENT, DOCUMENT_ACTIONS, action, document, request.user, posted)
    except NotFound:
        raise Http404 from None
    except ZtError as exc:
        # the page again, as of now, with what he typed and why: nothing changed, nothing lost
        return _document_page(request, _document(request, pk), refused=Refused.of(action, request, exc))
    approved = posted.get("decision") == "approve"
    messages.success(request, DONE.get(action) or (_("已发布。") if approved else _("已退回起草人。")))
    return redirect("workbench_disclosure:document", pk=pk)

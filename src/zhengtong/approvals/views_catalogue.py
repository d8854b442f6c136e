"""Catalogue maintenance in the workbench: items in the user's data scope, guide editing with version
history, Excel export, template and import with a row-level error report."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengtong.accounts.access import staff_required
from zhengtong.core.errors import ZtError
from zhengtong.core.excel import workbook_response, xlsx_response
from zhengtong.core.forms import RowsStillThere, apply_error, message_error
from zhengtong.files.intake import MAX_BYTES, TOO_LARGE
from zhengtong.files.serve import file_response
from zhengtong.files.widgets import checked_on_choice
from zhengtong.org.models import Department
from zhengtong.org.scopes import scope_queryset

from .models import FormField, Material, ServiceItem
from .services import guide_files
from .services.catalogue import catalogue_import, catalogue_workbook, item_save

EDITABLE = [
    "name",
    "item_type",
    "service_type",
    "basis",
    "conditions",
    "process",
    "legal_limit",
    "committed_limit",
    "limit_basis",
    "accept_limit",
    "review_limit",
    "special_steps",
    "fee",
    "location",
    "hours",
    "visits",
    "phone",
    "complaint_phone",
    "result",
    "delivery",
    "faq",
    "theme",
    "for_citizens",
    "for_legal_persons",
    "for_investors",
    "online",
    "published",
]


def _departments(user):
    return scope_queryset(user, Department.objects.all(), department_field="pk")


def _items(user):
    return (
        ServiceItem.objects.filter(lead_department__in=_departments(user))
        .select_related("lead_department")
        .order_by("code")
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("事项清单（xlsx）"), widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx"})
    )

    def clean_file(self):
        # an upload is kept to one byte past the limit (files/upload_handler.py): refused by its size, not read cut
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(TOO_LARGE, code="FILE_TOO_LARGE")
        return upload


@staff_required
def catalogue(request):
    items = _items(request.user)
    if request.GET.get("format") == "xlsx":
        return workbook_response(
            "事项清单", catalogue_workbook(items.prefetch_related("materials", "fields", "co_departments"))
        )
    if request.GET.get("format") == "template":
        return workbook_response("事项清单模板", catalogue_workbook([], template=True))
    if request.GET.get("format") == "errors":
        rows = request.session.get("catalogue_import_errors") or []
        return xlsx_response(
            "导入错误报告",
            [("sheet", _("工作表")), ("row", _("行号")), ("column", _("列")), ("message", _("错误"))],
            rows,
        )
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = None
    if request.method == "POST" and form.is_valid():
        from openpyxl import load_workbook

        try:
            book = load_workbook(form.cleaned_data["file"], read_only=True, data_only=True)
        except Exception:  # not a workbook at all: openpyxl raises several kinds
            messages.error(request, _("无法读取该文件，请使用下载的模板（xlsx）。"), extra_tags="CATALOGUE_FILE")
        else:
            try:
                result = catalogue_import(book=book, by=request.user, allowed_departments=_departments(request.user))
            except ZtError as exc:
                errors = exc.fields.get("rows", [])
                request.session["catalogue_import_errors"] = errors[:5000]
                message_error(request, exc)
            else:
                messages.success(
                    request,
                    _("导入完成：新增 %(c)d 个事项，更新 %(u)d 个事项。")
                    % {"c": result["created"], "u": result["updated"]},
                )
                return redirect("workbench_approvals:catalogue")
    return render(request, "approvals/staff_catalogue.html", {"items": items, "form": form, "errors": errors})


class ItemForm(forms.ModelForm):
    class Meta:
        model = ServiceItem
        fields = EDITABLE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = (
                "form-check-input"
                if isinstance(field.widget, forms.CheckboxInput)
                else ("form-select" if isinstance(field.widget, forms.Select) else "form-control")
            )
            field.widget.attrs["class"] = css
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3


def _styled(formset):
    for form in formset.forms:
        for field in form.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-check-input"
            else:
                field.widget.attrs["class"] = (
                    "form-select form-select-sm"
                    if isinstance(field.widget, forms.Select)
                    else "form-control form-control-sm"
                )
    return formset


class _Shown:
    """A material's file as its row shows it: ClearableFileInput links a value with a `url` and offers 清除."""

    def __init__(self, stored, url: str, state: str):
        self.url, self.text = url, f"{stored.original_name}（{state}）"

    def __str__(self) -> str:
        return self.text


class _MaterialFile(forms.ClearableFileInput):
    initial_text = _("现有文件")
    input_text = _("更换")


class MaterialForm(forms.ModelForm):
    """A material's row, with its blank form and sample: an upload replaces the file, 清除 takes it off the guide
    (services/guide_files.py checks what is uploaded)."""

    blank_form_upload = forms.FileField(label=Material._meta.get_field("blank_form").verbose_name, required=False)
    sample_upload = forms.FileField(label=Material._meta.get_field("sample").verbose_name, required=False)

    class Meta:
        model = Material
        fields = ["name", "form", "copies", "medium", "required", "note", "licence_kind", "order"]

    def __init__(self, *args, states=None, **kwargs):
        super().__init__(*args, **kwargs)
        for which, public in guide_files.FILES:
            field = self.fields[guide_files.upload_field(which)]
            field.widget = _MaterialFile(attrs=checked_on_choice())
            field.widget.clear_checkbox_label = _("从指南中移除此%(what)s") % {"what": guide_files.label(which)}
            stored = getattr(self.instance, which) if self.instance.pk else None
            if stored is not None:  # staff open what they keep, published or withheld
                url = reverse("workbench_approvals:item_file", args=[self.instance.item.code, self.instance.pk, public])
                self.initial[guide_files.upload_field(which)] = _Shown(stored, url, (states or {}).get(stored.pk, ""))


MaterialFormSet = forms.inlineformset_factory(
    ServiceItem, Material, form=MaterialForm, formset=RowsStillThere, extra=1, can_delete=True
)
FieldFormSet = forms.inlineformset_factory(
    ServiceItem,
    FormField,
    formset=RowsStillThere,
    fields=["key", "label", "kind", "required", "choices", "order"],
    extra=1,
    can_delete=True,
)


def _apply_to_rows(exc: ZtError, form, formsets) -> None:
    """A refusal about a material's or a field's row (keyed `<row prefix>-<field>`) is shown in that row's cell;
    the rest beside the guide's own fields, or above them."""
    rows = {sub.prefix: sub for formset in formsets for sub in formset.forms}
    rest = {}
    for key, problems in (exc.fields or {}).items():
        prefix, _sep, name = key.rpartition("-")
        if prefix in rows and name in rows[prefix].fields:
            for problem in problems:
                rows[prefix].add_error(name, ValidationError(problem["message"], code=problem["code"]))
        else:
            rest[key] = problems
    if rest or not exc.fields:
        exc.fields = rest
        apply_error(form, exc)


@staff_required
def item_edit(request, code: str):
    item = _items(request.user).filter(code=code).first()
    if item is None:
        raise Http404
    data = request.POST or None
    form = ItemForm(data, instance=ServiceItem.objects.get(pk=item.pk))
    rows = item.materials.select_related("blank_form", "sample")
    states = guide_files.states(item, rows)
    materials = _styled(
        MaterialFormSet(
            data,
            request.FILES or None,
            instance=item,
            prefix="materials",
            queryset=rows,
            form_kwargs={"states": states},
        )
    )
    fields = _styled(FieldFormSet(data, instance=item, prefix="fields"))
    if request.method == "POST" and form.is_valid() and materials.is_valid() and fields.is_valid():
        try:
            item_save(
                item=item,
                values={k: form.cleaned_data[k] for k in EDITABLE},
                by=request.user,
                formsets=[materials, fields],
            )
        except ZtError as exc:
            _apply_to_rows(exc, form, [materials, fields])
        else:
            messages.success(request, _("已保存为新版本。"))
            return redirect("workbench_approvals:item", code=code)
    return render(
        request,
        "approvals/staff_item.html",
        {
            "item": item,
            "form": form,
            "materials": materials,
            "fields": fields,
            "versions": item.versions.select_related("created_by")[:50],
        },
    )


@staff_required
def item_file(request, code: str, material_id: int, which: str):
    """A material's blank form or sample as its keepers see it, withheld from the public or not: the row says why
    a file is withheld, and this shows them what is in it."""
    item = _items(request.user).filter(code=code).first()
    material = item.materials.select_related("blank_form", "sample").filter(pk=material_id).first() if item else None
    stored = guide_files.file_of(material, which)
    if stored is None:
        raise Http404
    return file_response(stored)

from __future__ import annotations

import uuid

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from zhengtong.core.forms import ZtForm
from zhengtong.files.intake import MAX_BYTES
from zhengtong.files.widgets import checked_on_choice

from . import errors
from .models import FormField, ServiceItem, Theme
from .services.submit import NUMBER


class CatalogueFilter(forms.Form):
    AUDIENCES = [("", _("全部")), ("citizen", _("个人")), ("legal", _("法人")), ("investor", _("投资者"))]
    q = forms.CharField(
        label=_("事项名称"),
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"class": "form-control", "type": "search"}),
    )
    theme = forms.ChoiceField(
        label=_("主题"),
        required=False,
        choices=[("", _("全部"))] + list(Theme.choices),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    audience = forms.ChoiceField(
        label=_("服务对象"), required=False, choices=AUDIENCES, widget=forms.Select(attrs={"class": "form-select"})
    )
    department = forms.CharField(required=False, widget=forms.HiddenInput)


class _Text(forms.CharField):
    """Text whose line breaks are read as one character each, as the service stores them: a browser sends a
    paragraph's as \r\n, which the length counted twice."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value


def _field(spec: FormField, kept: str = "") -> forms.Field:
    """`kept`: his answer as already accepted (a correction's): it may be sent back as it stands, though longer
    than the field now takes or an option since removed."""
    common = {"label": spec.label, "required": spec.required}
    most = max(spec.longest, len(kept))
    if spec.kind == FormField.Kind.TEXTAREA:
        return _Text(max_length=most, widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}), **common)
    if spec.kind == FormField.Kind.NUMBER:
        # the service's own rule (a written-out number not below zero), so that the form and the confirmation
        # step agree: Decimal took 1_000, +45 and .5 here and the confirmation then refused them
        number = RegexValidator(NUMBER, str(errors.NUMBER_INVALID[1]) % {"label": spec.label}, errors.NUMBER_INVALID[0])
        widget = forms.NumberInput(attrs={"class": "form-control", "min": "0", "step": "any"})
        return _Text(max_length=most, validators=[number], widget=widget, **common)
    if spec.kind == FormField.Kind.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"class": "form-control", "type": "date"}), **common)
    if spec.kind == FormField.Kind.CHOICE:
        offered = spec.choice_list()
        choices = [("", "——")] + [(c, c) for c in offered + ([kept] if kept and kept not in offered else [])]
        return forms.ChoiceField(choices=choices, widget=forms.Select(attrs={"class": "form-select"}), **common)
    return _Text(max_length=most, widget=forms.TextInput(attrs={"class": "form-control"}), **common)


class ApplicationForm(ZtForm):
    """The item's own fields (defined by staff) and one upload per material."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(
        self,
        *args,
        item: ServiceItem,
        materials_required: bool = True,
        kept: dict | None = None,
        held: dict | None = None,
        answered: dict | None = None,
        **kwargs,
    ):
        """`kept`: material id → the file the applicant's draft already holds for it; that material need not be
        chosen again, and the page says which file it is. `held`: licence kind → the applicant's licence the
        platform holds (sharing/prefill.py); a material that is that licence is 免提交. `answered`: the answers
        already accepted (a correction's), shown as they stand; one longer than its field now takes (accepted before
        the limit) may be sent back unchanged, as the service keeps it (services/submit.clean_form)."""
        super().__init__(*args, **kwargs)
        self.item = item
        kept, held, answered = kept or {}, held or {}, answered or {}
        self.fields["idempotency_key"].initial = uuid.uuid4().hex
        for spec in item.fields.all():
            self.fields[spec.key] = _field(spec, str(answered.get(spec.key, "") or ""))
            self.fields[spec.key].initial = answered.get(spec.key)
        for material in item.materials.all():
            kept_file, licence = kept.get(material.pk), held.get(material.licence_kind)
            self.fields[f"material_{material.pk}"] = forms.FileField(
                label=material.name,
                required=materials_required and material.required and kept_file is None and licence is None,
                help_text=(
                    _("已上传：%(name)s（如需更换，请重新选择）。") % {"name": kept_file.original_name}
                    if kept_file
                    else ""
                )
                + (
                    _("免提交：本平台已有您的电子证照“%(kind)s”（%(number)s）。")
                    % {"kind": licence.kind, "number": licence.number}
                    if licence
                    else ""
                )
                + _("PDF、JPG、PNG、docx 或 xlsx，不超过20MB。")
                + (f" {material.note}" if material.note else ""),
                widget=forms.ClearableFileInput(attrs={"class": "form-control", **checked_on_choice()}),
            )

    def typed(self) -> dict:
        """The item's fields as typed, valid or not (kept in the draft)."""
        return {spec.key: str(self.data.get(spec.key, "") or "") for spec in self.item.fields.all()}

    def chosen(self) -> dict:
        """Every file chosen on this post, valid or not (the draft checks and keeps each)."""
        out = {}
        for material in self.item.materials.all():
            upload = self.files.get(f"material_{material.pk}")
            if upload:
                out[material.pk] = (upload.name, upload.read(MAX_BYTES + 1))
        return out

    def uploads(self) -> dict:
        out = {}
        for material in self.item.materials.all():
            upload = self.cleaned_data.get(f"material_{material.pk}")
            if upload:
                out[material.pk] = [(upload.name, upload.read(MAX_BYTES + 1))]
        return out

    def values(self) -> dict:
        values = {spec.key: self.cleaned_data.get(spec.key) for spec in self.item.fields.all()}
        return {key: "" if value is None else str(value) for key, value in values.items()}  # a zero is a value


class StatusLookupForm(ZtForm):
    receipt_no = forms.CharField(
        label=_("受理编号"),
        max_length=30,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    code = forms.CharField(
        label=_("查询码"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"min_length": _("查询码为6位数字。")},
    )

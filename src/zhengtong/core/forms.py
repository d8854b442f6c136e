"""Bridging service errors into forms, so a page shows the same Chinese message and code as the API."""

from __future__ import annotations

import dataclasses
import functools

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.http import HttpResponseNotAllowed, QueryDict
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from markupsafe import Markup

from . import jinja
from .errors import ZtError


def apply_error(form: forms.Form, exc: ZtError) -> None:
    if not exc.fields:
        form.add_error(None, ValidationError(exc.message, code=exc.code))
        return
    for field, problems in exc.fields.items():
        target = field if field in form.fields else None
        for problem in problems:
            form.add_error(target, ValidationError(problem["message"], code=problem["code"]))


def message_error(request, exc: ZtError) -> None:
    """A refused action on a page that redirects: the same Chinese message as a flash message; the code goes
    with it as the alert's data-code (base.html), for support and tests, never shown to people."""
    from django.contrib import messages

    messages.error(request, exc.message, extra_tags=exc.code)


@dataclasses.dataclass(frozen=True)
class Refused:
    """A page action the service refused, for a page of hand-written forms (a case page's actions). The page comes
    back with the refusal's status (400 for what was typed, 409 naming the state), its message and code
    (core/refused.html), and each field as it was left: a redirect to an empty form lost what was typed. `same`
    names the fields that pick one form out of several of one action (a branch, a department). A page not refused
    asks the same questions of `Refused()` and gets each form's defaults."""

    action: str = ""
    data: QueryDict = dataclasses.field(default_factory=QueryDict)
    error: ZtError | None = None

    @classmethod
    def of(cls, action: str, request, error: ZtError) -> Refused:
        return cls(action=action, data=request.POST, error=error)

    def _of(self, action: str, same: dict) -> bool:
        return action == self.action and all(self.data.get(k, "") == str(v) for k, v in same.items())

    def value(self, action: str, name: str, default: str = "", **same) -> str:
        return self.data.get(name, "") if self._of(action, same) else default

    def checked(self, action: str, name: str, value, default: bool = False, **same) -> bool:
        """A radio button or an option of a select: chosen as it was posted."""
        return str(value) in self.data.getlist(name) if self._of(action, same) else default

    def mark(self, action: str, name: str, **same) -> Markup:
        """On the field the refusal names: read out as invalid, with the alert's message as its description."""
        if self.error and name in (self.error.fields or {}) and self._of(action, same):
            return Markup(' aria-invalid="true" aria-describedby="refused"')
        return Markup("")

    @property
    def status(self) -> int:
        return self.error.status if self.error else 200


def page_action(page: str, key: str):
    """A case page's action URL: a POST runs it; a GET leads back to the case's page (`page`, by the URL's `key`).
    After a refusal the browser's address is the action's URL, and opened again it answered 405."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "GET":
                return redirect(page, kwargs[key])
            if request.method != "POST":
                return HttpResponseNotAllowed(["GET", "POST"])
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def required_message(field: forms.Field, name: str) -> str:
    """ "请填写“店铺名称”。" rather than Django's "该字段是必填项。": the message beside a field, read out alone by a
    screen reader, names what is missing (issue 22 item 4)."""
    label = field.label or name
    if isinstance(field, forms.FileField):
        return _("请上传“%(label)s”。") % {"label": label}
    if isinstance(field, forms.BooleanField):
        return _("请勾选“%(label)s”。") % {"label": label}
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return _("请选择“%(label)s”。") % {"label": label}
    return _("请填写“%(label)s”。") % {"label": label}


def too_long_message(field: forms.Field, name: str) -> str:
    """ "“核实情况”不能超过2000字（现在2200字）。" rather than Django's "确保该变量包含不超过 2000 字符 (目前字符数
    2200)。": the field named, as the required message names it; Django fills in the two numbers."""
    return _("“%(label)s”不能超过%%(limit_value)d字（现在%%(show_value)d字）。") % {"label": field.label or name}


class ZtForm(forms.Form):
    """Marks required fields for assistive technology, names the field in its required and too-long messages and
    renders through core/field.html."""

    template_name = "core/form.html"
    required_css_class = "required"

    def full_clean(self):
        # Fields are often added in a subclass's __init__, so the messages are set here, before cleaning.
        default = str(forms.Field.default_error_messages["required"])
        for name, field in self.fields.items():
            if str(field.error_messages.get("required", "")) == default:
                field.error_messages["required"] = required_message(field, name)
            if getattr(field, "max_length", None) and "max_length" not in field.error_messages:
                field.error_messages["max_length"] = too_long_message(field, name)
        super().full_clean()


class ChoiceButtons(forms.RadioSelect):
    """A row of Bootstrap radio buttons, each with its own label (wrapping on a phone); core/field.html puts the
    group in a fieldset whose legend is the question."""

    template_name = "core/widgets/choice_buttons.html"


def styled(form: forms.Form) -> forms.Form:
    """Bootstrap classes on every widget of a form."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect):
            continue  # each option styles itself (ChoiceButtons)
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")
    return form


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern), at most `max_files` of them."""

    def __init__(self, *args, max_files: int = 10, **kwargs):
        self.max_files = max_files
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if len(files) > self.max_files:
            raise forms.ValidationError(_("一次最多上传%(n)s个附件。") % {"n": self.max_files}, code="TOO_MANY_FILES")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class FormRenderer(TemplatesSetting):
    """Forms drawn by the pages' engine (Jinja2, core/jinja.py): a field the way every page of the site draws it
    (core/field.html; a page that lays its fields out itself prints `{{ field.as_field_group() }}`) and Django's
    widgets from their Jinja2 templates (`django.forms` is installed for them). Drawn by Django's engine, a form
    page spent most of its time there: under the profiler, 0.68 s of the letter form view's 0.86 s (50 views). A
    template only Django's engine has (admin's widgets) is found by it, the next engine in TEMPLATES."""

    field_template_name = "core/field.html"

    def render(self, template_name, context, request=None):
        """A widget or a field (no request: nothing of the page's) drawn by Jinja2 directly, with the environment's
        own translator and reverser: through the pages' template wrapper (core/jinja.Template) each of a form's
        widgets made a page's translator, read the script prefix and told the test client of itself."""
        template = self.get_template(template_name)
        if request is None and isinstance(template, jinja.Template):
            return template.template.render(context).strip()
        return template.render(context, request=request).strip()


class RowsStillThere(forms.BaseInlineFormSet):
    """An inline formset that refuses a row whose object the page showed but no longer finds among the parent's
    (deleted by a colleague while the page was open, or an id sent that is not the parent's). Django's formset
    skips such a row when it saves, so the page said 已保存 while the row's changes, and its upload, went nowhere."""

    def clean(self):
        super().clean()
        seen = set()
        for number, form in enumerate(self.initial_forms, start=1):
            gone = form.instance._state.adding or form.instance.pk is None
            if gone and self._should_delete_form(form):
                continue  # deleted here as well: nothing of the page is lost
            if gone:
                raise ValidationError(
                    _("第%(n)d行已被删除或不属于本页，请刷新页面后重新填写。") % {"n": number}, code="ROW_GONE"
                )
            if form.instance.pk in seen:  # one row edited and deleted in one post: which wins is not the page's
                raise ValidationError(
                    _("第%(n)d行与前面一行是同一条记录，请刷新页面后重新填写。") % {"n": number}, code="ROW_TWICE"
                )
            seen.add(form.instance.pk)

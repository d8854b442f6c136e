"""Bridging service errors into forms, so a page shows the same Chinese message and code as the API."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

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
    """A refused action on a page that redirects: the same Chinese message and code, as a flash message."""
    from django.contrib import messages
    from django.utils.translation import gettext as _

    messages.error(request, f"{exc.message}（{_('错误代码')}：{exc.code}）")


class ZtForm(forms.Form):
    """Marks required fields for assistive technology and renders through core/field.html."""

    template_name = "core/form.html"
    required_css_class = "required"


def styled(form: forms.Form) -> forms.Form:
    """Bootstrap classes on every widget of a form."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")
    return form

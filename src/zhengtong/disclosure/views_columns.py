"""The site's columns in the workbench: every member of staff sees them (a clerk should know where his news goes);
the site's editors add and change them. A refusal is the service's, audited there, and a 403 page here."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from zhengtong.accounts.access import staff_required
from zhengtong.core.errors import ZtError
from zhengtong.core.forms import ZtForm, apply_error, styled
from zhengtong.org.access import edits_site

from .columns import MAX_UPDATE_DAYS, column_save, require_editor
from .models import Column


class ColumnForm(ZtForm):
    name = forms.CharField(label=_("栏目名称"), max_length=100)
    code = forms.CharField(
        label=_("栏目代码"), max_length=40, help_text=_("小写英文字母、数字、连字符，用于网址，如 news")
    )
    sort_order = forms.IntegerField(label=_("排序"), min_value=0, max_value=9999, initial=100)
    update_days = forms.IntegerField(
        label=_("更新周期（天）"),
        min_value=1,
        max_value=MAX_UPDATE_DAYS,
        required=False,
        help_text=_("要闻动态类一般为14天，通知公告、政策文件类为180天；不填则网站自查不检查。"),
    )
    on_home = forms.BooleanField(label=_("在首页显示"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        styled(self)


def _save(request, column: Column | None):
    try:
        require_editor(request.user, column)
    except ZtError as exc:
        raise PermissionDenied from exc
    form = ColumnForm(request.POST)
    if form.is_valid():
        values = {**form.cleaned_data, "sort_order": form.cleaned_data["sort_order"] or 0}
        try:
            column_save(by=request.user, column=column, **values)
        except ZtError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("栏目已保存。"))
            return None, True
    return form, False


def _page(request, chosen: Column | None):
    """The list of columns and, for an editor, the form adding one (`chosen` None) or changing `chosen`."""
    editor = edits_site(request.user)
    if chosen is not None and not editor and request.method != "POST":
        raise PermissionDenied  # a POST is refused, and audited, by _save
    form = ColumnForm(initial={f: getattr(chosen, f) for f in ColumnForm.base_fields} if chosen else None)
    if request.method == "POST":
        form, saved = _save(request, chosen)
        if saved:
            return redirect("workbench_disclosure:columns")
    return render(
        request,
        "disclosure/staff_columns.html",
        {"columns": Column.objects.all(), "form": form if editor else None, "editor": editor, "column": chosen},
    )


@staff_required
def columns(request):
    return _page(request, None)


@staff_required
def column(request, pk: int):
    return _page(request, get_object_or_404(Column, pk=pk))

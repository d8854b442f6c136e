"""The site search page (站内搜索): every public document and service guide, with filters."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengtong.org.models import Department
from zhengtong.search.query import parse
from zhengtong.search.selectors import search as run_search

KINDS = [
    ("", _("全部")),
    ("disclosure.document", _("政府信息")),
    ("approvals.item", _("办事指南")),
    ("letters.letter", _("来信选登")),
]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("关键词"),
        max_length=100,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "class": "form-control", "placeholder": _("输入关键词，如：食品经营许可")}
        ),
    )
    kind = forms.ChoiceField(label=_("类别"), choices=KINDS, required=False)
    department = forms.TypedChoiceField(label=_("部门"), coerce=int, empty_value=None, required=False)
    year = forms.TypedChoiceField(label=_("年份"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(is_active=True, kind=Department.Kind.DEPARTMENT).order_by("path")
        self.fields["department"].choices = [("", _("全部部门")), *((d.pk, d.name) for d in departments)]
        for name in ("kind", "department", "year"):
            self.fields[name].widget.attrs["class"] = "form-select"
        this_year = timezone.localdate().year
        self.fields["year"].choices = [("", _("不限")), *((y, str(y)) for y in range(this_year, this_year - 10, -1))]


def search(request):
    form = SearchForm(request.GET or None)
    results, query_string = None, ""
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        query = parse(data["q"], department=data["department"], kind=data["kind"], year=data["year"])
        try:
            page = int(request.GET.get("page", 1))
        except ValueError:
            page = 1
        results = run_search(query, page=page)
        query_string = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
    return render(request, "portal/search.html", {"form": form, "results": results, "query_string": query_string})

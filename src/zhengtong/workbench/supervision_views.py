"""电子监察 pages: live counts per department, trend, drill-down to clocks and each clock's timeline."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from zhengtong.accounts.access import staff_required
from zhengtong.audit.services import audit_record
from zhengtong.core.excel import xlsx_response
from zhengtong.core.paging import RowsOf, page_of, pager_query
from zhengtong.org.models import Department
from zhengtong.supervision import selectors
from zhengtong.supervision.access import access_clock_by_id, may_supervise
from zhengtong.supervision.explain import explain
from zhengtong.supervision.models import CLOCK_LIST_ORDER, OPEN, Clock, Level, Outcome
from zhengtong.supervision.rates import on_time_rate

EXPORT_LIMIT = 100_000


class ClockFilter(forms.Form):
    STATES = [
        ("", _("全部")),
        ("open", _("在办")),
        ("yellow", _("预警")),
        ("red", _("超时在办")),
        ("on_time", _("按时办结")),
        ("late", _("超时办结")),
    ]
    department = forms.ModelChoiceField(
        label=_("部门"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    state = forms.ChoiceField(
        label=_("状态"), choices=STATES, required=False, widget=forms.Select(attrs={"class": "form-select"})
    )
    q = forms.CharField(
        label=_("事项或环节"), required=False, max_length=50, widget=forms.TextInput(attrs={"class": "form-control"})
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


# A filter to finished limits lists the latest first; one to a level of the open ones lists them by due time alone
# (all are running), the order of that level's own index (clock_open_level_due).
LIST_ORDERS = {"on_time": ("-stopped_at",), "late": ("-stopped_at",), "yellow": ("due_at",), "red": ("due_at",)}
STATE_FILTERS = {
    "open": OPEN,
    "yellow": OPEN & Q(level=Level.YELLOW),
    "red": OPEN & Q(level=Level.RED),
    "on_time": Q(outcome=Outcome.ON_TIME),
    "late": Q(outcome=Outcome.LATE),
}


def _guard(request):
    if not may_supervise(request.user):
        raise PermissionDenied


@staff_required
def dashboard(request):
    _guard(request)
    figures = selectors.dashboard_figures(selectors.visible_clocks(request.user))
    rows = figures["rows"]
    totals = {k: sum(r[k] for r in rows) for k in ("open", "yellow", "red", "on_time", "late")}
    for row in rows:
        row["rate"] = on_time_rate(on_time=row["on_time"], late=row["late"], overdue=row["red"])
    return render(
        request,
        "workbench/supervision_dashboard.html",
        {"rows": rows, "totals": totals, "trend": figures["trend"]},
    )


CLOCK_COLUMNS = [
    ("subject_label", _("事项")),
    ("stage_label", _("环节")),
    ("department", _("部门")),
    ("assignee", _("承办人")),
    ("limit", _("时限")),
    ("get_unit_display", _("单位")),
    ("started_at", _("起算时间")),
    ("due_at", _("到期时间")),
    ("get_level_display", _("状态")),
    ("get_outcome_display", _("结果")),
    ("stopped_at", _("办结时间")),
]


@staff_required
def clock_list(request):
    _guard(request)
    clocks = Clock.objects.all()  # narrowed to his scope below, range by range (selectors.visible_clocks_in_order)
    departments = selectors.clock_departments(request.user)
    form = ClockFilter(request.GET or None, departments=departments)
    if form.is_valid():
        data = form.cleaned_data
        if data["department"]:
            clocks = clocks.filter(department__path__startswith=data["department"].path)
        if data["state"]:
            clocks = clocks.filter(STATE_FILTERS[data["state"]])
        if data["q"]:
            clocks = clocks.filter(Q(subject_label__icontains=data["q"]) | Q(stage_label__icontains=data["q"]))
    state = form.cleaned_data["state"] if form.is_valid() else ""
    order = LIST_ORDERS.get(state, CLOCK_LIST_ORDER)
    shown = clocks.select_related("department", "assignee")
    if request.GET.get("format") == "xlsx":  # every row of his scope, streamed in the list's order
        audit_record(
            action="supervision.clock.export",
            object_type="supervision.clock",
            changes={"filter": dict(request.GET.lists())},
        )
        scoped = selectors.scoped_clocks(request.user, shown).order_by(*order)
        return xlsx_response("办件时限", CLOCK_COLUMNS, scoped[:EXPORT_LIMIT])
    rows = RowsOf(shown, selectors.visible_clocks_in_order(request.user, clocks, order))
    page = page_of(rows, 50, request.GET.get("page"))
    return render(
        request, "workbench/supervision_clocks.html", {"form": form, "page": page, "query": pager_query(request.GET)}
    )


@staff_required
def clock_detail(request, clock_id: int):
    clock = access_clock_by_id(request.user, clock_id)
    return render(
        request,
        "workbench/supervision_clock.html",
        {"clock": clock, "timeline": selectors.clock_timeline(clock), "explanation": explain(clock)},
    )

"""The workbench side: the centre's queue (受理, 派单, 退单审核, 回访), each department's queue (签收, 办理, 审核),
phone intake by operators, one page per letter with the actions its state and the user's role allow, and the
monthly indicators with a chart and Excel export."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengtong.accounts.access import staff_required
from zhengtong.cases.transitions import allowed_actions, perform
from zhengtong.cases.views import personal
from zhengtong.cases.visibility import visible_case
from zhengtong.core.errors import ZtError
from zhengtong.core.excel import xlsx_response
from zhengtong.core.forms import MultipleFileField, Refused, ZtForm, apply_error, page_action, styled
from zhengtong.core.paging import RowsOf, page_of, pager_query
from zhengtong.evaluation.models import Score
from zhengtong.files.intake import read_uploads
from zhengtong.files.serve import file_response
from zhengtong.org.access import workplaces
from zhengtong.org.models import Department

from . import selectors, services
from .actions import ACTIONS
from .case import LETTER, assignment_actions, is_centre, my_assignments
from .errors import MAX_ATTACHMENTS
from .models import CENTRE_STATES, Channel, Kind, Letter, Responsibility, Satisfaction, State, Urgency
from .suggest import suggest

DEPARTMENT_STATES = [State.DISPATCHED, State.HANDLING, State.REVIEW]
# What a queue row shows: a whole letter also decrypts its text, phone and reply, most of the page's time.
QUEUE_COLUMNS = (
    "number",
    "title",
    "possible_duplicate",
    "urgency",
    "kind",
    "channel",
    "received_at",
    "state",
    "department__name",
)


@staff_required
def queue(request):
    centre = is_centre(request.user)
    state = request.GET.get("state", "")
    rows = Letter.objects.select_related("department").only(*QUEUE_COLUMNS)
    if centre:
        letters = rows.filter(state__in=[state] if state in CENTRE_STATES else CENTRE_STATES)
        page = page_of(letters.order_by("received_at", "pk"), 30, request.GET.get("page"))
    else:
        page = page_of(RowsOf(rows, selectors.department_queue(workplaces(request.user))), 30, request.GET.get("page"))
    return render(
        request,
        "letters/staff_queue.html",
        {
            "page": page,
            "centre": centre,
            "state": state,
            "states": [(s, State(s).label) for s in CENTRE_STATES],
            "query": pager_query(request.GET),
        },
    )


class PhoneForm(ZtForm):
    received_at = forms.DateTimeField(label=_("来电时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    kind = forms.ChoiceField(label=_("类别"), choices=Kind.choices)
    urgency = forms.ChoiceField(label=_("紧急程度"), choices=Urgency.choices)
    title = forms.CharField(label=_("标题（可不填）"), max_length=100, required=False)
    content = forms.CharField(label=_("来电内容"), widget=forms.Textarea(attrs={"rows": 6}))
    location = forms.CharField(label=_("事发地点"), max_length=200, required=False)
    anonymous = forms.BooleanField(label=_("来电人要求匿名"), required=False)
    writer_name = forms.CharField(label=_("来电人"), max_length=50, required=False)
    writer_phone = forms.CharField(label=_("来电号码"), max_length=20, required=False)
    public_allowed = forms.BooleanField(label=_("来电人同意公开"), required=False)
    attachments = MultipleFileField(label=_("来电人发来的照片或材料"), required=False, max_files=MAX_ATTACHMENTS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_at"].initial = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
        styled(self)


@staff_required
def phone(request):
    form = PhoneForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "attachments": read_uploads(form.cleaned_data["attachments"])}
        try:
            intake = services.letter_submit(channel=Channel.PHONE, by=request.user, **data)
        except ZtError as exc:
            apply_error(form, exc)
        else:
            if intake.repeated:
                messages.info(
                    request, _("同一来电人30天内反映过相同内容，已并入信件 %(n)s。") % {"n": intake.letter.number}
                )
            else:
                messages.success(
                    request,
                    _("已登记，信件编号 %(n)s，查询码 %(c)s（请告知来电人）。")
                    % {"n": intake.letter.number, "c": intake.query_code},
                )
            return redirect("workbench_letters:detail", number=intake.letter.number)
    return render(request, "letters/staff_phone.html", {"form": form})


def _letter(request, number: str) -> Letter:
    # Read with the rows every letter has; those few letters have (the person it is about, a letter it repeats or
    # was merged into) are read when it has them. Joined all together beside the visibility condition's own join,
    # they made ten tables that PostgreSQL planned afresh on each view (4.3 ms, against 0.5 ms for these).
    letters = Letter.objects.select_related("department", "mailbox", "category")
    letter = visible_case(LETTER, request.user, letters, number=number)
    if letter is None:
        raise Http404  # a letter outside what he may see does not exist for him
    return letter


@staff_required
def detail(request, number: str):
    return _detail_page(request, _letter(request, number))


def _detail_page(request, letter: Letter, refused: Refused = Refused()):
    allowed = allowed_actions(LETTER, letter, request.user)
    mine = [(a, assignment_actions(letter, a)) for a in my_assignments(request.user, letter)]
    context = {
        "letter": letter,
        "allowed": allowed,
        "personal": personal("letters", letter, request.user, allowed),
        "mine": mine,
        "attachments": letter.attachments.select_related("file"),
        "events": letter.events.select_related("department", "actor"),
        "assignments": letter.assignments.select_related("department"),
        "suggestion": suggest(letter) if "dispatch" in allowed else None,
        "departments": Department.objects.filter(is_active=True).exclude(kind=Department.Kind.REGION).order_by("path"),
        "categories": Responsibility.objects.filter(is_active=True),
        "callback_results": [(str(s.value), s.label) for s in Score]
        + [("unreachable", Satisfaction.UNREACHABLE.label)],
        "refused": refused,
    }
    return render(request, "letters/staff_detail.html", context, status=refused.status)


@staff_required
def attachment(request, number: str, pk: int):
    return file_response(get_object_or_404(_letter(request, number).attachments.select_related("file"), pk=pk).file)


@staff_required
@page_action("workbench_letters:detail", "number")
def act(request, number: str, action: str):
    letter = _letter(request, number)
    if action not in ACTIONS:
        raise Http404
    try:
        perform(LETTER, ACTIONS, action, letter, request.user, request.POST)
    except ZtError as exc:
        # the page again, as of now, with what he typed and why: nothing changed, nothing lost
        return _detail_page(request, _letter(request, number), Refused.of(action, request, exc))
    messages.success(request, _("已办理。"))
    return redirect("workbench_letters:detail", number=number)


def _month(request) -> dt.date:
    return selectors.chosen_month(request.GET.get("month"), selectors.months_back(12))


@staff_required
def stats(request):
    month = _month(request)
    months = selectors.months_back(12)
    trend = [selectors.monthly(m).total for m in reversed(months[:6])]
    chart = {
        "labels": [f"{m:%Y-%m}" for m in reversed(months[:6])],
        "response": [r.response_rate for r in trend],
        "on_time": [r.on_time_rate for r in trend],
        "satisfaction": [r.satisfaction_rate for r in trend],
    }
    return render(
        request, "letters/staff_stats.html", {"report": selectors.monthly(month), "months": months, "chart": chart}
    )


@staff_required
def stats_export(request):
    report = selectors.monthly(_month(request))
    columns = [
        ("department", "部门"),
        ("dispatched", "派单"),
        ("responded", "已响应"),
        ("response_rate", "响应率(%)"),
        ("on_time", "按期办结"),
        ("late", "超期办结"),
        ("overdue", "超期未办结"),
        ("on_time_rate", "按期办结率(%)"),
        ("rated", "回访数"),
        ("satisfied", "满意及基本满意"),
        ("satisfaction_rate", "满意率(%)"),
    ]
    return xlsx_response(f"来信办理情况{report.month:%Y年%m月}", columns, [*report.rows, report.total])

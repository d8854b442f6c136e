"""好差评 in the workbench: the 差评 to follow up (the rated department's, or every one for the supervisors), each
with its steps, and the approvers' ranking within the viewer's data scope. The rater is never shown to the rated
department; the supervisors, who verify appeals, see his masked contact."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from zhengtong.accounts.access import staff_required
from zhengtong.accounts.models import User
from zhengtong.core.errors import PermissionDenied, ZtError
from zhengtong.core.excel import xlsx_response
from zhengtong.core.forms import ZtForm, apply_error, message_error, styled
from zhengtong.core.masking import mask_mobile, mask_name
from zhengtong.core.paging import RowsOf, page_of, pager_query
from zhengtong.core.sql import planned_for_its_values
from zhengtong.org.access import workplaces
from zhengtong.org.scopes import scope_condition, scope_departments, scope_queryset
from zhengtong.supervision.access import may_supervise
from zhengtong.supervision.models import OPEN, Clock, Outcome

from . import followup, selectors, services
from .models import BAD_SCORES, FollowUp, Invitation, Rating, TallyMonth
from .rankings import KEYS, count_all, month_bounds, rankings, scored
from .tallies import months_to_refresh, stored_rankings
from .views_public import COLUMNS, export_rows, month_of, named

STEPS = {
    "verify": (followup.followup_verify, "verification", _("核实情况"), _("已记录核实情况，请在期限内整改。")),
    "rectify": (followup.followup_rectify, "rectification", _("整改情况"), _("已整改，结果已告知评价人。")),
    "appeal": (followup.followup_appeal, "reason", _("申诉理由"), _("申诉已提交，等待电子监察审核。")),
}


class TextForm(ZtForm):
    text = forms.CharField(label=_("说明"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["text"].label = label
        styled(self)


def _follow_ups(user):
    """His departments' 差评; a supervisor's, every one his data scope covers."""
    # every follow-up is a 差评's (followup.follow_up_open): said, so that the index of 差评 serves the order
    rows = (
        FollowUp.objects.filter(rating__score__in=BAD_SCORES)
        .select_related("rating__invitation", "rating__department")
        .order_by("-rating__at")
    )
    return rows.filter(q) if (q := _covered(user, "rating__department")) is not None else rows


def _covered(user, department: str) -> Q | None:
    """His departments' rows; a supervisor's, every row his data scope covers (None: every row)."""
    own = Q(**{f"{department}_id__in": workplaces(user)})
    if may_supervise(user):
        covered = scope_condition(user, department_fields=(department,))
        return None if covered is None else own | covered
    return own


def _listed_follow_ups(user, state: str) -> RowsOf:
    """The list's rows, a page's keys read from the 差评 newest first and each one's follow-up joined to it (a 差评
    has exactly one, opened in its transaction). Read from the follow-ups' side, the planner cannot know that each
    has its 差评 and estimates few: it joined and sorted every 差评 for each page (the supervisors' 34th page, 34 ms
    at 100,000 cases; 4 ms walking the index of 差评 in time order)."""
    bad = Rating.objects.filter(score__in=BAD_SCORES)
    if (covered := _covered(user, "department")) is not None:
        bad = bad.filter(covered)
    if state in FollowUp.State.values:
        bad = bad.filter(follow_up__state=state)
    keys = bad.order_by("-at").values_list("follow_up", flat=True)
    return RowsOf(FollowUp.objects.select_related("rating__invitation", "rating__department").only(*_LISTED), keys)


# What the list of 差评 shows: a row's encrypted texts (the rater's comment, the notes) stay unread and undecrypted
_LISTED = (
    "pk",
    "state",
    "rating",
    "rating__at",
    "rating__score",
    "rating__department",
    "rating__department__name",
    "rating__invitation",
    "rating__invitation__item_name",
)


@staff_required
def index(request):
    month = month_of(request.GET.get("month"))
    by_staff, by_department, counted_at = _ranked(request.user, month)
    approvers, departments = named(by_staff, "staff"), named(by_department, "department")
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"审批人员好差评排名-{month:%Y年%m月}", COLUMNS, export_rows(approvers))
    state = request.GET.get("state", "")
    # its scores are parameters: a generic plan cannot use the partial index of 差评 (decision 0020, session 60)
    with planned_for_its_values():
        page = page_of(_listed_follow_ups(request.user, state), 30, request.GET.get("page"))
    return render(
        request,
        "evaluation/staff_index.html",
        {
            "page": page,
            "clocks": followup.running_clocks([f.pk for f in page]),
            "query": pager_query(request.GET),
            "states": FollowUp.State.choices,
            "state": state,
            "month": month,
            "months": selectors.recent_months(),
            "approvers": approvers,
            "departments": departments,
            "counted_at": counted_at,
        },
    )


def _ranked(user, month, *, today: dt.date | None = None) -> tuple[list, list, dt.datetime | None]:
    """The month's approvers and departments within his data scope, and when they were counted. While the task
    still counts the month (tallies.months_to_refresh: every ten minutes), summed from the stored counts of his
    departments, as the public page reads them; an older month, whose follow-ups and appeals may still change
    after its last count, or one never counted per department, is counted now over his rows."""
    fresh = month in months_to_refresh(today or timezone.localdate())
    stored = TallyMonth.objects.filter(month=month, by_department=True).first() if fresh else None
    if stored is not None:
        departments = scope_departments(user)
        by_staff, by_department = (
            stored_rankings(month, by, departments=departments) for by in ("staff", "department")
        )
        return by_staff, by_department, stored.refreshed_at
    ratings = scope_queryset(user, Rating.objects.all())
    clocks = scope_queryset(user, Clock.objects.all())
    counted = count_all(month=month, ratings=ratings, clocks=clocks)
    return scored(counted["staff"]), scored(counted["department"]), None


def _rater(invitation) -> str:
    """For the supervisors only, masked: enough to recognise a call back, not to expose the rater."""
    rater = invitation.rater
    if rater is not None:
        # a firm's name is no person's: it is how the supervisor recognises it
        name = rater.display_name if rater.kind == User.Kind.ENTERPRISE else mask_name(rater.display_name)
        return f"{name} {mask_mobile(rater.mobile or '')}".strip()
    return mask_mobile(invitation.rater_mobile or "")


@staff_required
def detail(request, pk: int):
    found = _follow_ups(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    # A head whose role supervises is still of the rated department: he is shown neither the rater nor the appeal's
    # decision (the service refuses him that too).
    supervisor = followup.may_decide(request.user, found)
    forms = {action: TextForm(label=label, prefix=action) for action, (_s, _a, label, _d) in STEPS.items()}
    forms["decide"] = TextForm(label=_("审核意见"), prefix="decide")
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        step = "decide" if action in ("uphold", "reject") else action
        if step not in forms:
            raise Http404
        # Refused, the page comes back with what he wrote and why (nothing lost on bad input), not a redirect
        form = forms[step] = TextForm(request.POST, label=forms[step].fields["text"].label, prefix=step)
        try:
            text = form.cleaned_data["text"] if form.is_valid() else None
            if text is None:
                status = 400
            elif step in STEPS:
                service, argument, _label, done = STEPS[step]
                service(follow_up=found, by=request.user, **{argument: text})
            else:
                upheld = action == "uphold"
                followup.followup_appeal_decide(follow_up=found, by=request.user, upheld=upheld, decision=text)
                done = _("申诉审核意见已记录。")
        except ZtError as exc:
            apply_error(form, exc)
            status = exc.status
        if status == 200:
            messages.success(request, done)
            return redirect("workbench_evaluation:detail", pk=pk)
    invitation = found.rating.invitation
    return render(
        request,
        "evaluation/staff_detail.html",
        {
            "f": found,
            "rating": found.rating,
            # The rated department reads what was said as masked when said: the words may name the rater.
            "comment": found.rating.comment if supervisor else found.rating.public_comment,
            "addition": found.rating.addition if supervisor else found.rating.public_addition,
            "invitation": invitation,
            "clock": Clock.objects.filter(subject_type=followup.SUBJECT, subject_id=str(found.pk))
            .order_by("-pk")
            .first(),
            "steps": followup.allowed_steps(found, request.user),
            "supervisor": supervisor,
            "rater": _rater(invitation) if supervisor else "",
            "forms": forms,
            "refused": step if status != 200 else "",
        },
        status=status,
    )


@staff_required
@require_POST
def kiosk(request, pk: int):
    """The clerk's button: the counter's tablet page for this case opens (in the window he points at the tablet)."""
    invitation = Invitation.objects.filter(pk=pk).first()
    if invitation is None:
        raise Http404
    try:
        token = services.kiosk_open(invitation=invitation, by=request.user)
    except PermissionDenied:  # another department's case does not exist for him (audited by the service)
        raise Http404 from None
    except ZtError as exc:
        message_error(request, exc)
        back = request.POST.get("back", "")
        # Only back into the workbench: a posted address is never followed elsewhere.
        return redirect(back if back.startswith("/workbench/") and "//" not in back else "workbench_evaluation:index")
    return redirect("evaluation:kiosk", token=token)


@staff_required
def explain(request):
    """One row of a ranking explained down to its cases, within the viewer's data scope: the counts each part of the
    score was made from, the month's ratings (masked, the rater never shown) and the limits that count against the
    on-time rate (finished late, or running past their time)."""
    month = month_of(request.GET.get("month"))
    by = request.GET.get("by", "")
    if by not in KEYS:
        raise Http404
    rating_key, clock_key = KEYS[by]
    key = request.GET.get("key", "")
    if by != "item" and not (key.isascii() and key.isdigit() and len(key) <= 18):
        raise Http404  # a department's or approver's key is its id
    ratings = scope_queryset(request.user, Rating.objects.all()).filter(**{rating_key: key})
    clocks = scope_queryset(request.user, Clock.objects.all()).filter(**{clock_key: key})
    rows = [r for r in rankings(month=month, by=by, ratings=ratings, clocks=clocks) if str(r.key) == key]
    if not rows:
        raise Http404
    row = named(rows, by)[0]
    start, end = month_bounds(month)
    listed = ratings.filter(at__gte=start, at__lt=end).select_related("invitation", "follow_up").order_by("at")[:200]
    late = (
        clocks.filter(window=False, stopped_at__gte=start, stopped_at__lt=end, outcome=Outcome.LATE)
        | clocks.filter(OPEN, paused_since__isnull=True, due_at__gte=start, due_at__lt=min(end, timezone.now()))
    ).exclude(subject_type=followup.SUBJECT)
    return render(
        request,
        "evaluation/staff_explain.html",
        {
            "row": row,
            "month": month,
            "ratings": [(r, r.public_comment) for r in listed],
            "late": late.order_by("due_at")[:100],
        },
    )

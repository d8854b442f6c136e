"""The service hall in the workbench: each department's queue, an application's page with the actions this
user's department may take, and window registration of walk-in applications."""

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
from zhengtong.core.errors import NotFound, ZtError
from zhengtong.core.forms import Refused, ZtForm, apply_error, page_action, styled
from zhengtong.core.paging import page_of, pager_query
from zhengtong.evaluation.selectors import invitation_of_case
from zhengtong.files.serve import file_response
from zhengtong.org import access as org_access
from zhengtong.org.access import workplaces
from zhengtong.supervision.extensions import pending_extension
from zhengtong.supervision.models import Clock

from . import selectors, services
from .actions import STAFF_ACTIONS
from .case import APPLICATION
from .forms import ApplicationForm
from .models import Application, Branch, ServiceItem
from .queue import TITLES, as_rows, section_applications, staff_queue
from .services.common import SUBJECT
from .services.time_limits import SPECIAL_PROCEDURES
from .views_public import notice_response


@staff_required
def queue(request):
    return render(request, "approvals/staff_queue.html", {"queue": staff_queue(request.user)})


class SectionFilter(forms.Form):
    q = forms.CharField(label=_("受理编号或申请人"), max_length=50, required=False)
    sort = forms.ChoiceField(
        label=_("排序"),
        choices=[("received", _("收件时间，最早的在前")), ("due", _("期限，最紧的在前"))],
        required=False,
    )


@staff_required
def queue_section(request, section: str):
    """A queue section in full (the queue page shows its first rows): filtered, sorted by received or due time."""
    if section not in TITLES:
        raise Http404
    form = styled(SectionFilter(request.GET or None))
    form.is_valid()  # what is valid applies (a search with an unknown sort still searches); the rest is shown
    data = getattr(form, "cleaned_data", {})
    cases = section_applications(request.user, section, q=data.get("q", ""), sort=data.get("sort") or "received")
    page = page_of(cases, 50, request.GET.get("page"))
    rows = as_rows(page.object_list, workplaces(request.user), section)
    return render(
        request,
        "approvals/staff_queue_section.html",
        {"title": TITLES[section], "form": form, "page": page, "rows": rows, "query": pager_query(request.GET)},
    )


def _application(request, pk: int) -> Application:
    applications = Application.objects.select_related("item", "lead_department", "applicant")
    # a case outside what he may see does not exist for this user
    found = visible_case(APPLICATION, request.user, applications, pk=pk)
    if found is None:
        raise Http404
    return found


@staff_required
def detail(request, pk: int):
    return _detail_page(request, _application(request, pk))


def _detail_page(request, application: Application, refused: Refused = Refused()):
    user = request.user
    branches = list(application.branches.select_related("department", "decided_by"))
    my_branches = [b for b in branches if b.state == Branch.State.PENDING and org_access.works_in(user, b.department)]
    heads = selectors.extension_approvers(application)
    clocks = Clock.objects.filter(subject_type=SUBJECT, subject_id=str(application.pk)).order_by("started_at")
    allowed = allowed_actions(APPLICATION, application, user)
    return render(
        request,
        "approvals/staff_detail.html",
        {
            "application": application,
            "allowed": allowed,
            "personal": personal("applications", application, user, allowed),
            "branches": branches,
            "my_branches": my_branches,
            "events": application.events.select_related("department"),
            "materials": application.materials.select_related("material", "file"),
            "item_materials": application.item.materials.all(),
            "fields": [(f.label, application.data.get(f.key, "")) for f in application.item.fields.all()],
            "clocks": clocks,
            "extension": pending_extension(SUBJECT, application.pk),
            "heads": heads,
            "pause_reasons": [(r.value, r.label) for r in SPECIAL_PROCEDURES],
            "rating_invitation": invitation_of_case(SUBJECT, application.pk),
            "refused": refused,
        },
        status=refused.status,
    )


@staff_required
@page_action("workbench_approvals:detail", "pk")
def act(request, pk: int, action: str):
    application = _application(request, pk)
    try:
        if action not in STAFF_ACTIONS:
            raise Http404
        perform(APPLICATION, STAFF_ACTIONS, action, application, request.user, request.POST, request.FILES)
    except NotFound:
        raise Http404 from None
    except ZtError as exc:
        # the page again, as of now, with what he typed and why: nothing changed, nothing lost
        return _detail_page(request, _application(request, pk), Refused.of(action, request, exc))
    messages.success(request, _("已办理。"))
    return redirect("workbench_approvals:detail", pk=pk)


@staff_required
def material_file(request, pk: int, material_id: int):
    application = _application(request, pk)
    return file_response(get_object_or_404(application.materials.select_related("file"), pk=material_id).file)


class WalkInForm(ZtForm):
    applicant_name = forms.CharField(
        label=_("申请人（姓名或单位名称）"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    contact_mobile = forms.CharField(
        label=_("联系电话"), max_length=20, required=False, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    received_at = forms.DateTimeField(
        label=_("收件时间"),
        widget=forms.DateTimeInput(attrs={"class": "form-control", "type": "datetime-local"}),
        help_text=_("申请人实际递交材料的时间，时限从此起算。"),
    )

    def clean_received_at(self):
        value = self.cleaned_data["received_at"]
        if value > timezone.now() + dt.timedelta(minutes=5):
            raise forms.ValidationError(_("收件时间不能晚于现在。"), code="RECEIVED_IN_FUTURE")
        return value


@staff_required
def register(request):
    departments = org_access.departments_of(request.user)
    items = ServiceItem.objects.filter(published=True, lead_department__in=departments).order_by("code")
    item = items.filter(code=request.GET.get("item") or request.POST.get("item")).first()
    if item is None:
        return render(request, "approvals/staff_register_choose.html", {"items": items})
    walk_in = WalkInForm(request.POST or None, initial={"received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")})
    form = ApplicationForm(request.POST or None, request.FILES or None, item=item)
    status = 200
    if request.method == "POST" and walk_in.is_valid() and form.is_valid():
        try:
            application = services.application_submit(
                item=item,
                applicant=None,
                data=form.values(),
                uploads=form.uploads(),
                channel=Application.Channel.WINDOW,
                received_at=walk_in.cleaned_data["received_at"],
                registered_by=request.user,
                applicant_name=walk_in.cleaned_data["applicant_name"],
                contact_mobile=walk_in.cleaned_data["contact_mobile"],
            )
        except ZtError as exc:  # beside the field it names, in whichever of the two forms holds it
            apply_error(walk_in if set(exc.fields) & set(walk_in.fields) else form, exc)
            status = exc.status
        else:
            messages.success(
                request,
                _("已登记，受理编号 %(no)s，查询码 %(code)s（请告知申请人，只显示这一次）。")
                % {"no": application.receipt_no, "code": application.query_code},
            )
            return redirect("workbench_approvals:detail", pk=application.pk)
    return render(
        request, "approvals/staff_register.html", {"item": item, "walk_in": walk_in, "form": form}, status=status
    )


@staff_required
def notice(request, pk: int, notice_id: int, fmt: str):
    found = _application(request, pk).notices.select_related("department").filter(pk=notice_id).first()
    if found is None:
        raise Http404
    return notice_response(found, fmt)

"""网站自查 in the workbench: the latest report for the supervisors and the site's editors, and a button to run it
now (a task)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zhengtong.accounts.access import staff_required

from . import inspection


@staff_required
def report(request):
    if not inspection.may_read(request.user):
        raise PermissionDenied
    if request.method == "POST":
        from .tasks import inspect_website

        inspect_website()
        messages.info(request, _("自查已开始，几分钟后刷新本页查看结果。"))
        return redirect("workbench:inspection")
    return render(request, "workbench/inspection.html", {"report": inspection.latest()})

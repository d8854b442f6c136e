from __future__ import annotations

from django.shortcuts import render

from zhengtong.accounts.access import staff_required
from zhengtong.org import selectors as org_selectors
from zhengtong.org.duties import user_duties
from zhengtong.org.models import Duty, Role
from zhengtong.org.scopes import user_scope
from zhengtong.supervision.access import may_supervise
from zhengtong.supervision.selectors import my_open_clocks


@staff_required
def home(request):
    user = request.user
    duties = user_duties(user)
    return render(
        request,
        "workbench/home.html",
        {
            "memberships": org_selectors.user_memberships(user),
            "roles": Role.objects.filter(grants__user=user).order_by("name"),
            "scope": user_scope(user).describe(),
            "is_admin": bool(duties & {Duty.SYSTEM, Duty.SECURITY}),
            "is_auditor": Duty.AUDIT in duties,
            "clocks": my_open_clocks(user),
            "supervises": may_supervise(user),
        },
    )

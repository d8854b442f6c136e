"""Who may open the supervision pages, and which clock a user may see (his data scope, or his own clocks)."""

from __future__ import annotations

from django.http import Http404

from zhengtong.accounts.models import User
from zhengtong.org.access import rights
from zhengtong.org.models import RoleGrant

from .models import Clock
from .selectors import visible_clocks


def may_supervise(user) -> bool:
    return rights(user).supervises


def supervisors():
    """The active staff holding a supervising role (电子监察), who are told of what they watch."""
    return User.objects.filter(is_active=True, pk__in=RoleGrant.objects.filter(role__supervises=True).values("user_id"))


def access_clock_by_id(user, clock_id: int) -> Clock:
    """The only way a page fetches one clock: outside the user's scope it does not exist (404, no hint)."""
    clock = visible_clocks(user).select_related("department", "assignee").filter(pk=clock_id).first()
    if clock is None:
        raise Http404
    return clock

"""三员分立: which administrator duty a user holds, and the checks every admin page makes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhengtong.core.errors import PermissionDenied

from .models import Duty, Role

DUTY_CONFLICT = ("DUTY_CONFLICT", _("三员职责不得兼任：系统管理员、安全管理员、审计管理员须由不同人员担任。"))


def user_duties(user) -> set[str]:
    if not (user and user.is_authenticated and user.is_active):
        return set()
    return set(Role.objects.filter(grants__user=user).exclude(duty="").values_list("duty", flat=True))


def has_duty(user, duty: str) -> bool:
    """A duty counts only after the second factor: an administrator's password alone opens nothing."""
    return duty in user_duties(user) and bool(getattr(user, "is_verified", lambda: False)())


def require_duty(user, duty: str) -> None:
    if not has_duty(user, duty):
        raise PermissionDenied(_("此功能仅限%(duty)s使用。") % {"duty": Duty(duty).label}, code="DUTY_REQUIRED")

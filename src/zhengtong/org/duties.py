"""三员分立: which administrator duty a user holds, and the checks every admin page makes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhengtong.core.errors import PermissionDenied

from .access import rights
from .models import Duty

DUTY_CONFLICT = ("DUTY_CONFLICT", _("三员职责不得兼任：系统管理员、安全管理员、审计管理员须由不同人员担任。"))
SELF_GRANT = ("SELF_GRANT", _("不得给自己授予角色或职责，请由另一名安全管理员办理。"))
SELF_REVOKE = ("SELF_REVOKE", _("不得撤销自己的角色或职责，请由另一名安全管理员办理。"))
SECOND_ADMINISTRATOR = (
    "SECOND_ADMINISTRATOR_REQUIRED",
    _("管理员职责须由授权人和被授权人以外的另一名安全管理员复核。"),
)


def user_duties(user) -> set[str]:
    """The duties that count: a duty waiting for its second administrator's approval does not count yet."""
    return set(rights(user).duties)


def has_duty(user, duty: str) -> bool:
    """A duty counts only after the second factor: an administrator's password alone opens nothing."""
    return duty in user_duties(user) and bool(getattr(user, "is_verified", lambda: False)())


def require_duty(user, duty: str) -> None:
    if not has_duty(user, duty):
        raise PermissionDenied(_("此功能仅限%(duty)s使用。") % {"duty": Duty(duty).label}, code="DUTY_REQUIRED")

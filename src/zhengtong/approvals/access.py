"""May this user act for this department on this application? One place, one condition per line."""

from __future__ import annotations

from zhengtong.accounts.models import User
from zhengtong.core.errors import PermissionDenied, refuse
from zhengtong.org.models import Membership

from . import errors


def works_in(user, department) -> bool:
    """Staff of the department itself or of one of its offices (内设机构)."""
    return Membership.objects.filter(user=user, department__path__startswith=department.path).exists()


def may_see(user, application) -> bool:
    """Staff of the lead department or of any department with a review branch on it."""
    if works_in(user, application.lead_department):
        return True
    return any(works_in(user, b.department) for b in application.branches.select_related("department"))


def require_department(user, department) -> None:
    """The second factor is the views' concern (staff_required); services also run from commands and tasks."""
    if not (user and user.is_active and user.kind == User.Kind.STAFF and works_in(user, department)):
        raise refuse(errors.OTHER_DEPARTMENT, PermissionDenied)


def require_applicant(user, application) -> None:
    if not (user and user.is_authenticated and application.applicant_id == user.pk):
        raise refuse(errors.NOT_APPLICANT, PermissionDenied)

"""May this user see or act on this application? Who works where is org's one rule (org/access.py)."""

from __future__ import annotations

from zhengtong.core.errors import PermissionDenied, refuse
from zhengtong.org.access import works_in, works_in_any

from . import errors

__all__ = ["may_see", "require_applicant", "works_in"]


def may_see(user, application) -> bool:
    """Staff of the lead department or of any department with a review branch on it."""
    if works_in(user, application.lead_department_id):
        return True
    return works_in_any(user, application.branches.values_list("department_id", flat=True))


def require_applicant(user, application) -> None:
    if not (user and user.is_authenticated and application.applicant_id == user.pk):
        raise refuse(errors.NOT_APPLICANT, PermissionDenied)

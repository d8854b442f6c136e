"""May this user act on this application? Who works where is org's one rule (org/access.py); what he may see is
the case engine's (cases/visibility.py)."""

from __future__ import annotations

from django.db.models import QuerySet

from zhengtong.cases.visibility import visible
from zhengtong.core.errors import PermissionDenied, refuse
from zhengtong.org.access import works_in

from . import errors
from .case import APPLICATION

__all__ = ["require_applicant", "staff_visible", "works_in"]


def staff_visible(user, applications: QuerySet) -> QuerySet:
    """The applications of `applications` this member of staff may see (his scope, and what waits on him)."""
    return visible(APPLICATION, user, applications)


def require_applicant(user, application) -> None:
    if not (user and user.is_authenticated and application.applicant_id == user.pk):
        raise refuse(errors.NOT_APPLICANT, PermissionDenied)

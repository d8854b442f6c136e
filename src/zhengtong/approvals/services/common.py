"""What every approvals service shares: the clocks' subject, events, state guards, access denials."""

from __future__ import annotations

from django.utils import timezone

from zhengtong.cases import guards, lookup, transitions
from zhengtong.supervision.models import Clock

from .. import errors
from ..case import APPLICATION
from ..models import Application, Event

SUBJECT = APPLICATION.subject


def locked(application: Application) -> Application:
    return guards.locked(Application.objects.select_related("item", "lead_department"), application)


# The applicant's own actions are refused with the applicant's code; every other with the department's.
_REFUSALS = {"resubmit": errors.NOT_APPLICANT, "withdraw": errors.NOT_APPLICANT}


def require_may(user, application: Application, action: str) -> None:
    """The transition table's "who" for `action` (approvals/case.py), refused and audited."""
    transitions.require_may(APPLICATION, application, user, action, _REFUSALS.get(action, errors.OTHER_DEPARTMENT))


def require_state_for(application: Application, action: str, user) -> None:
    """The transition table's states for `action`, refused (409, the state named) and audited."""
    transitions.require_state_for(APPLICATION, application, action, errors.WRONG_STATE, user)


def require_department(user, department, application: Application, action: str) -> None:
    guards.require_works_in(APPLICATION, user, department, application, action, errors.OTHER_DEPARTMENT)


def event(application: Application, action: str, label: str, *, department=None, note: str = "") -> Event:
    return Event.objects.create(
        application=application, at=timezone.now(), action=action, label=label, department=department, note=note
    )


def open_clocks(application: Application, **filters):
    return Clock.objects.filter(
        subject_type=SUBJECT, subject_id=str(application.pk), stopped_at__isnull=True, **filters
    )


def query_hash(receipt_no: str, code: str) -> str:
    return lookup.query_hash(APPLICATION, receipt_no, code)

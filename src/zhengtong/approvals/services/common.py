"""What every approvals service shares: the clocks' subject, events, state guards, access denials."""

from __future__ import annotations

from django.utils import timezone

from zhengtong.cases import guards, lookup
from zhengtong.notifications.services import notify
from zhengtong.supervision.models import Clock

from .. import errors
from ..case import APPLICATION
from ..models import Application, Event

SUBJECT = APPLICATION.subject


def locked(application: Application) -> Application:
    return guards.locked(Application.objects.select_related("item", "lead_department"), application)


def require_status(application: Application, *statuses) -> None:
    guards.require_state(APPLICATION, application, statuses, errors.WRONG_STATE)


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


def tell_applicant(application: Application, title: str) -> None:
    if application.applicant_id:
        notify(
            recipients=[application.applicant],
            title=f"{application.item.name}：{title}",
            link=f"/services/applications/{application.receipt_no}/",
            channels=("site", "sms"),
        )


def query_hash(receipt_no: str, code: str) -> str:
    return lookup.query_hash(APPLICATION, receipt_no, code)

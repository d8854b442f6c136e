"""What every approvals service shares: the clocks' subject, events, state guards, access denials."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from zhengtong.audit.services import audit_record
from zhengtong.core.codes import keyed_hash
from zhengtong.core.errors import InvalidTransition, PermissionDenied, refuse
from zhengtong.notifications.services import notify
from zhengtong.supervision.models import Clock

from .. import access, errors
from ..models import Application, Event

SUBJECT = "approvals.application"


def locked(application: Application) -> Application:
    return Application.objects.select_for_update().select_related("item", "lead_department").get(pk=application.pk)


def require_status(application: Application, *statuses) -> None:
    if application.status not in statuses:
        raise refuse(errors.WRONG_STATE, InvalidTransition, status=application.get_status_display())


def require_department(user, department, application: Application, action: str) -> None:
    """Refuse and audit (in its own transaction, so the record survives the refusal) an access attempt."""
    try:
        access.require_department(user, department)
    except PermissionDenied:
        with transaction.atomic():
            audit_record(action=f"approvals.denied.{action}", obj=application,
                         changes={"department": [None, department.name], "user": [None, getattr(user, "username", "")]})
        raise


def event(application: Application, action: str, label: str, *, department=None, note: str = "") -> Event:
    return Event.objects.create(application=application, at=timezone.now(), action=action, label=label,
                                department=department, note=note)


def open_clocks(application: Application, **filters):
    return Clock.objects.filter(subject_type=SUBJECT, subject_id=str(application.pk), stopped_at__isnull=True, **filters)


def tell_applicant(application: Application, title: str) -> None:
    if application.applicant_id:
        notify(recipients=[application.applicant], title=f"{application.item.name}：{title}",
               link=f"/services/applications/{application.receipt_no}/", channels=("site", "sms"))


def query_hash(receipt_no: str, code: str) -> str:
    return keyed_hash("zhengtong-query-code:", f"{receipt_no}:{code}")

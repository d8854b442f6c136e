"""The electronic-licence register fed by the service hall: a licence granted there is written here by the
decision that grants it, once per application."""

from __future__ import annotations

from django.utils import timezone

from zhengtong.audit.services import audit_record
from zhengtong.core.errors import Conflict, refuse_on

from .. import errors
from ..models import Licence


def licence_record(
    *,
    application_id: int,
    number: str,
    kind: str,
    holder_name: str,
    issued_by,
    item_code: str,
    holder_uscc: str = "",
    holder_id: str = "",
    valid_until=None,
) -> Licence | None:
    """Inside the decision's transaction. None when there is no licence number to record."""
    number = (number or "").strip()[:100]
    if not number or not kind:
        return None
    taken = Licence.objects.filter(issued_by=issued_by, number=number).exclude(application_id=application_id)
    if taken.exists():
        raise refuse_on("certificate_no", errors.LICENCE_TAKEN, Conflict, number=number)
    licence, created = Licence.objects.update_or_create(
        application_id=application_id,
        defaults={
            "number": number,
            "kind": kind[:100],
            "holder_name": holder_name[:200],
            "holder_uscc": holder_uscc or "",
            "holder_id": holder_id or "",
            "issued_by": issued_by,
            "source": issued_by,
            "issued_on": timezone.localdate(),
            "valid_until": valid_until,
            "item_code": item_code[:64],
        },
    )
    audit_record(
        action="sharing.licence.record" if created else "sharing.licence.update",
        obj=licence,
        changes={"number": [None, licence.number], "kind": [None, licence.kind]},
    )
    return licence

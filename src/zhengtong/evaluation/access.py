"""Refused access attempts on 好差评 (someone else's invitation, a forged link, another department's 差评, the
tablet opened by the wrong clerk), audited in a transaction of their own: written before any service transaction
opens, so a refusal's rollback cannot take the record with it."""

from __future__ import annotations

from django.db import transaction

from zhengtong.audit.services import audit_record


def denied(action: str, *, by=None, obj=None, object_type: str = "", object_id: str = "", **said) -> None:
    """`said`: what else the row keeps (a refused step's code and the state it stood in, after its service's
    transaction rolled back)."""
    changes = {"user": [None, getattr(by, "username", "") or ""]} if by is not None else {}
    changes.update({key: [None, value] for key, value in said.items()})
    target = {"obj": obj} if obj is not None else {"object_type": object_type, "object_id": object_id}
    with transaction.atomic(durable=True):
        audit_record(action=action, changes=changes, **target)

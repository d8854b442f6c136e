"""Refused access attempts on 好差评 (someone else's invitation, a forged link, another department's 差评, the
tablet opened by the wrong clerk), audited in a transaction of their own: written before any service transaction
opens, so a refusal's rollback cannot take the record with it."""

from __future__ import annotations

from django.db import transaction

from zhengtong.audit.services import audit_record


def denied(action: str, *, by=None, obj=None, object_type: str = "", object_id: str = "") -> None:
    changes = {"user": [None, getattr(by, "username", "") or ""]} if by is not None else {}
    target = {"obj": obj} if obj is not None else {"object_type": object_type, "object_id": object_id}
    with transaction.atomic(durable=True):
        audit_record(action=action, changes=changes, **target)


def refused(action: str, *, by, obj, code: str, state: str) -> None:
    """A step refused for the follow-up's state or for what was written (its code and the state it stood in): the
    service's transaction has rolled back, so the row is written in one of its own, as `denied`'s is."""
    changes = {"user": [None, getattr(by, "username", "") or ""], "code": [None, code], "state": [None, state]}
    with transaction.atomic(durable=True):
        audit_record(action=action, obj=obj, changes=changes)

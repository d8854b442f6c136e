"""audit_record: the one way to write the operation log, called inside the service's own transaction."""

from __future__ import annotations

import json

from django.db import connection, models, transaction
from django.utils import timezone

from zhengtong import privacy

from .chain import GENESIS, LOGIN_HASHED_FIELDS, entry_hash
from .context import count_written, current_actor
from .models import LoginLog, OperationLog

# Any fixed 64-bit numbers; every writer of a chain takes that chain's PostgreSQL advisory lock.
_CHAIN_LOCK = 0x7A74_6175_6469_7431
_LOGIN_CHAIN_LOCK = 0x7A74_6C6F_6769_6E31


def _lock_chain(lock: int = _CHAIN_LOCK) -> None:
    """Serialise appends so two writers never read the same tail and fork the chain.

    PostgreSQL: a transaction-scoped advisory lock. SQLite: transactions begin IMMEDIATE (settings), so the
    writer already holds the database's single write lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock])


def _masked(value):
    if isinstance(value, str):
        return privacy.mask(value) if privacy.may_hold(value) else value
    if isinstance(value, dict):
        return {key: _masked(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_masked(item) for item in value]
    return value


def _named(obj) -> str:
    """The object as people read it: its own name, or, for a model that gives none ("FollowUp object (89)"), the
    model's name and the row's key (差评整改 89)."""
    if type(obj).__str__ is models.Model.__str__:
        return f"{obj._meta.verbose_name} {obj.pk}"
    return str(obj)


def audit_record(
    *,
    action: str,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: dict | None = None,
) -> OperationLog:
    """Append one entry. `action` is namespaced (`org.department.create`); `changes` maps field -> [old, new]."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or _named(obj)[:200]
    elif object_id and not object_repr:  # a row named by its key alone (a status lookup's receipt number)
        object_repr = object_id[:200]
    # The log is append-only and read by auditors, not the place for a person's numbers: what a description or a
    # change holds is masked (a file's name, a title, a reason typed with a mobile in it).
    object_repr, changes = _masked(object_repr), _masked(changes or {})
    actor = current_actor()
    # No savepoint of its own: an entry that cannot be written must undo the caller's change with it, and a
    # savepoint would only add two round trips to every audited action.
    with transaction.atomic(savepoint=False):
        _lock_chain()
        tail = OperationLog.objects.order_by("-seq").values("seq", "hash").first()
        fields = {
            "seq": (tail["seq"] + 1) if tail else 1,
            "at": timezone.now(),
            "actor_id": actor.user_id,
            "actor_name": actor.name,
            "department_id": actor.department_id,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "object_repr": object_repr[:200],
            "changes": changes or {},
            "ip": actor.ip,
            "prev_hash": tail["hash"] if tail else GENESIS,
        }
        # Hash what the database will give back: JSON round-trips through text, so hash the round-tripped form.
        fields["changes"] = _json_roundtrip(fields["changes"])
        entry = OperationLog.objects.create(hash=entry_hash(fields), **fields)
    count_written()
    return entry


def _json_roundtrip(value):
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def login_record(*, username: str, outcome: str, user_id: int | None = None) -> LoginLog:
    actor = current_actor()
    # what was typed, masked when it is a mobile, an ID number or an e-mail: the log shows 138****0001
    typed = privacy.mask(username[:150])
    with transaction.atomic():
        _lock_chain(_LOGIN_CHAIN_LOCK)
        tail = LoginLog.objects.order_by("-seq").values("seq", "hash").first()
        fields = {
            "seq": (tail["seq"] + 1) if tail else 1,
            "at": timezone.now(),
            "username": typed,
            "user_id": user_id,
            "outcome": outcome,
            "ip": actor.ip,
            "user_agent": (actor.user_agent or "")[:300],
            "prev_hash": tail["hash"] if tail else GENESIS,
        }
        return LoginLog.objects.create(hash=entry_hash(fields, names=LOGIN_HASHED_FIELDS), **fields)


def changed_fields(old: dict, new: dict) -> dict:
    """{field: [old, new]} for the fields whose value differs; used by services to fill `changes`."""
    return {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}

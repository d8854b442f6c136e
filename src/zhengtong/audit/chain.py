"""The HMAC chains over the operation log and the login log.

entry.hash = HMAC(key, canonical(entry fields) + prev_hash). A changed field breaks its own hash; a deleted
or inserted row breaks the seq run and the next prev_hash; a reordering breaks prev_hash. Keyed so that
write access to the table alone is not enough to forge a consistent tail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_name",
    "department_id",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
    "ip",
    "prev_hash",
)
# The login log's own chain: a failed attempt rewritten as a success, or deleted, is as much a finding.
LOGIN_HASHED_FIELDS = ("seq", "at", "username", "user_id", "outcome", "ip", "user_agent", "prev_hash")


def chain_key() -> bytes:
    if settings.AUDIT_KEY:
        return settings.AUDIT_KEY.encode()
    return hashlib.sha256(b"zhengtong-audit-chain:" + settings.SECRET_KEY.encode()).digest()


def key_id(key: bytes | None = None) -> str:
    """A short fingerprint of the chain key, safe to write down anywhere: a restore or a verification run can
    then say "this is not the key the log was written with" instead of reporting every entry as tampered."""
    return hmac.new(key or chain_key(), b"zhengtong-audit-key-id", hashlib.sha256).hexdigest()[:16]


def canonical(fields: dict, names: tuple[str, ...] = HASHED_FIELDS) -> bytes:
    values = {name: fields[name] for name in names}
    # In UTC, as the database returns it: an entry stamped in another zone must hash the same when read back.
    values["at"] = values["at"].astimezone(dt.timezone.utc).isoformat(timespec="microseconds")
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def entry_hash(fields: dict, key: bytes | None = None, names: tuple[str, ...] = HASHED_FIELDS) -> str:
    return hmac.new(key or chain_key(), canonical(fields, names), hashlib.sha256).hexdigest()


@dataclass
class VerifyResult:
    checked: int
    bad_seq: int | None = None
    reason: str = ""
    log: str = "操作日志"

    @property
    def bad_position(self) -> int | None:
        """1-based place of the first bad entry in storage order (what an investigator looks up)."""
        return None if self.bad_seq is None else self.checked + 1

    @property
    def ok(self) -> bool:
        return self.bad_seq is None


def verify(
    entries: Iterable[dict], key: bytes | None = None, names: tuple[str, ...] = HASHED_FIELDS, log: str = "操作日志"
) -> VerifyResult:
    """`entries` in storage order (by primary key), each a dict of `names` plus `hash`."""
    key = key or chain_key()
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    for entry in entries:
        seq = entry["seq"]
        if seq != expected_seq:
            kind = "缺失（被删除）" if seq > expected_seq else "重复或顺序被调换"
            return VerifyResult(checked, seq, f"序号应为 {expected_seq}，实为 {seq}：日志{kind}", log)
        if entry["prev_hash"] != prev_hash:
            return VerifyResult(checked, seq, "前序哈希不符：日志被插入、删除或调换顺序", log)
        if not hmac.compare_digest(entry_hash(entry, key, names), entry["hash"]):
            return VerifyResult(checked, seq, "内容哈希不符：日志内容被修改", log)
        prev_hash, expected_seq, checked = entry["hash"], seq + 1, checked + 1
    return VerifyResult(checked, log=log)

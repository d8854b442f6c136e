"""The exchange log (X-Road's message log, the shape this copies): every call appended in order, each entry
holding the SHA-256 of the one before it; every minute the entries since the last seal are sealed by a batch
whose signature covers the newest entry's hash and the previous batch's signature. The hash is not keyed, so
anyone holding the public key can check the whole log; the signature is what a forger cannot make.

`verify` finds an entry changed (its hash), removed or inserted (the sequence and the next entry's link), and a
chain rebuilt after a change (the sealing batch's hash and signature no longer agree). Entries newer than the
last seal are only as good as the database until the next seal; the verification says how many there are.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from zhengtong.audit.chain import GENESIS, canonical
from zhengtong.core.sql import lock_for_transaction

from .models import ExchangeBatch, ExchangeEntry
from .signing import signer

HASHED = (
    "seq",
    "at",
    "grant_id",
    "resource_code",
    "consumer_id",
    "provider_id",
    "caller",
    "fields",
    "query_hash",
    "rows",
    "outcome",
    "prev_hash",
)
_LOCK = "zhengtong-exchange-log"


def entry_hash(values: dict) -> str:
    return hashlib.sha256(canonical(values, HASHED)).hexdigest()


def append(**values) -> ExchangeEntry:
    """One entry at the tail, inside the caller's transaction (the lock holds the tail until it commits)."""
    with transaction.atomic():
        lock_for_transaction(_LOCK)
        tail = ExchangeEntry.objects.order_by("-seq").values("seq", "hash").first()
        values.update(
            seq=(tail["seq"] + 1) if tail else 1, at=timezone.now(), prev_hash=tail["hash"] if tail else GENESIS
        )
        return ExchangeEntry.objects.create(**values, hash=entry_hash(values))


def _payload(first: int, last: int, last_hash: str, prev_signature: str) -> bytes:
    return f"zhengtong-exchange-log:{first}:{last}:{last_hash}:{prev_signature}".encode()


def seal() -> ExchangeBatch | None:
    """Sign the entries since the last batch; None when there are none."""
    with transaction.atomic():
        lock_for_transaction(_LOCK)
        previous = ExchangeBatch.objects.order_by("-last_seq").first()
        tail = ExchangeEntry.objects.order_by("-seq").values("seq", "hash").first()
        done = previous.last_seq if previous else 0
        if tail is None or tail["seq"] <= done:
            return None
        prev_signature = previous.signature if previous else ""
        key = signer()
        signature = key.sign(_payload(done + 1, tail["seq"], tail["hash"], prev_signature)).hex()
        return ExchangeBatch.objects.create(
            first_seq=done + 1,
            last_seq=tail["seq"],
            last_hash=tail["hash"],
            prev_signature=prev_signature,
            signature=signature,
            algorithm=key.algorithm,
            key_id=key.key_id,
            signed_at=timezone.now(),
        )


@dataclass
class Verification:
    entries: int = 0
    batches: int = 0
    unsealed: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _check_entries(result: Verification, ends: set[int]) -> tuple[dict[int, str], int]:
    """Walk the entries in order; the hashes at the batches' ends, and the last seq."""
    hashes: dict[int, str] = {}
    expected, prev = 1, GENESIS
    for entry in ExchangeEntry.objects.order_by("seq").values(*HASHED, "hash").iterator(chunk_size=5000):
        seq = entry["seq"]
        if seq != expected:
            result.problems.append(
                f"第 {expected} 至 {seq - 1} 条缺失（被删除）" if seq > expected else f"第 {seq} 条重复"
            )
        elif entry["prev_hash"] != prev:
            result.problems.append(f"第 {seq} 条的前序哈希不符：日志被插入、删除或调换")
        if not hmac.compare_digest(entry_hash(entry), entry["hash"]):
            result.problems.append(f"第 {seq} 条内容哈希不符：内容被修改")
        if seq in ends:
            hashes[seq] = entry["hash"]
        expected, prev = seq + 1, entry["hash"]
        result.entries += 1
    return hashes, expected - 1


def verify() -> Verification:
    result = Verification()
    batches = list(ExchangeBatch.objects.order_by("first_seq"))
    hashes, last = _check_entries(result, {b.last_seq for b in batches})
    key, done, prev_signature = signer(), 0, ""
    for batch in batches:
        result.batches += 1
        where = f"签名批次 {batch.first_seq}–{batch.last_seq}"
        if batch.first_seq != done + 1 or batch.prev_signature != prev_signature:
            result.problems.append(f"{where} 与上一批次不衔接：批次被删除或插入")
        if batch.key_id != key.key_id:
            result.problems.append(f"{where} 由另一把密钥签名（{batch.key_id}），无法用当前公钥核验")
        elif not _signed(key, batch):
            result.problems.append(f"{where} 签名无效：批次被伪造或修改")
        if hashes.get(batch.last_seq) != batch.last_hash:
            result.problems.append(f"{where} 覆盖的日志与签名时不一致：其中的条目被修改、删除或重建")
        done, prev_signature = batch.last_seq, batch.signature
    result.unsealed = max(0, last - done)
    return result


def _signed(key, batch: ExchangeBatch) -> bool:
    try:
        signature = bytes.fromhex(batch.signature)
    except ValueError:
        return False
    return key.verify(signature, _payload(batch.first_seq, batch.last_seq, batch.last_hash, batch.prev_signature))

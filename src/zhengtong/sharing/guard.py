"""The exchange log is appended to and never changed (issue 25; decision 0019): the database refuses a deletion,
a change to what a call did, and any change to a row or a batch once sealed. The seal writes a row's place in the
chain (seq, prev_hash, hash, batch) once, while it is unsealed. A row deleted before its seal used to go unnoticed:
verify vouches for sealed rows only."""

from __future__ import annotations

from zhengtong.core import append_only
from zhengtong.core.append_only import Refusal

from .log import CONTENT

ENTRIES, BATCHES = "sharing_exchangeentry", "sharing_exchangebatch"
# What a call did: fixed from its insert (the chain's own columns are written once, by the seal).
CALL = tuple(name for name in CONTENT if name != "id")
MESSAGE = "交换日志只允许追加，不得修改或删除"

REFUSALS = (
    Refusal("exchange_entry_no_delete", ENTRIES, "DELETE", MESSAGE),
    Refusal("exchange_entry_call_fixed", ENTRIES, "UPDATE", MESSAGE, columns=CALL),
    Refusal("exchange_entry_sealed_fixed", ENTRIES, "UPDATE", MESSAGE, when="OLD.seq IS NOT NULL"),
    Refusal("exchange_batch_no_delete", BATCHES, "DELETE", MESSAGE),
    Refusal("exchange_batch_fixed", BATCHES, "UPDATE", MESSAGE),
)


def install(connection) -> None:
    append_only.install(connection, REFUSALS)


def remove(connection) -> None:
    append_only.remove(connection, REFUSALS)

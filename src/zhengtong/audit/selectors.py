from __future__ import annotations

from collections.abc import Iterator

from .chain import HASHED_FIELDS, VerifyResult, verify
from .models import OperationLog


def chain_entries(batch: int = 5000) -> Iterator[dict]:
    """Every entry in storage (primary key) order, streamed: the log can hold millions of rows."""
    yield from OperationLog.objects.order_by("pk").values(*HASHED_FIELDS, "hash").iterator(chunk_size=batch)


def chain_verify() -> VerifyResult:
    return verify(chain_entries())


def chain_head() -> dict | None:
    return OperationLog.objects.order_by("-seq").values("seq", "hash").first()

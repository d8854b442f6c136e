from __future__ import annotations

from collections.abc import Iterator

from django.db import models

from .chain import HASHED_FIELDS, LOGIN_HASHED_FIELDS, VerifyResult, verify
from .models import LoginLog, OperationLog

# Each chained log: its hashed fields and the name an operator reads in a report.
CHAINS: dict[type[models.Model], tuple[tuple[str, ...], str]] = {
    OperationLog: (HASHED_FIELDS, "操作日志"),
    LoginLog: (LOGIN_HASHED_FIELDS, "登录日志"),
}


def chain_entries(model: type[models.Model] = OperationLog, batch: int = 5000) -> Iterator[dict]:
    """Every entry in storage (primary key) order, streamed: the log can hold millions of rows."""
    names, _label = CHAINS[model]
    yield from model.objects.order_by("pk").values(*names, "hash").iterator(chunk_size=batch)


def chain_verify(model: type[models.Model] = OperationLog) -> VerifyResult:
    names, label = CHAINS[model]
    return verify(chain_entries(model), names=names, log=label)


def chains_verify() -> list[VerifyResult]:
    """Every chained log, the operation log first."""
    return [chain_verify(model) for model in CHAINS]


def chain_head(model: type[models.Model] = OperationLog) -> dict | None:
    return model.objects.order_by("-seq").values("seq", "hash").first()

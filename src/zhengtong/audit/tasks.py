"""Nightly verification of the audit chain and its anchor every ten minutes (等保2.0 安全审计: protect the
records and check them)."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from . import anchor
from .context import Actor, acting_as
from .selectors import chain_verify
from .services import audit_record

log = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="2", minute="15"))
@lock_task("audit-chain-verify")
def verify_chain_nightly():
    """Record the outcome in the chain itself, so the audit administrator sees every check (and a gap in
    the nightly entries is itself a finding)."""
    result = chain_verify()
    if not result.ok:
        log.error("审计日志校验失败：第 %s 条（序号 %s）：%s", result.bad_position, result.bad_seq, result.reason)
    with acting_as(Actor(name="系统:夜间校验")):
        audit_record(
            action="audit.chain.verify",
            object_type="audit.operationlog",
            changes={"checked": result.checked, "ok": result.ok, "bad_seq": result.bad_seq, "reason": result.reason},
        )
    return result.ok


@db_periodic_task(crontab(minute="*/10"))
@lock_task("audit-chain-anchor")
def anchor_chain():
    """The head, signed, outside the database: what a cut tail is found against (audit/anchor.py)."""
    anchor.write_anchor()
